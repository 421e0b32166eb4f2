"""Text lines as the entity rules see them: syllable tokens with offsets, underthesea's word
boundaries (and, on demand, part-of-speech tags), and longest-match lookup in word lists."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import strip_diacritics
from . import gazetteer as gz

TOKEN = re.compile(r"\w+(?:[./\-'’]\w+)*|[^\w\s]")
_SENT_END = {".", "!", "?", "…", ":", "\"", "“", "”", "(", "–", "-", ";"}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str
    attr: str | None = None


def split_entry(entry: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(entry))


def table(entries, fold: bool = False) -> dict[tuple[str, ...], str]:
    """Word list -> lookup by token tuple (lower-cased when `fold`)."""
    out = {}
    for e in entries:
        key = split_entry(e)
        out[tuple(s.lower() for s in key) if fold else key] = e
    return out


ORG_NAMES = table(gz.ORG_NAMES)
ORG_HEADS = table(gz.ORG_HEADS)
PLACES = table(gz.PLACES)
PLACE_HEADS = table(gz.PLACE_HEADS)
TITLES = table(gz.RANKS + gz.OFFICES)  # case as written ...
TITLES_LOWER = table(gz.RANKS + gz.OFFICES + gz.ROLE_WORDS, fold=True)  # ... or all lower case
ROLES = table(gz.ROLE_WORDS, fold=True)
MAXLEN = max(len(k) for t in (ORG_NAMES, ORG_HEADS, PLACES, PLACE_HEADS, TITLES, TITLES_LOWER) for k in t)


def bare_key(tok: str) -> str:
    return strip_diacritics(tok).lower()


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def is_word(tok: str) -> bool:
    return tok[:1].isalnum() or tok[:1] == "_"


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[str, ...]:
    """underthesea's word segmentation of one line (cached: keywords reuse it)."""
    from underthesea import word_tokenize  # ships its model in the wheel: nothing downloads

    return tuple(word_tokenize(text))


@lru_cache(maxsize=1024)
def tag_line(text: str) -> tuple[tuple[str, str], ...]:
    """Words and part-of-speech tags of one line. About three times the cost of segmenting
    alone (feature extraction in Python), so it is only asked for where a rule needs it."""
    from underthesea import pos_tag

    return tuple(pos_tag(text))


class Line:
    """One line of text as syllable tokens, with word ids from the segmenter."""

    def __init__(self, text: str, offset: int, segment: bool):
        self.text = text
        self.off = offset
        ms = list(TOKEN.finditer(text))
        self.toks = [m.group() for m in ms]
        self.spans = [(m.start(), m.end()) for m in ms]
        self.segment = segment
        self.word = list(range(len(self.toks)))
        self._tags: list[str] | None = None
        if segment and self.toks:
            aligned = self._align([(w, "") for w in words_of(text)])
            if aligned:
                self.word = aligned[0]

    def _align(self, words: list[tuple[str, str]]) -> tuple[list[int], list[str]] | None:
        """Word id and tag of each syllable token, or None if the segmenter changed the text."""
        word, tag, k = list(range(len(self.toks))), [""] * len(self.toks), 0
        for wid, (w, t) in enumerate(words):
            for syl in TOKEN.findall(w):
                # underthesea rewrites some tone placements (Hoà -> Hòa): compare without marks
                if k >= len(self.toks) or (self.toks[k] != syl and bare_key(self.toks[k]) != bare_key(syl)):
                    return None
                word[k], tag[k] = 10**6 + wid, t
                k += 1
        return word, tag

    @property
    def tag(self) -> list[str]:
        if self._tags is None:
            aligned = self._align(list(tag_line(self.text))) if self.segment and self.toks else None
            self._tags = aligned[1] if aligned else [""] * len(self.toks)
        return self._tags

    def noun_word_end(self, k: int) -> int:
        """End of the lower-case common-noun word at k ("giao thông" in "Cục Cảnh sát giao
        thông"), or k: Vietnamese organisation names often end in such words."""
        if is_cap(self.toks[k]) or not is_word(self.toks[k]) or self.tag[k] != "N":
            return k
        if k > 0 and self.word[k - 1] == self.word[k]:
            return k
        j = k + 1
        while j < len(self.toks) and self.word[j] == self.word[k]:
            j += 1
        return j

    def sentence_start(self, i: int) -> bool:
        return i == 0 or self.toks[i - 1] in _SENT_END

    def longest(self, i: int, table: dict, fold: bool = False) -> int:
        """End index of the longest table entry starting at token i, or i if none."""
        best = i
        for j in range(i + 1, min(len(self.toks), i + MAXLEN) + 1):
            key = tuple(t.lower() for t in self.toks[i:j]) if fold else tuple(self.toks[i:j])
            if key in table:
                best = j
        return best

    def entity(self, i: int, j: int, type_: str, attr: str | None = None) -> Entity:
        s, e = self.spans[i][0], self.spans[j - 1][1]
        return Entity(self.off + s, self.off + e, type_, self.text[s:e], attr)

    def compound_tail(self, k: int) -> int:
        """After a capitalised syllable at k, the lower-case syllables of the same word
        ("Quốc phòng"), but only when the word holds one capitalised syllable: after two
        ("Quỳnh Lưu hôm") the segmenter has glued a following word on."""
        j = k + 1
        p = k
        while p > 0 and self.word[p - 1] == self.word[k] and is_cap(self.toks[p - 1]):
            p -= 1
        if p < k and self.longest(p, ORG_HEADS) == p:
            return j
        while j < len(self.toks) and self.word[j] == self.word[k] and not is_cap(self.toks[j]) and is_word(self.toks[j]):
            j += 1
        return j
