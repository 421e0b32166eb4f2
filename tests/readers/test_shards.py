import gzip
import json
from itertools import islice

from vinews.readers import iter_pages
from hypothesis import given, settings, strategies as st

from vinews.readers.shards import LazyShard, load, shards, split


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


_line = st.one_of(st.just(""), st.just("  "), st.just("{not json"),
                  st.builds(lambda i: {"id": f"r{i}", "text": f"Trang {i}\n\nĐoạn {i}."}, st.integers(0, 99)))


@settings(max_examples=60, deadline=None)
@given(files=st.lists(st.lists(_line, max_size=9), min_size=1, max_size=3), size=st.integers(1, 6),
       n=st.integers(1, 5))
def test_split_pieces_hold_the_shards_pages_in_order(tmp_path_factory, files, size, n):
    folder = tmp_path_factory.mktemp("split")
    paths = []
    for k, records in enumerate(files):
        paths.append(folder / f"f{k}.jsonl")
        _write(paths[-1], records)
    for shard in shards(paths, None, size, iter_pages(paths)):
        pieces = split(shard, n)
        assert all(isinstance(x, LazyShard) for x in pieces)
        lens = [len(x) for x in pieces]
        assert sum(lens) == len(shard) and min(lens) > 0 and max(lens) - min(lens) <= 1
        assert len(pieces) == min(n, len(shard))
        assert [_key(p) for x in pieces for p in load(x)] == [_key(p) for p in load(shard)]
        driver = load(shard)
        assert [[_key(p) for p in x] for x in split(driver, n)] == [[_key(p) for p in load(x)] for x in pieces]
