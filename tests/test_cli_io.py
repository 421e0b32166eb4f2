"""Getting data in and out through the CLI (issue 12): stdin and stdout, the writer chosen from
the output name, a folder with nothing readable, skipped files listed."""
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.cli.common import sniff_format

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "pages" / "bao-mau-01.txt"
TITLE = "Hợp tác xã trồng bưởi ở Bến Tre lần đầu xuất khẩu sang châu Âu"
runner = CliRunner()


def lines(text):
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def test_stdin_page_to_stdout_jsonl():
    res = runner.invoke(app, ["extract", "-"], input=SAMPLE.read_bytes())
    assert res.exit_code == 0, res.output
    recs = lines(res.stdout)
    assert len(recs) == 1 and recs[0]["id"] == "stdin" and recs[0]["title"] == TITLE
    assert "pages in: 1" in res.stderr and "-> stdout" in res.stderr


def test_dash_output_is_stdout_and_no_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["extract", str(SAMPLE), "-o", "-"])
    assert res.exit_code == 0, res.output
    assert lines(res.stdout)[0]["title"] == TITLE and not (tmp_path / "-").exists()


def test_show_beside_stdout_keeps_stdout_pure_jsonl():
    res = runner.invoke(app, ["extract", str(SAMPLE), "-o", "-", "--show"])
    assert res.exit_code == 0, res.output
    assert lines(res.stdout)[0]["title"] == TITLE  # every stdout line parses: the table went to stderr
    assert "Extracted pages" in res.stderr


def test_gzipped_html_and_json_on_stdin():
    html = ("<html><body><h1>" + TITLE + "</h1>" + "".join(f"<p>{p}</p>" for p in SAMPLE.read_text(
        encoding="utf-8").split("\n\n")[13:]) + "</body></html>").encode("utf-8")
    res = runner.invoke(app, ["extract", "-"], input=gzip.compress(html))
    assert res.exit_code == 0, res.output
    assert lines(res.stdout)[0]["title"] == TITLE
    doc = json.dumps([{"Url": "https://baomau.vn/buoi.html", "Content": SAMPLE.read_text(encoding="utf-8")}] * 2)
    res = runner.invoke(app, ["extract", "-"], input=doc.encode("utf-8"))
    recs = lines(res.stdout)
    assert [r["id"] for r in recs] == ["stdin:0", "stdin:1"] and recs[0]["site"] == "baomau.vn"


@pytest.mark.parametrize("head,fmt", [(b"WARC/1.0\r\nWARC-Type: response\r\n", "warc"),
                                      (b"WARC/1.0\r\nWARC-Type: conversion\r\n", "wet"),
                                      (b'\n  {"text": "x"}', "json"), (b"[{}]", "json"),
                                      (b"\xef\xbb\xbf<!doctype html>", "html"), ("Hà Nội".encode(), "text")])
def test_stdin_format_is_guessed_from_its_first_bytes(head, fmt):
    assert sniff_format(head) == fmt


def test_console_script_reads_a_pipe(tmp_path):
    exe = Path(sys.executable).with_name("vinews")
    res = subprocess.run(f"cat '{SAMPLE}' | '{exe}' extract - | head -1", shell=True, capture_output=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["title"] == TITLE


@pytest.mark.parametrize("name,forced", [("out.jsonl", None), ("out.jsonl.gz", None), ("out.parquet", None),
                                         ("out.data", "parquet"), ("out.data", "jsonl.gz")])
def test_writer_follows_the_output_name(tmp_path, name, forced):
    out = tmp_path / name
    res = runner.invoke(app, ["extract", str(ROOT / "samples" / "pages"), "-o", str(out)]
                        + (["--output-format", forced] if forced else []))
    assert res.exit_code == 0, res.output
    kind = forced or name.split(".", 1)[1]
    raw = out.read_bytes()
    if kind == "parquet":
        assert raw[:4] == b"PAR1"
        rows = pq.read_table(out).to_pylist()
    elif kind == "jsonl.gz":
        assert raw[:2] == b"\x1f\x8b"
        rows = lines(gzip.decompress(raw).decode("utf-8"))
    else:
        rows = lines(raw.decode("utf-8"))
    assert len(rows) == 5 and {r["kind"] for r in rows} == {"article", "nonarticle"}
    art = next(r for r in rows if r["id"] == "bao-mau-01")
    assert art["title"] == TITLE and isinstance(art["body"], list) and len(art["body"]) >= 3


def test_parquet_to_stdout_and_unknown_output_format_are_usage_errors(tmp_path):
    res = runner.invoke(app, ["extract", str(SAMPLE), "--output-format", "parquet"])
    assert res.exit_code == 2 and "standard output" in res.stderr
    res = runner.invoke(app, ["extract", str(SAMPLE), "-o", str(tmp_path / "x"), "--output-format", "csv"])
    assert res.exit_code == 2 and "'csv' is not one of 'jsonl', 'jsonl.gz', 'parquet'" in res.output


@pytest.mark.parametrize("cmd", ["extract", "build"])
def test_nothing_readable_is_a_usage_error_saying_what_was_skipped(tmp_path, cmd):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    (src / "dump.csv").write_text("a,b\n", encoding="utf-8")
    args = [cmd, str(src)] + (["--out", str(tmp_path / "c")] if cmd == "build" else ["-o", str(tmp_path / "o.jsonl")])
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and isinstance(res.exception, (SystemExit, type(None)))
    assert f"skipped {src / 'dump.csv'}: unknown file type" in res.stderr
    assert f"skipped {src / 'notes.pdf'}: unknown file type" in res.stderr
    assert "no input pages found" in res.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_skipped_files_are_counted_and_the_rest_is_read(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_bytes(SAMPLE.read_bytes())
    for i in range(25):
        (src / f"img{i:02d}.jpg").write_bytes(b"\xff\xd8")
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "skipped: 25" in res.stderr and "skipped 25 in all: 25 unknown file type" in res.stderr
    assert res.stderr.count("warning: skipped") == 21  # 20 listed, then the count
    assert len(lines(out.read_text(encoding="utf-8"))) == 1


def test_jobs_zero_means_all_cores(tmp_path):
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(ROOT / "samples" / "pages"), "-o", str(out), "-j", "0"])
    assert res.exit_code == 0, res.output
    assert len(lines(out.read_text(encoding="utf-8"))) == 5


@pytest.mark.parametrize("cmd", ["extract", "build"])
def test_files_with_no_page_at_all_are_a_usage_error(tmp_path, cmd):
    src = tmp_path / "empty.jsonl"
    src.write_text("\n\n", encoding="utf-8")  # blank lines: no record
    out = tmp_path / ("c" if cmd == "build" else "o.jsonl")
    args = [cmd, str(src)] + (["--out", str(out), "--no-annotate"] if cmd == "build" else ["-o", str(out)])
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert "no input pages" in res.stderr and "Traceback" not in res.output
    assert not (out / "articles.parquet").exists() if cmd == "build" else not out.exists()


def test_show_alone_prints_the_table_and_no_records():
    res = runner.invoke(app, ["extract", str(SAMPLE), "--show"], terminal_width=120)
    assert res.exit_code == 0, res.output
    assert "Extracted pages" in res.stdout and '{"id"' not in res.stdout
    assert "records not written" in res.stderr
