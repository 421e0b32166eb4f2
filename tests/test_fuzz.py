"""Bounded fuzzing of the entry points (issue 10): the text path, the HTML path and every reader
never raise, give one output per record, and give the same output twice. The long runs are the
atheris targets in bench/fuzz_*.py; these stay within a few seconds each."""
import dataclasses
import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vinews
from vinews.model import Page
from vinews.pipeline import extract_page
from vinews.readers import READERS, detect_format

FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

WORDS = ["Hà Nội", "TP.HCM", "ngày", "1/2/2024", "08:30", "GMT+7", "Thứ hai,", "Theo", "Ảnh:", "Nguyễn Văn A",
         "tin", "bài", ">>", "|", "Bình luận", "Tin liên quan", "(TTO)", "-", "…", "\u00a0", "\u200b", "\ufeff",
         "e\u0301", "25:61", "31/02/2024", "9999", "\x00", "\r", "\t", "&", "<", ">"]
text_st = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12), st.just("\n"), st.just("\n\n")),
                   max_size=60).map(" ".join)

TAGS = ["div", "p", "span", "a", "b", "i", "em", "strong", "h1", "h2", "h3", "article", "section", "aside", "nav",
        "header", "footer", "figure", "figcaption", "img", "br", "hr", "ul", "ol", "li", "table", "tr", "td", "th",
        "time", "font", "center", "blockquote", "pre", "svg", "math", "select", "option", "button", "form",
        "noscript", "template", "iframe", "textarea", "title", "main", "xmp", "plaintext", "object", "video", "x-y"]
CLASSES = ["sidebar", "date", "time", "author", "byline", "caption", "sapo", "lead", "title", "photo", "content",
           "detail", "menu", "related", "article-body", "fck_detail", "", "a b", "\"", "'"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#8220;", "&#x1F600;", "&#0;", "&#99999999;", "&#xD800;", "&bogus;",
            "&", "&#", "&amp", "&Agrave;", "&ocirc;"]
json_st = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20)
                       | st.sampled_from(["NewsArticle", "2024-02-01T08:30:00+07:00", "2024-13-45T99:99", "@graph"]),
                       lambda kids: st.lists(kids, max_size=4)
                       | st.dictionaries(st.sampled_from(["@type", "@graph", "headline", "datePublished", "author",
                                                          "name", "articleBody", "description", "dateModified",
                                                          "publisher", "x"]), kids, max_size=5),
                       max_leaves=20)


def _attrs(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(["class", "id", "style", "itemprop", "align", "href", "src", "charset", "x",
                                     "data-a", "onclick"]))
        value = draw(st.one_of(st.sampled_from(CLASSES + ["text-align:right", "font-style:italic", "datePublished",
                                                         "author", "utf-8", "windows-1258", "x>y", "<div>"]),
                               st.text(max_size=8)))
        q = draw(st.sampled_from(['"', "'", ""]))
        out.append(f" {name}={q}{value}{q}")
    return "".join(out)


@st.composite
def node_st(draw, depth=0):
    kind = draw(st.integers(0, 9))
    if kind <= 2 or depth > 6:
        return draw(st.one_of(st.sampled_from(WORDS), st.sampled_from(ENTITIES), st.text(max_size=10)))
    if kind == 3:
        return draw(st.sampled_from(["<!-- c -->", "<!--", "-->", "<!doctype html>", "<?xml?>", "</div>", "</p>",
                                     "<p", "<", "</", "<br/>", "<img src=x>", "<meta charset=utf-8>",
                                     "<meta http-equiv=Content-Type content='text/html; charset=tcvn3'>"]))
    if kind == 4:
        ld = json.dumps(draw(json_st), ensure_ascii=draw(st.booleans()))
        if draw(st.booleans()):
            ld = ld[: draw(st.integers(0, len(ld)))]  # cut short
        return f"<script type='application/ld+json'>{ld}</script>"
    if kind == 5:
        return f"<script>{draw(st.text(max_size=20))}</script><style>{draw(st.text(max_size=10))}</style>"
    tag = draw(st.sampled_from(TAGS))
    kids = "".join(draw(st.lists(node_st(depth + 1), max_size=4)))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>"]))
    return f"<{tag}{_attrs(draw)}>{kids}{close}"


html_st = st.one_of(
    st.lists(node_st(), max_size=8).map(lambda parts: "<html><head><meta property='og:title' content='Tin'>"
                                        "</head><body>" + "".join(parts) + "</body></html>"),
    st.lists(node_st(), max_size=6).map("".join),
    st.text(max_size=200),
)


def _same(a, b) -> bool:
    return dataclasses.asdict(a) == dataclasses.asdict(b)


def _check(art, page_id):
    assert art.kind in ("article", "nonarticle", "rejected") and art.id == page_id
    json.dumps(dataclasses.asdict(art), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


@FAST
@given(text_st)
def test_text_path_never_raises(text):
    a = vinews.extract(text, id="t")
    _check(a, "t")
    assert _same(a, vinews.extract(text, id="t"))


@FAST
@given(html_st)
def test_html_path_never_raises(html):
    a = extract_page(Page(id="h", html=html))
    _check(a, "h")
    assert _same(a, extract_page(Page(id="h", html=html)))


EXTS = [".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".parquet", ".warc", ".warc.gz", ".wet"]
WARC_HEAD = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x>\r\nWARC-Target-URI: http://a.vn/1\r\n"
             b"Content-Type: application/http; msgtype=response\r\nContent-Length: ")


@st.composite
def file_bytes(draw):
    """Random bytes, or bytes shaped like the format and then damaged."""
    ext = draw(st.sampled_from(EXTS))
    raw = draw(st.binary(max_size=300))
    shaped = draw(st.integers(0, 2))
    if shaped == 1 and ext.startswith(".jsonl"):
        rows = draw(st.lists(json_st, max_size=4))
        raw = b"\n".join(json.dumps(r).encode() for r in rows) + raw[:20]
    elif shaped == 1 and ext.startswith((".warc", ".wet")):
        body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + raw
        length = draw(st.sampled_from([len(body), len(body) + 7, max(0, len(body) - 5), 0]))
        raw = WARC_HEAD + str(length).encode() + b"\r\n\r\n" + body + b"\r\n\r\n" + raw[:30]
    elif shaped == 1 and ext in (".html", ".htm", ".txt"):
        raw = draw(html_st).encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"])), "replace")
    if ext.endswith(".gz") and draw(st.booleans()):
        raw = gzip.compress(raw)
        if draw(st.booleans()):
            raw = raw[: len(raw) // 2]  # truncated gzip
    return ext, raw


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(file_bytes())
def test_readers_never_raise_on_any_bytes(tmp_path_factory, case):
    ext, raw = case
    path = tmp_path_factory.mktemp("f") / f"page{ext}"
    path.write_bytes(raw)
    reader = READERS[detect_format(path)]
    first = list(reader(path))  # the reader itself, not the catch-all around it: no record lost to a raise
    again = list(reader(path))
    assert [dataclasses.asdict(p) for p in first] == [dataclasses.asdict(p) for p in again]
    for page in first:
        assert page.reject_reason or page.text is not None or page.html is not None
        art = extract_page(page) if not page.reject_reason else None
        if art is not None:
            _check(art, page.id)
