"""cap_dom's quick pass (`_within_caps`) may only skip pages its full pass would leave alone:
on random markup around small caps the two give the same page, and whenever the quick pass says
"within", the full pass cuts nothing."""
import random

from vinews.html.guard import _cap_dom, _within_caps, cap_dom

TAGS = ["div", "p", "li", "ul", "option", "select", "td", "tr", "table", "span", "a", "b", "h1", "h2", "svg",
        "path", "button", "dd", "dt", "dl", "br", "img", "html", "body", "head", "template", "math"]
BITS = ["x", " ", "<!-- c -->", "<!-- <div> -->", "<script>if (a</b) '</div>'</script>", "<style>p{}</style>",
        "</SCRIPT>", "<title>t</title>", "<!doctype html>", "&amp;", "<br/>", "<div/>", "<path/>", "</p>", "</x>"]


def markup(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 4)):
        if rng.random() < 0.3 or depth > 14:
            out.append(rng.choice(BITS))
        else:
            tag = rng.choice(TAGS)
            inner = markup(rng, depth + 1)
            close = f"</{tag.upper() if rng.random() < 0.1 else tag}>" if rng.random() < 0.7 else ""
            out.append(f"<{tag}>{inner}{close}")
    return "".join(out)


def test_quick_pass_agrees_with_the_full_pass():
    rng = random.Random(11)
    within = cut = 0
    for _ in range(1500):
        html = markup(rng)
        depth, elements = rng.randint(2, 12), rng.randint(3, 60)
        full = _cap_dom(html, depth, elements)
        assert cap_dom(html, depth, elements) == full
        if _within_caps(html, depth, elements):
            within += 1
            assert full is html  # nothing cut
        elif full != html:
            cut += 1
    assert within > 150 and cut > 150  # both sides of the bound were exercised


def test_quick_pass_declines_unclosed_runs_and_many_tags():
    assert not _within_caps("<p>x" * 300, 256, 200_000)  # the full pass decides (it closes each <p>)
    assert _cap_dom("<p>x" * 300, 256, 200_000) == "<p>x" * 300
    assert not _within_caps("<b></b>" * 100, 256, 150)
    assert _within_caps("<div>" * 10 + "</div>" * 10, 256, 200_000)
