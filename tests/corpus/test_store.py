import pyarrow as pa
import pyarrow.parquet as pq

from vinews.corpus import finalize
from vinews.corpus.store import PAGE_ROW_GROUP, ROW_GROUP, TableWriter


def test_table_writer_cuts_fixed_row_groups_of_the_size_asked(tmp_path):
    schema = pa.schema([("id", pa.string())])
    w = TableWriter(tmp_path / "t.parquet", schema, row_group=1024)
    for start in range(0, 3000, 700):  # shard sizes must not shape the file
        w.write(pa.table({"id": [str(i) for i in range(start, min(start + 700, 3000))]}))
    md = pq.ParquetFile(w.close()).metadata
    assert [md.row_group(g).num_rows for g in range(md.num_row_groups)] == [1024, 1024, 952]


def test_pages_table_uses_small_row_groups():
    # the article view decodes a page's whole row group at worst: pages.parquet keeps them small
    assert PAGE_ROW_GROUP < ROW_GROUP
    assert "PAGE_ROW_GROUP" in finalize.__dict__


def test_write_text_is_whole_or_absent(tmp_path, monkeypatch):
    import os

    import pytest

    from vinews.corpus import store

    target = tmp_path / "stats.json"
    store.write_text(target, '{"pages": 1}')
    assert target.read_text(encoding="utf-8") == '{"pages": 1}'

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full_disk)
    with pytest.raises(OSError):
        store.write_text(target, '{"pages": 2}')
    assert target.read_text(encoding="utf-8") == '{"pages": 1}'  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["stats.json"]  # no temp file left behind
    assert os.replace is full_disk


def test_build_resume_key_covers_the_fitted_weights(tmp_path):
    # a refit (or an upgrade) changes the weights under the same model_file name: extract shards
    # made with other weights must not be reused
    import json

    from vinews.corpus.build import stage_params
    from vinews.fitted import model_bytes
    from vinews.params import DEFAULT, ExtractParams

    d = json.loads(model_bytes())
    d["kind"]["intercept"] += 1.0
    other = tmp_path / "m.json"
    other.write_text(json.dumps(d), encoding="utf-8")
    def key(p):
        return stage_params({}, 100, 8, False, p)["extract"]["extract_model"]

    base = key(DEFAULT)
    assert base and key(ExtractParams(model_file=str(other))) != base
    rules = ExtractParams(use_fitted_title=False, use_fitted_caption=False, use_fitted_kind=False)
    assert key(rules) is None


def test_group_writer_bytes_do_not_depend_on_how_the_rows_are_chunked(tmp_path):
    # texts past the writer's 1 MB dictionary limit: where it gives up the dictionary depends on
    # the chunks it is handed, so rows read from a file of several row groups (an update's
    # merged pieces) must be written as one chunk to give a full build's bytes
    import random

    from vinews.corpus.store import GroupWriter

    rng = random.Random(1)
    t = pa.table({"seq": list(range(1200)),
                  "text": ["".join(rng.choice("abcdefghij ") for _ in range(2000)) for _ in range(1200)]})
    chunked = pa.concat_tables([t.slice(0, 300), t.slice(300, 300), t.slice(600)])
    assert chunked.column("text").num_chunks == 3
    for name, x in (("one", t), ("three", chunked)):
        w = GroupWriter(tmp_path / f"{name}.parquet", t.schema, 1024)
        w.write(x)
        w.close()
    assert (tmp_path / "one.parquet").read_bytes() == (tmp_path / "three.parquet").read_bytes()
