"""Text lines as the entity rules see them: syllable tokens with offsets, underthesea's word
boundaries (and, on demand, part-of-speech tags), and longest-match lookup in word lists."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import gazetteer as gz

TOKEN = re.compile(r"\w+(?:[./\-'’&]\w+)*|[^\w\s]")  # "GD&ĐT", "NN&PTNT": one acronym
_SENT_END = {".", "!", "?", "…", ":", "\"", "“", "”", "(", "–", "-", ";", "*", "•", "\u200b", "'", "‘"}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str
    attr: str | None = None


def split_entry(entry: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(entry))


class Table(dict):
    """Token tuple -> entry, with the set of first tokens so a miss costs one set lookup."""

    def __init__(self, items):
        super().__init__(items)
        self.firsts = frozenset(k[0] for k in self)
        self.maxlen = max((len(k) for k in self), default=0)


def table(entries, fold: bool = False) -> Table:
    """Word list -> lookup by token tuple (lower-cased when `fold`)."""
    out = {}
    for e in entries:
        key = split_entry(e)
        out[tuple(s.lower() for s in key) if fold else key] = e
    return Table(out)


ORG_NAMES = table(gz.ORG_NAMES)
ORG_HEADS = table(gz.ORG_HEADS)
PLACES = table(gz.PLACES)
PLACE_HEADS = table(gz.PLACE_HEADS)
TITLES = table(gz.RANKS + gz.OFFICES)  # case as written ...
TITLES_LOWER = table(gz.RANKS + gz.OFFICES + gz.ROLE_WORDS, fold=True)  # ... or all lower case
ROLES = table(gz.ROLE_WORDS, fold=True)


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
    """Words and part-of-speech tags of one line (no longer used by the entity rules)."""
    from underthesea import pos_tag

    return tuple(pos_tag(text))


@lru_cache(maxsize=1)
def compounds() -> frozenset[str]:
    """Two- and three-syllable Vietnamese words, lower case ("quốc phòng", "giao thông"): the
    word list underthesea ships in its wheel, read on first use. It tells which lower-case
    syllables still belong to the capitalised one before them, which the CRF segmenter used to
    tell at 25 times the cost. Missing (another underthesea layout): no compound tails."""
    from pathlib import Path

    try:
        import underthesea

        path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
        words = path.read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w.strip() for w in words if 2 <= len(w.split()) <= 3 and w == w.lower())  # no names


class Line:
    """One line of text as syllable tokens with offsets (lexical only: no segmenter)."""

    def __init__(self, text: str, offset: int):
        self.text = text
        self.off = offset
        self.toks = TOKEN.findall(text)  # C loops: this runs on every line of every article
        self.low = list(map(str.lower, self.toks))
        self.memo: dict = {}  # what later passes derive from the tokens once per line (tagger._hits)

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Character span of every token; on first use (a line with no entity never needs them)."""
        return [m.span() for m in TOKEN.finditer(self.text)]

    def caps(self) -> set[int]:
        """Positions of the tokens that start with a capital letter (the windows' and rules' openers)."""
        got = self.memo.get("caps")
        if got is None:
            got = self.memo["caps"] = {k for k, t in enumerate(self.toks) if t[:1].isupper()}
        return got

    def sentence_start(self, i: int) -> bool:
        return i == 0 or self.toks[i - 1] in _SENT_END

    def longest(self, i: int, table: Table, fold: bool = False) -> int:
        """End index of the longest table entry starting at token i, or i if none."""
        toks = self.low if fold else self.toks
        if i >= len(toks) or toks[i] not in table.firsts:
            return i
        best = i
        for j in range(i + 1, min(len(toks), i + table.maxlen) + 1):
            if tuple(toks[i:j]) in table:
                best = j
        return best

    def entity(self, i: int, j: int, type_: str, attr: str | None = None) -> Entity:
        s, e = self.spans[i][0], self.spans[j - 1][1]
        return Entity(self.off + s, self.off + e, type_, self.text[s:e], attr)

    def compound_tail(self, k: int) -> int:
        """After a capitalised syllable at k, the lower-case syllables that make one word with
        it ("Quốc phòng"), by the word list; not after another capitalised syllable ("Hà Nội
        công bố": "nội công" is a word too) unless that ends an organisation head ("Bộ Giao thông")."""
        if k > 0 and is_cap(self.toks[k - 1]) and is_word(self.toks[k - 1]) \
                and not any(self.longest(p, ORG_HEADS) == k for p in range(max(0, k - 3), k)):
            return k + 1
        words = compounds()
        best = k + 1
        for j in (k + 2, k + 3):
            if j > len(self.toks) or not all(self.toks[m].islower() for m in range(k + 1, j)):
                break
            if " ".join(self.low[k:j]) in words:
                best = j
        return best

    def noun_word_end(self, k: int) -> int:
        """End of a lower-case word at k that ends organisation names ("giao thông" in "Cục
        Cảnh sát giao thông"), or k."""
        for j in (k + 3, k + 2):
            if j <= len(self.toks) and " ".join(self.low[k:j]) in gz.ORG_TAIL_WORDS \
                    and all(self.toks[m].islower() for m in range(k, j)):
                return j
        return k
