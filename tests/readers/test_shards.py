import gzip
import json
from itertools import islice

from vinews.readers import iter_pages
from vinews.readers.shards import LazyShard, load, shards


def _write(path, records):
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")


def _driver_batches(files, size):
    it = iter_pages(files)
    out = []
    while batch := list(islice(it, size)):
        out.append(batch)
    return out


def _key(p):
    return (p.id, p.text, p.url, p.site, p.meta, p.reject_reason)


def test_worker_read_shards_hold_the_driver_pages(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write(a, [{"id": f"a{i}", "text": f"Trang {i}\n\nĐoạn văn thứ {i}.", "url": f"https://bao.vn/{i}"} for i in range(5)]
           + ["", "   ", "{not json", {"text": ""}, {"id": "a-last", "text": "Cuối tệp."}])
    _write(b, [{"id": f"b{i}", "html": f"<p>Bài {i}</p>"} for i in range(4)])
    files = [a, b]
    for size in (1, 3, 4, 7, 100):
        lazy = list(shards(files, None, size, iter_pages(files)))
        assert all(isinstance(s, LazyShard) for s in lazy)
        want = _driver_batches(files, size)
        assert [len(s) for s in lazy] == [len(w) for w in want]
        assert [[_key(p) for p in load(s)] for s in lazy] == [[_key(p) for p in w] for w in want]


def test_compressed_input_is_read_by_the_driver(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(json.dumps({"id": f"c{i}", "text": f"Văn bản {i}."}) + "\n")
    got = list(shards([path], None, 2, iter_pages([path])))
    assert all(isinstance(s, list) for s in got)
    assert [[p.id for p in s] for s in got] == [["c0", "c1"], ["c2", "c3"], ["c4"]]
