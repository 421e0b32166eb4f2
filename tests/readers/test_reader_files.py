"""HTML files and record files (JSONL, Parquet): pages in, bad input rejected with a reason."""
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from vinews.encodings import encode_legacy
from vinews.readers import detect_format, iter_pages, read_path
from vinews.readers.decode import MAX_BYTES

HTML = ("<html><head><meta charset='utf-8'><title>Tin thử</title></head><body><h1>Chợ mới mở cửa</h1>"
        "<p>Sáng nay chợ mới của phường đã mở cửa đón khách sau nhiều tháng xây dựng.</p></body></html>")


def test_suffixes():
    for name, fmt in (("a.html", "html"), ("a.HTM", "html"), ("a.html.gz", "html"), ("a.jsonl", "jsonl"),
                      ("a.jsonl.gz", "jsonl"), ("a.parquet", "parquet"), ("a.txt", "text")):
        assert detect_format(Path(name)) == fmt, name


def test_html_file_and_gz(tmp_path):
    (tmp_path / "p1.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "p2.html.gz").write_bytes(gzip.compress(HTML.encode()))
    pages = list(iter_pages([tmp_path]))
    assert [p.id for p in pages] == ["p1", "p2"]
    assert all(p.html and "Chợ mới" in p.html and p.meta["decode"]["encoding"] == "utf-8" for p in pages)


def test_legacy_html_file_is_decoded(tmp_path):
    (tmp_path / "old.htm").write_bytes(encode_legacy(HTML.replace("utf-8", "windows-1258"), "cp1258"))
    (page,) = read_path(tmp_path / "old.htm")
    assert "Sáng nay chợ mới" in page.html and page.meta["decode"]["encoding"] == "cp1258"


def test_truncated_gzip_html(tmp_path):
    data = gzip.compress(HTML.encode() * 50)
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    (page,) = read_path(tmp_path / "cut.html.gz")
    assert page.reject_reason.startswith("truncated or corrupt gzip")


def test_50mb_page_rejected_without_reading(tmp_path):
    big = tmp_path / "huge.html"
    with open(big, "wb") as f:  # sparse file: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    (page,) = read_path(big)
    assert page.reject_reason.startswith("oversized") and page.html is None


def test_50mb_gz_page_rejected(tmp_path):
    path = tmp_path / "huge.html.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:
        chunk = b"<p>" + b"a" * (1 << 20) + b"</p>"
        for _ in range(MAX_BYTES // len(chunk) + 2):
            f.write(chunk)
    (page,) = read_path(path)
    assert page.reject_reason.startswith("oversized")


def test_empty_and_binary_html(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"  \n")
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02" * 100)
    reasons = {p.id: p.reject_reason for p in iter_pages([tmp_path])}
    assert reasons == {"bin": "binary: NUL bytes", "empty": "empty"}


def test_jsonl_records(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"id": "a", "url": "https://www.bao.vn/a", "html": HTML}, ensure_ascii=False),
             "{not json",
             json.dumps({"text": "Tiêu đề\n\nMột đoạn văn.", "fetched": "2024-01-01"}, ensure_ascii=False),
             json.dumps({"id": "d", "title": "no body"}),
             "",
             json.dumps([1, 2])]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    pages = list(read_path(path))
    assert [p.id for p in pages] == ["a", "dump:1", "dump:2", "d", "dump:5"]
    a, bad, t, d, arr = pages
    assert a.html and a.site == "bao.vn" and a.url == "https://www.bao.vn/a"
    assert bad.reject_reason.startswith("bad json")
    assert t.text.startswith("Tiêu đề") and t.html is None and t.fetched == "2024-01-01"
    assert d.reject_reason.startswith("empty") and arr.reject_reason.startswith("record is not an object")


def test_truncated_jsonl_gz(tmp_path):
    rec = json.dumps({"text": "Một đoạn văn ngắn. " * 20}, ensure_ascii=False)
    data = gzip.compress("\n".join([rec] * 200).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) - 30])
    pages = list(read_path(path))
    assert pages[0].text and pages[-1].reject_reason.startswith("truncated or corrupt gzip")


def test_parquet_by_batches(tmp_path):
    n = 700
    table = pa.table({"id": [f"r{i}" for i in range(n)], "url": [f"https://bao.vn/{i}" for i in range(n)],
                      "html": [HTML if i % 2 else None for i in range(n)],
                      "text": [None if i % 2 else f"Tiêu đề {i}\n\nMột đoạn văn." for i in range(n)]})
    path = tmp_path / "pages.parquet"
    pq.write_table(table, path, row_group_size=100)
    pages = list(read_path(path))
    assert len(pages) == n and pages[1].html and pages[0].text.startswith("Tiêu đề 0")
    assert pages[-1].id == f"r{n - 1}"


def test_parquet_without_text_column(tmp_path):
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"foo": [1, 2]}), path)
    (page,) = read_path(path)
    assert "no text or html column" in page.reject_reason


def test_cli_run_goes_on_past_bad_inputs(tmp_path):
    from typer.testing import CliRunner

    from vinews.cli import app

    src = tmp_path / "in"  # the output may not be written inside an input folder
    src.mkdir()
    (src / "good.html").write_text(HTML * 1, encoding="utf-8")
    (src / "nobody.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    cut = gzip.compress(HTML.encode() * 40)
    (src / "cut.html.gz").write_bytes(cut[: len(cut) // 2])
    with open(src / "huge.html", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(recs) == {"good", "nobody", "cut", "huge"}
    assert recs["nobody"]["kind"] == "rejected" and "no text" in recs["nobody"]["reason"]
    assert recs["cut"]["kind"] == "rejected" and "gzip" in recs["cut"]["reason"]
    assert recs["huge"]["kind"] == "rejected" and recs["huge"]["reason"].startswith("oversized")


def test_forced_format_sniffs_gzip(tmp_path):
    path = tmp_path / "dump.bin"
    path.write_bytes(gzip.compress(json.dumps({"id": "z", "html": HTML}, ensure_ascii=False).encode()))
    (page,) = read_path(path, "jsonl")
    assert page.id == "z" and page.html
    page2 = tmp_path / "page.dat"
    page2.write_bytes(gzip.compress(HTML.encode()))
    (p2,) = read_path(page2, "html")
    assert "Chợ mới" in p2.html
