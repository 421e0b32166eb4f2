"""The DOM walk's shortcuts give what the plain rules give: whitespace squashed like
render.py's regex (Unicode spaces kept), link/italic/bold shares with layout whitespace counted,
and the guard's find-then-match search equal to the regex search."""
import random
import re

from selectolax.lexbor import LexborHTMLParser

from vinews.html.dom import SPACES, render_blocks
from vinews.html.guard import _COMMENT_END, _RAW_END, _search_from


def blocks(html: str):
    return render_blocks(LexborHTMLParser(html).root)


def test_unicode_spaces_stay_and_ascii_whitespace_squashes():
    bs = blocks("<body><p>  Hà\n\tNội \u00a0 ngày\u2009mới  </p><p>\u00a0</p><div>a\x1cb</div></body>")
    assert [b.text for b in bs] == ["Hà Nội \u00a0 ngày\u2009mới", "\u00a0", "a\x1cb"]


def test_whitespace_between_inline_elements_counts_in_the_shares():
    # 'x' and 'y' linked, ' \n  ' between them not: 2 of the raw block's 6 characters, so
    # 2 * 3 // 6 = 1 of the 3 characters of "x y" (0.667 if the whitespace went uncounted)
    (b,) = blocks("<body><p><a>x</a> \n  <a>y</a></p></body>")
    assert b.text == "x y"
    assert b.features["link_density"] == 0.333


def test_block_text_matches_the_regex_rule_on_random_whitespace():
    rng = random.Random(7)
    alphabet = [" ", "\n", "\t", "\r", "\f", "\v", "\u00a0", "\u2009", "\u3000", "a", "ế", "<b>", "</b>", "<i>"]
    for _ in range(300):
        inner = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        tree = LexborHTMLParser(f"<body><p>{inner}</p></body>")
        p = tree.css_first("p")
        raw = p.text(deep=True) if p is not None else ""
        want = SPACES.sub(" ", raw).strip(" ")
        got = [b.text for b in render_blocks(tree.root)]
        if raw.strip(" \t\r\n\f\v"):
            assert got == [want], (inner, got, want)
        else:
            assert got == [], (inner, got)


def test_search_from_is_the_regex_search():
    rng = random.Random(3)
    pieces = ["</", "</script", "</SCRIPT>", "</scripts>", "</script ", "-", "--", "--!>", "-->", "x", "<", "/", ">"]
    for pattern, prefix in ((_RAW_END["script"], "</"), (_COMMENT_END, "--")):
        for _ in range(2000):
            s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
            pos = rng.randint(0, len(s))
            a, b = _search_from(s, pattern, prefix, pos), pattern.search(s, pos)
            assert (a and a.span()) == (b and b.span()), (s, pos)


def test_search_from_stays_linear_on_false_starts():
    s = "</" * 200_000 + "</script>"
    m = _search_from(s, _RAW_END["script"], "</", 0)
    assert m is not None and m.start() == 400_000
    assert isinstance(_RAW_END["script"], re.Pattern)
