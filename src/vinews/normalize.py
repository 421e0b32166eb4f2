"""Normalise page text without changing what was written.

NFC, zero-width and control characters out, NBSP and other Unicode spaces to a plain space,
runs of spaces folded. Diacritics are kept. Tone-mark placement (hoà/hòa) is unified
(vinews.fold.unify_tones) only in `match_key`, which is for matching, never for output.
"""
from __future__ import annotations

import re
import unicodedata

from . import memo
from .fold import unify_tones

# Zero-width and format characters that scrapers leave in text: ZWSP, ZWNJ, ZWJ, word joiner,
# BOM, soft hyphen, bidi marks.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\n\t") + "\x7f" + "".join(
    chr(c) for c in range(0x80, 0xA0)
)
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_MULTISPACE = re.compile(r" {2,}")
_REPLACE = {**{c: "" for c in _INVISIBLE + _CONTROL}, **{c: " " for c in _SPACES}}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_REPLACE)) + "]")


def normalize_line(line: str) -> str:
    """One line (a carriage return in it is dropped, as any control character)."""
    return normalize_text(line.replace("\r", "")).strip()


def normalize_lines(text: str) -> list[str]:
    """The page's lines, each normalised and stripped: [l.strip() for l in
    normalize_text(text).split("\n")]. A short line's result is memoised (see memo.py): a
    site's template lines, the bulk of a page's lines, are then normalised once per process."""
    if not memo.enabled:
        return [line.strip() for line in normalize_text(text).split("\n")]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = list(map(_LINES.get, lines))  # map: no Python frame per line
    for i in memo.misses(out):
        raw = lines[i]
        line = out[i] = _normalize_one(raw).strip()
        _LINES.put(raw, line)
    return out


def _normalize_one(line: str) -> str:
    """normalize_text for one line (no line breaks in it)."""
    # Every character _REPLACE handles is a control, format or non-ASCII space character, which
    # isprintable() rejects: one cheap pass spares the character-class scan on most lines.
    return _fold(line, specials=not line.isprintable())


def _fold(text: str, specials: bool = True) -> str:
    """Special characters replaced (when `specials`), NFC, runs of spaces folded."""
    if specials:
        # str.replace per character present is far cheaper than a regex or translate pass over
        # the whole (non-ASCII) page, and pages hold few distinct special characters.
        for ch in set(_SPECIAL_RE.findall(text)):
            text = text.replace(ch, _REPLACE[ch])
    # normalize() returns its input untouched when the quick check passes: cheaper than asking
    # is_normalized() first, which scans the whole page a second time.
    text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _MULTISPACE.sub(" ", text)
    return text


_LINES = memo.LineMemo("normalize")


def normalize_text(text: str) -> str:
    """Normalise every line but keep the line structure (line numbers stay valid).

    Same result as normalize_line on each line, done on the whole text at once (hot path),
    except that spaces at the ends of lines are left for the segmenter to strip."""
    return _fold(text.replace("\r\n", "\n").replace("\r", "\n"))


def match_key(text: str) -> str:
    """A key for matching: normalised, tone placement unified, case folded. Diacritics kept."""
    return " ".join(unify_tones(normalize_line(text)).casefold().split())
