"""Hostile metadata (issue 10): impossible clocks and zones, absurdly deep JSON-LD. Bad metadata
means no date (or that hint ignored), never an exception and never a lost article."""
import html
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vinews import extract
from vinews.html.hints import jsonld_hints, norm_date
from vinews.model import Page
from vinews.pipeline import extract_page

BODY = ("Người dân ở khu phố cho biết con đường mới giúp việc đi lại thuận tiện hơn rất nhiều so với trước đây, "
        "nhất là vào giờ cao điểm buổi sáng và buổi chiều khi học sinh đến trường.")
SAPO = "Tuyến đường nối hai xã chính thức thông xe sau hai năm thi công, giúp người dân đi lại dễ dàng."


def page(head: str = "", dateline: str = "Thứ năm, 1/2/2024 08:30") -> str:
    paras = "".join(f"<p>{BODY} Đoạn {i}.</p>" for i in range(4))
    return (f"<html><head><title>Đường mới thông xe</title>{head}</head><body><div class='article-detail'>"
            f"<h1 class='title'>Đường mới thông xe trước Tết</h1><div class='meta'><span class='date'>{dateline}"
            f"</span></div><h2 class='sapo'>{SAPO}</h2><div class='detail-content'>{paras}</div></div></body></html>")


def meta(value: str) -> str:
    return f'<meta property="article:published_time" content="{html.escape(value)}">'


def ld(value) -> str:
    raw = value if isinstance(value, str) else json.dumps({"@type": "NewsArticle", "datePublished": value})
    return f'<script type="application/ld+json">{raw.replace("</", "<" + chr(92) + "/")}</script>'


def run(head: str = "", dateline: str = "Thứ năm, 1/2/2024 08:30"):
    return extract_page(Page(id="x", html=page(head, dateline)))


def test_fixture_page_is_an_article():
    art = run()
    assert art.kind == "article" and art.published == "2024-02-01T08:30:00+07:00"


def test_impossible_zone_or_clock_in_markup_is_ignored():
    for bad in ("2024-03-12T10:15:00+25:00", "2024-03-12T25:15:00", "2024-03-12T10:75:00+07:00",
                "2024-03-12T10:15:00GMT+99", "12/03/2024 10:15 -24:00"):
        assert norm_date(bad) is None, bad
        for head in (meta(bad), ld(bad)):
            art = run(head, dateline="")
            assert art.kind == "article" and art.published is None, (bad, head)
        # a sound visible dateline still wins over the broken hint
        assert run(meta(bad)).published == "2024-02-01T08:30:00+07:00"


def test_impossible_zone_or_clock_in_visible_text_means_no_date():
    for bad in ("2024-03-12T10:15:00+25:00", "2024-03-12T25:15", "2024-03-12 10:15+99:99"):
        art = run(dateline=bad)
        assert art.kind == "article" and art.published is None, bad
        text = f"Đường mới thông xe trước Tết\n\n{bad}\n\n{SAPO}\n\n" + "\n\n".join([BODY] * 4)
        assert extract(text).kind != "rejected"


def test_deep_jsonld_nesting_is_ignored():
    deep = "[" * 100_000 + "]" * 100_000
    assert jsonld_hints([deep]) == {}
    assert jsonld_hints(["[" * 100_000]) == {}  # unclosed as well
    nested_value = '{"@type": "NewsArticle", "datePublished": ' + deep + "}"
    for head in (ld(deep), ld(nested_value), ld(deep) + ld("2024-02-01T01:30:00Z")):
        art = run(head)
        assert art.kind == "article" and art.published == "2024-02-01T08:30:00+07:00"


_PIECES = st.sampled_from(["2024-03-12", "T", " ", "25", "99", "00", ":", "+", "-", "Z", "GMT", "12/03/2024",
                           "9h30", ".5", ",", "+25:00", "T25:15", "ngày 5 tháng 3 năm 2024", "PM", "tối", "\x00", "<", "&amp;"])
DATEISH = st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=12).map("".join))


@settings(max_examples=60, deadline=None)
@given(DATEISH)
def test_any_published_value_never_raises(value):
    assert norm_date(value) is None or norm_date(value)[:4].isdigit()
    for head, dateline in ((meta(value), ""), (ld(value), ""), (ld(json.dumps({"@type": "NewsArticle",
                                                                              "datePublished": [value]})), ""),
                           ("", html.escape(value))):
        art = run(head, dateline)
        assert art.kind == "article"


@settings(max_examples=60, deadline=None)
@given(DATEISH)
def test_any_visible_dateline_never_raises_on_the_text_path(value):
    value = value.replace("\n", " ")
    art = extract(f"Đường mới thông xe trước Tết\n\n{value}\n\n{SAPO}\n\n" + "\n\n".join([BODY] * 4))
    assert not (art.reason or "").startswith("extractor error")
