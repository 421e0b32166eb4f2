"""Search keys for Vietnamese text.

`fold` strips diacritics (đ -> d) and lower-cases *character by character*, so the folded text
has the same length as the original and a match found in it is a match at the same offsets in
the original: that is how snippets highlight "Việt Nam" for the query "viet nam".
`tone_variants` gives both tone placements of oa/oe/uy syllables (hòa, hoà): the exact field
keeps the text as written, so a query word is looked up in both spellings.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..normalize import strip_diacritics, unify_tones

WORD = re.compile(r"\w+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NEW_TONE = re.compile(r"([oO])([aAeE])([" + _TONES + r"])(?![a-zA-Z])|([uU])([yY])([" + _TONES + r"])(?![a-zA-Z])")


@lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    f = strip_diacritics(c).lower()
    return f if len(f) == 1 else c.lower()[:1] or c


# Latin letters with marks (Latin-1, Latin Extended-A/B, Vietnamese block): one char each.
_TABLE = {c: _fold_char(chr(c)) for r in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r)}


def _variants() -> dict[str, str]:
    """For each folded letter, every character that folds to it ('d' -> 'dDđĐ')."""
    out: dict[str, set[str]] = {}
    for c in list(range(0x20, 0x7F)) + list(_TABLE):
        ch = chr(c)
        f = _fold_char(ch)
        if f.isascii():
            out.setdefault(f, {f}).add(ch)
    return {k: "".join(sorted(v)) for k, v in out.items()}


VARIANTS = _variants()


def fold(text: str) -> str:
    """'Việt Nam' -> 'viet nam', same length as the input (NFC text)."""
    low = text.lower()
    if len(low) == len(text):  # the fast path: lower() kept every character one character
        return low if low.isascii() else low.translate(_TABLE)
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[str]:
    """Lower-cased words as tantivy's default tokenizer cuts them (letters and digits)."""
    return [w.lower() for w in WORD.findall(text.replace("_", " "))]


def _old_style(word: str) -> str:
    d = unicodedata.normalize("NFD", unify_tones(word))
    d = _NEW_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2) if m.group(1) else m.group(4) + m.group(6) + m.group(5), d)
    return unicodedata.normalize("NFC", d)


def tone_variants(word: str) -> list[str]:
    """The word with the tone mark on each possible vowel of oa/oe/uy: ['hoà', 'hòa']."""
    new = unify_tones(word)
    old = _old_style(word)
    return [new] if new == old else [new, old]
