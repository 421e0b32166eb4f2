"""Deep and huge DOMs: capped before parsing, text kept (issue 10; times in bench/worst_case.py)."""

from vinews.html import html_blocks
from vinews.html.guard import cap_dom
from vinews.params import DEFAULT, ExtractParams

ARTICLE = ("<h1>Đường mới thông xe trước Tết</h1><p class='date'>Thứ năm, 1/2/2024 08:30</p>"
           "<p>Người dân ở khu phố cho biết con đường mới giúp việc đi lại thuận tiện hơn.</p>")


def _texts(html, params=DEFAULT):
    return [b.text for b in html_blocks(html, params=params)[0]]


def test_ordinary_page_is_untouched():
    html = ("<html><head><script>if (a<b) document.write('<div><div>')</script><!-- <div> --></head><body>"
            "<div class='x'><p>một<p>hai<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>"
            "<svg><path d='M0'/><path/></svg><a title='x > <div>'>y</a></div>" + ARTICLE + "</body></html>")
    assert cap_dom(html, 8, 1000) is html


def test_deep_nesting_keeps_text_as_lines_at_the_cap():
    html = "<html><body>" + "".join(f"<div class='sidebar'>mức {i}" for i in range(50)) + ARTICLE + "</div>" * 50
    p = ExtractParams(max_dom_depth=10)
    capped = html_blocks(html, params=p)[0]
    full = html_blocks(html)[0]
    assert [b.text for b in capped] == [b.text for b in full]  # every line kept, in order
    assert max(b.features["depth"] for b in capped) <= 12
    assert max(b.features["depth"] for b in full) > 50


def test_invisible_past_the_cap_stays_invisible():
    html = "<html><body>" + "<div>" * 20 + "<svg><text>hidden</text></svg><select><option>hidden</option></select>" \
           "<script>var hidden = 1</script>shown" + "</div>" * 20
    assert _texts(html, ExtractParams(max_dom_depth=5)) == ["shown"]


def test_past_max_elements_the_rest_is_flat_text():
    html = "<html><body>" + "".join(f"<p>đoạn {i}</p>" for i in range(50)) + \
           "<script>junk()</script><script type='application/ld+json'>{}</script></body></html>"
    p = ExtractParams(max_dom_elements=10)
    texts = _texts(html, p)
    joined = " ".join(texts)
    assert all(f"đoạn {i}" in joined for i in range(50)) and "junk" not in joined
    assert len(texts) < 50
    assert "ld+json" in cap_dom(html, 256, 10)


def test_deep_dom_is_capped_before_parsing():
    # The parser's cost grows with nesting depth (it walks its stack of open elements at every
    # block tag): what reaches it is capped, and the text is kept. The time curve itself is
    # measured by bench/worst_case.py, not here.
    for tag in ("<div class='sidebar'>chữ ", "<div>"):
        n = 50_000
        html = "<html><body>" + tag * n + ARTICLE + "</div>" * n
        capped = cap_dom(html, DEFAULT.max_dom_depth, DEFAULT.max_dom_elements)
        assert capped.count("<div") <= DEFAULT.max_dom_depth
        texts = _texts(html)
        assert "Đường mới thông xe trước Tết" in texts
        if "chữ" in tag:
            assert sum(t.count("chữ") for t in texts) == n  # every level's text is still there


def test_self_closing_syntax_on_a_div_still_nests_and_is_capped():
    # HTML ignores "/>" on a non-void element: 20k "<div/>" nest 20k deep in the parser
    html = "<html><body>" + "<div/>" * 20_000 + ARTICLE + "</body></html>"
    capped = cap_dom(html, DEFAULT.max_dom_depth, DEFAULT.max_dom_elements)
    assert capped is not html and capped.count("<div") <= DEFAULT.max_dom_depth
    assert "Đường mới thông xe trước Tết" in _texts(html)
    svg = "<html><body><svg>" + "<path/>" * 500 + "</svg>" + ARTICLE + "</body></html>"
    assert cap_dom(svg, 8, 1000) is svg  # in svg "/>" does close the element
