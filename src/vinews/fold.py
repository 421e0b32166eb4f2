"""Diacritic and tone folding of Vietnamese text, in one place: what every key that ignores
marks (search, entity links, outlet names, site names) is made with.

- `strip_diacritics`: the marks off, đ -> d, case kept, NFC ('Đà Nẵng' -> 'Da Nang'); the
  matching keys of entity linking and outlet names are made from it.
- `fold`: the search key. Diacritics stripped and lower-cased *character by character*, so the
  folded text has the same length as the original and a match found in it is a match at the
  same offsets in the original: that is how snippets highlight "Việt Nam" for the query
  "viet nam". On NFC text it equals strip_diacritics(text).lower() (tests/test_fold.py); it
  differs where that would change the length (a decomposed mark stays; 'İ' lowers to 'i').
- `ascii_key`: letters and digits only, no marks, case folded ('Dân Trí' -> 'dantri'): outlet
  and site names compared across their spellings (html.hints, corpus.republication).
- `unify_tones`: the tone mark of oa/oe/uy moved to the second vowel (hòa -> hoà), the
  spelling match keys use; `tone_variants`: a word in both placements, for exact lookups.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+")
_NON_ALNUM = re.compile(r"[^a-z0-9]")

# Tone placement in oa/oe/uy varies by writer (hòa/hoà, thủy/thuỷ): for match keys we always put
# the mark on the second vowel. Other diphthongs (của, mùa) have only one spelling: untouched.
TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_TONE = re.compile(r"([oO])([" + TONES + r"])([aAeE])(?![a-zA-Z])|([uU])([" + TONES + r"])([yY])(?![a-zA-Z])")
_NEW_TONE = re.compile(r"([oO])([aAeE])([" + TONES + r"])(?![a-zA-Z])|([uU])([yY])([" + TONES + r"])(?![a-zA-Z])")


def strip_diacritics(text: str) -> str:
    """For diacritic-insensitive keys only: 'Việt Nam' -> 'Viet Nam' (case kept)."""
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def ascii_key(text: str) -> str:
    """'Dân Trí' -> 'dantri': letters and digits without diacritics, case folded, nothing else."""
    return _NON_ALNUM.sub("", strip_diacritics(text).casefold())


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


def _swap(m: re.Match) -> str:
    g = m.groups()
    return g[0] + g[2] + g[1] if g[0] else g[3] + g[5] + g[4]


def unify_tones(text: str) -> str:
    """Move the tone mark of oa/oe/uy from the first to the second vowel (hòa -> hoà).

    Only where the diphthong ends the syllable: in "hoàng" the mark has one place already.
    """
    d = unicodedata.normalize("NFD", text)
    d = _OLD_TONE.sub(_swap, d)
    return unicodedata.normalize("NFC", d)


def _old_style(word: str) -> str:
    d = unicodedata.normalize("NFD", unify_tones(word))
    d = _NEW_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2) if m.group(1) else m.group(4) + m.group(6) + m.group(5), d)
    return unicodedata.normalize("NFC", d)


def tone_variants(word: str) -> list[str]:
    """The word with the tone mark on each possible vowel of oa/oe/uy: ['hoà', 'hòa']."""
    new = unify_tones(word)
    old = _old_style(word)
    return [new] if new == old else [new, old]
