"""WARC/WET reader: streaming, every record accounted for, damage skipped with a reason."""
import gzip
import importlib.util
import io
from pathlib import Path

import pytest

from vinews.readers import detect_format, iter_pages, read_path
from vinews.readers.warc import iter_records, split_http

ROOT = Path(__file__).resolve().parents[2]


def _synth():
    spec = importlib.util.spec_from_file_location("warc_stream", ROOT / "bench" / "warc_stream.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


synth = _synth()


def gz(b: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as f:
        f.write(b)
    return buf.getvalue()


def response(url: str, html: str, status="200 OK", ctype="text/html; charset=utf-8") -> bytes:
    return synth._record("response", {"WARC-Target-URI": url}, synth.http_response(html.encode(), status, ctype))


ARTICLE, EXPECT = synth.synthetic_article(3)


def test_formats_by_suffix():
    assert detect_format(Path("a.warc.gz")) == "warc" and detect_format(Path("a.warc")) == "warc"
    assert detect_format(Path("CC-MAIN-x.warc.wet.gz")) == "wet" and detect_format(Path("a.wet")) == "wet"


def test_500_records_all_accounted_for(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    counts = synth.write_warc(path, 500, broken_every=200)
    pages = list(read_path(path))
    assert len(pages) == 500 and len({p.id for p in pages}) == 500
    rejected = [p for p in pages if p.reject_reason]
    assert sum(p.reject_reason.startswith("broken header") for p in rejected) == counts["broken"] == 2
    assert sum(p.reject_reason.startswith("not html") for p in rejected) == counts["image"]
    assert sum(p.reject_reason == "http status 404" for p in rejected) == counts["404"]
    good = [p for p in pages if p.html]
    assert len(good) == counts["article"] + counts["home"]
    p = good[0]
    assert p.url.startswith("https://baomau.vn/") and p.site == "baomau.vn" and p.fetched == "2024-03-05T01:02:03Z"
    assert len(p.id) == 36  # the uuid of WARC-Record-ID
    # and through `vinews extract`: one output record per response record, none lost
    import json

    from typer.testing import CliRunner

    from vinews.cli import app

    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 500 and {r["id"] for r in recs} == {p.id for p in pages}
    kinds = {k: sum(r["kind"] == k for r in recs) for k in ("article", "nonarticle", "rejected")}
    assert kinds["rejected"] == len(rejected) and kinds["article"] >= counts["article"] * 0.95


def test_extracts_article_from_warc(tmp_path):
    path = tmp_path / "one.warc"
    path.write_bytes(response("https://baomau.vn/bai-3.html", ARTICLE))
    from vinews.pipeline import extract_page

    (page,) = read_path(path)
    art = extract_page(page)
    assert art.kind == "article" and art.title == EXPECT["title"]
    assert art.published == EXPECT["published"] and art.author == EXPECT["author"]


def test_broken_header_in_the_middle_run_goes_on(tmp_path):
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nnot a header line\r\n\r\n<html>x</html>\r\n\r\n"
    data = response("https://a.vn/1", ARTICLE) + broken + response("https://a.vn/2", ARTICLE)
    path = tmp_path / "mixed.warc"
    path.write_bytes(data)
    pages = list(read_path(path))
    assert [bool(p.reject_reason) for p in pages] == [False, True, False]
    assert "broken header" in pages[1].reject_reason and pages[2].url == "https://a.vn/2"


def test_garbage_instead_of_version_line(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"GARBAGE LINE\r\nmore junk\r\n" + response("https://a.vn/1", ARTICLE))
    pages = list(read_path(path))
    assert pages[0].reject_reason.startswith("broken header") and pages[1].html


def test_bad_content_length(tmp_path):
    path = tmp_path / "len.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx\r\n\r\n"
                     + response("https://a.vn/1", ARTICLE))
    pages = list(read_path(path))
    assert "Content-Length" in pages[0].reject_reason and pages[1].html


def test_truncated_gzip_keeps_earlier_records(tmp_path):
    data = gz(response("https://a.vn/1", ARTICLE)) + gz(response("https://a.vn/2", ARTICLE))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    pages = list(read_path(path))
    assert pages[0].html and pages[0].url == "https://a.vn/1"
    assert pages[-1].reject_reason and ("truncated" in pages[-1].reject_reason)


def test_truncated_plain_body(tmp_path):
    data = response("https://a.vn/1", ARTICLE)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-500])
    (page,) = read_path(path)
    assert page.reject_reason.startswith("truncated")


def test_oversized_record_skipped_without_reading(tmp_path):
    big = "<html><body>" + "x" * 3000 + "</body></html>"
    path = tmp_path / "big.warc"
    path.write_bytes(response("https://a.vn/big", big) + response("https://a.vn/1", "<p>nhỏ</p>"))
    with open(path, "rb") as fh:
        recs = list(iter_records(fh, limit=2000))
    assert recs[0].error.startswith("oversized") and recs[0].body is None and recs[1].body


def test_wet_conversion_records_become_text(tmp_path):
    text = "Tiêu đề bài viết\nĐoạn một của bài viết.\nĐoạn hai của bài viết.\n".encode()
    data = synth._record("warcinfo", {}, b"x: y\r\n") + synth._record(
        "conversion", {"WARC-Target-URI": "https://b.vn/x", "Content-Type": "text/plain"}, text)
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(gz(data))
    (page,) = iter_pages([path])
    assert page.text.startswith("Tiêu đề") and page.html is None and page.url == "https://b.vn/x"


def test_http_payload_parsing():
    body = b"<html>hi</html>"
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"5\r\n<html\r\na\r\n>hi</html>\r\n0\r\n\r\n"
    assert split_http(chunked)[2] == body
    zipped = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(body)
    assert split_http(zipped)[2] == body
    status, headers, out = split_http(b"HTTP/1.0 301 Moved\r\nLocation: /x\r\n\r\n")
    assert status == 301 and headers["location"] == "/x"


@pytest.mark.parametrize("ctype", ["application/pdf", "image/jpeg"])
def test_non_html_response_rejected(tmp_path, ctype):
    path = tmp_path / "x.warc"
    path.write_bytes(synth._record("response", {"WARC-Target-URI": "https://a.vn/f"},
                                   synth.http_response(b"%PDF-1.4 ...", ctype=ctype)))
    (page,) = read_path(path)
    assert page.reject_reason == f"not html: {ctype}"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from vinews.readers.warc import record_page  # noqa: E402

THREE = b"".join(response(f"https://a.vn/{i}", "<p>Bài số %d</p>" % i) for i in range(3))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(data):
    for rec in iter_records(io.BytesIO(data)):
        record_page(rec, Path("x.warc"))


@settings(max_examples=80, deadline=None)
@given(st.integers(0, len(THREE) - 1), st.binary(min_size=1, max_size=8), st.booleans())
def test_damaged_warc_never_raises_and_keeps_later_records(pos, junk, cut):
    data = THREE[:pos] + (b"" if cut else junk) + THREE[pos + len(junk):]
    pages = [p for rec in iter_records(io.BytesIO(data)) if (p := record_page(rec, Path("x.warc")))]
    assert pages
    # damage after the first record never loses it
    if pos >= THREE.find(b"WARC/1.0", 10):
        assert pages[0].url == "https://a.vn/0" and pages[0].html


def _lie(rec: bytes, delta: int) -> bytes:
    """The record with its WARC Content-Length off by delta (the first Content-Length header)."""
    head, sep, rest = rec.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    for i, ln in enumerate(lines):
        if ln.startswith(b"Content-Length: "):
            lines[i] = b"Content-Length: %d" % max(0, int(ln.split(b": ")[1]) + delta)
    return b"\r\n".join(lines) + sep + rest


FOUR = [response(f"https://a.vn/{i}", "<html><body><p>Bài số %d về mưa lũ miền Trung</p></body></html>" % i)
        for i in range(4)]


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.integers(-80, -1), st.integers(5, 120), st.sampled_from([5000, 10 ** 9])),
       st.sampled_from([1 << 20, 300]), st.booleans())
def test_lying_content_length_costs_one_rejected_row(delta, limit, gzipped):
    """A Content-Length that is too long used to swallow the records after it with no row for
    them; too short, the record was kept cut and the rest became a stray row."""
    recs = [FOUR[0], _lie(FOUR[1], delta), FOUR[2], FOUR[3]]
    data = b"".join(map(gz, recs)) if gzipped else b"".join(recs)
    fh = gzip.GzipFile(fileobj=io.BytesIO(data)) if gzipped else io.BytesIO(data)
    pages = [p for rec in iter_records(fh, limit) if (p := record_page(rec, Path("x.warc"), limit))]
    assert [p.url for p in pages] == [f"https://a.vn/{i}" for i in range(4)]
    assert pages[1].reject_reason.startswith("broken record: Content-Length")
    assert all(p.html and not p.reject_reason for p in (pages[0], pages[2], pages[3]))


@pytest.mark.parametrize("delta", [1, 2, 3, 4])
def test_content_length_into_the_trailing_blank_lines_is_harmless(delta):
    """Off by the record's own CRLF CRLF: the payload is whole, nothing after it is lost."""
    data = FOUR[0] + _lie(FOUR[1], delta) + FOUR[2]
    pages = [p for rec in iter_records(io.BytesIO(data)) if (p := record_page(rec, Path("x.warc")))]
    assert [p.url for p in pages] == [f"https://a.vn/{i}" for i in range(3)]
    assert all(p.html and not p.reject_reason for p in pages)


def test_lying_content_length_of_the_last_record_is_truncation(tmp_path):
    path = tmp_path / "last.warc"
    path.write_bytes(FOUR[0] + _lie(FOUR[1], 400))
    a, b = read_path(path)
    assert a.html and b.reject_reason.startswith("truncated")


def test_a_payload_that_quotes_a_warc_record_is_one_page():
    """A page about the WARC format shows a record in its text: its length is right, nothing
    was swallowed, so it is one page and the record after it another."""
    quoted = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello")
    html = b"<html><body><p>V\xc3\xad d\xe1\xbb\xa5 m\xe1\xbb\x99t b\xe1\xba\xa3n ghi:</p><pre>\n\n" + quoted + \
        b"\n</pre><p>H\xe1\xba\xbft.</p></body></html>"
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.vn/q\r\n"
            b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n")
    data = head + payload + b"\r\n\r\n" + FOUR[2]
    pages = [p for rec in iter_records(io.BytesIO(data)) if (p := record_page(rec, Path("x.warc")))]
    assert [p.url for p in pages] == ["https://a.vn/q", "https://a.vn/2"]
    assert all(p.html and not p.reject_reason for p in pages)
    assert b"hello".decode() in pages[0].html
