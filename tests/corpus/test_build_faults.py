"""`vinews build` against hostile records and faults: one page row per record whatever it
holds; an output folder that would eat an input is refused; one build per folder; a full disk
is a one-line error and the next run cleans up and finishes."""
import errno
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus import store

from .fixtures import small_corpus, write_jsonl

runner = CliRunner()


def build(src, out, *extra):
    return runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "5", *extra])


def rows(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def hostile(tmp_path):
    recs = small_corpus(n=4)
    src = tmp_path / "in" / "pages.jsonl"
    write_jsonl(recs, src)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('{"id": "sur\\ud800", "site": "x\\udfff.vn", "text": "Hà Nội \\ud800 hôm nay mưa to"}\n')
        fh.write(json.dumps({"id": "site-int", "site": 5, "text": recs[0]["text"] + " thêm"}) + "\n")
        fh.write(json.dumps({"id": "site-list", "site": ["a.vn"], "url": 7, "text": "Tin ngắn."}) + "\n")
        fh.write(json.dumps({"id": "text-int", "text": 12345}) + "\n")
        fh.write(json.dumps({"id": ["x"], "fetched": {"d": 1}, "html": "<p>Một đoạn ngắn.</p>"}) + "\n")
        fh.write("[" * 100_000 + "]" * 100_000 + "\n")
        fh.write(json.dumps({"id": "last", "text": recs[1]["text"]}, ensure_ascii=False) + "\n")
    return src, len(recs) + 7


@pytest.mark.parametrize("workers", ["1", "2"])
def test_hostile_records_each_give_one_page_row(tmp_path, workers):
    src, n = hostile(tmp_path)
    res = build(src, tmp_path / "out", "--jobs", workers)
    assert res.exit_code == 0, res.output
    pages = rows(tmp_path / "out", "pages")
    assert len(pages) == n and pages[-1]["id"] == "last"
    by_id = {p["id"]: p for p in pages}
    assert by_id["sur\ufffd"]["site"] == "x\ufffd.vn"
    assert by_id["site-int"]["site"] == by_id["site-list"]["site"] == "unknown"  # as for no site
    assert by_id["text-int"]["status"] == "rejected" and "'text' is int" in by_id["text-int"]["reason"]
    deep = [p for p in pages if p["reason"] and "nested too deep" in p["reason"]]
    assert len(deep) == 1 and deep[0]["status"] == "rejected"


def test_binary_and_struct_parquet_columns(tmp_path):
    recs = small_corpus(n=3)[:2]
    src = tmp_path / "in" / "pages.parquet"
    src.parent.mkdir()
    pq.write_table(pa.table({"id": [r["id"].encode() for r in recs], "site": [b"alpha.vn", b"\xff"],
                             "url": [{"u": "x"}, {"u": "y"}], "text": [r["text"].encode() for r in recs]}), src)
    res = build(src, tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert [(p["id"], p["site"]) for p in rows(tmp_path / "out", "pages")] == [("p000", "alpha.vn"), ("p001", "\ufffd")]


def test_output_folder_that_holds_or_is_an_input_is_refused(tmp_path):
    src = write_jsonl(small_corpus(n=3), tmp_path / "in" / "pages.jsonl")
    for args in ([tmp_path / "in", tmp_path / "in"], [tmp_path / "in", tmp_path / "in" / "corpus"],
                 [src, tmp_path / "in"], [src, src]):
        res = build(*args)
        assert res.exit_code == 2 and "--out" in res.output and "Traceback" not in res.output, res.output
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["pages.jsonl"]


def test_second_build_into_the_same_folder_fails_fast(tmp_path):
    src = write_jsonl(small_corpus(n=3), tmp_path / "in" / "pages.jsonl")
    out = tmp_path / "out"
    held = store.lock_corpus(out)  # another build, as far as flock can tell (own open file)
    try:
        res = build(src, out)
        assert res.exit_code == 1, res.output
        msg = [ln for ln in res.output.splitlines() if ln.strip()]
        assert msg == [ln for ln in msg if not ln.startswith(("extract", "ids"))]  # nothing ran
        assert msg[-1].startswith("error:") and "being built by another process" in msg[-1]
        assert not (out / "_work").exists()
    finally:
        held.close()
    assert build(src, out).exit_code == 0


def test_disk_full_is_one_line_then_the_rerun_cleans_up(tmp_path, monkeypatch):
    src = write_jsonl(small_corpus(n=3), tmp_path / "in" / "pages.jsonl")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".pages.parquet.tmp999999").write_bytes(b"half a file from a kill -9")
    (out / ".vinews.duckdb.tmp999999.wal").write_bytes(b"")
    (out / "notes.txt").write_text("ghi chú", encoding="utf-8")  # not ours: kept
    real_close = store.TableWriter.close

    def full(self):
        self._writer.close()
        raise OSError(errno.ENOSPC, "No space left on device", str(self._tmp))

    monkeypatch.setattr(store.TableWriter, "close", full)
    res = build(src, out)
    assert res.exit_code == 1 and "Traceback" not in res.output
    last = [ln for ln in res.output.splitlines() if ln.strip()][-1]
    assert last.startswith("error: No space left on device") and "disk full" in last
    assert not (out / "pages.parquet").exists()
    monkeypatch.setattr(store.TableWriter, "close", real_close)
    (out / ".articles.parquet.tmp999998").write_bytes(b"")
    res = build(src, out)
    assert res.exit_code == 0, res.output
    names = {p.name for p in out.iterdir()}
    assert not [n for n in names if ".tmp" in n], names
    assert {"pages.parquet", "notes.txt", "vinews.duckdb"} <= names
    assert len(rows(out, "pages")) == len(small_corpus(n=3))
