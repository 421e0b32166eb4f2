"""Snippets with the query words marked, safe to put in a page.

Matching is done on the folded text (same length as the original), so marks land on the words
as written, diacritics and all. Every piece of text is HTML-escaped before <mark> is added.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..fold import VARIANTS, fold


def _word_pattern(folded_word: str) -> str:
    # each letter as the class of every letter that folds to it: "da" -> [dDđĐ][aAàá…]
    return "".join("[" + re.escape(VARIANTS[c]) + "]" if c in VARIANTS else re.escape(c) for c in folded_word)


@lru_cache(maxsize=256)
def _pattern(folded_words: tuple[str, ...]) -> re.Pattern:
    """Matches the words in the original text directly: no need to fold whole articles. A word
    written "=việt" matches as written, case aside (the corpus's reading of an unaccented word)."""
    alts = ["(?i:" + re.escape(w[1:]) + ")" if w.startswith("=") else _word_pattern(w) for w in folded_words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


def match_spans(text: str, folded_words: list[str]) -> list[tuple[int, int]]:
    if not folded_words or not text:
        return []
    return [(m.start(), m.end()) for m in _pattern(tuple(folded_words)).finditer(text)]


def mark(text: str, spans: list[tuple[int, int]]) -> Markup:
    out, pos = [], 0
    for s, e in spans:
        out.append(escape(text[pos:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def snippet(text: str, folded_words: list[str], width: int = 260) -> tuple[str, Markup]:
    """The window of `text` with the most query-word hits: (plain text, marked-up HTML)."""
    spans = match_spans(text, folded_words)
    if not spans:
        cut = text[:width]
        return cut, escape(cut)
    best, best_key = 0, (-1, -1)
    for i, (s, _) in enumerate(spans[:40]):  # the window holding the most distinct query words wins
        inside = [(a, b) for a, b in spans[i:i + 40] if a < s + width]
        k = (len({fold(text[a:b]) for a, b in inside}), len(inside))
        if k > best_key:
            best, best_key = i, k
    start = max(0, spans[best][0] - 60)
    if start:
        sp = text.rfind(" ", 0, start)
        start = sp + 1 if sp >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", start, end)
        end = sp if sp > start else end
    inner = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s >= start and e <= end]
    piece = text[start:end]
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    return prefix + piece + suffix, Markup(escape(prefix)) + mark(piece, inner) + escape(suffix)
