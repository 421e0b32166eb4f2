"""Rule-based entity finder for Vietnamese news text: people (title/rank kept as attribute),
organisations and places.

Why rules: the offline underthesea NER model scores about F1 0.33 on news text; Vietnamese
news names follow strong patterns (a title or rank before a person, a head word such as "Bộ" or
"Công ty" before an organisation, "tỉnh"/"huyện" before a place) that rules catch reliably.
underthesea's word segmentation is used only to know which lower-case syllables belong to the
capitalised word before them ("Quốc phòng", "Môi trường").

Spans are character offsets into the text given. Conventions (the gold set follows them):
the person span is the name only; lower-case place heads ("tỉnh", "TP") stay outside the place
span; organisation spans include their head word ("Bộ Quốc phòng", "UBND tỉnh Nghệ An").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import strip_diacritics
from . import gazetteer as gz
from .names import NOT_ORG_ACRONYMS, SURNAMES

TOKEN = re.compile(r"\w+(?:[./\-'’]\w+)*|[^\w\s]")
_SENT_END = {".", "!", "?", "…", ":", "\"", "“", "”", "(", "–", "-", ";"}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str
    attr: str | None = None


def _split(entry: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(entry))


def _table(entries, fold: bool = False) -> dict[tuple[str, ...], str]:
    table = {}
    for e in entries:
        key = _split(e)
        table[tuple(s.lower() for s in key) if fold else key] = e
    return table


_ORG_NAMES = _table(gz.ORG_NAMES)
_ORG_HEADS = _table(gz.ORG_HEADS)
_PLACES = _table(gz.PLACES)
_PLACE_HEADS = _table(gz.PLACE_HEADS)
_TITLES = _table(gz.RANKS + gz.OFFICES)  # case as written ...
_TITLES_LOWER = _table(gz.RANKS + gz.OFFICES + gz.ROLE_WORDS, fold=True)  # ... or all lower case
_ROLES = _table(gz.ROLE_WORDS, fold=True)
_MAXLEN = max(len(k) for t in (_ORG_NAMES, _ORG_HEADS, _PLACES, _PLACE_HEADS, _TITLES, _TITLES_LOWER) for k in t)


def _bare_key(tok: str) -> str:
    return strip_diacritics(tok).lower()


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _is_word(tok: str) -> bool:
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


class _Line:
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
                if k >= len(self.toks) or (self.toks[k] != syl and _bare_key(self.toks[k]) != _bare_key(syl)):
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
        if _is_cap(self.toks[k]) or not _is_word(self.toks[k]) or self.tag[k] != "N":
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
        for j in range(i + 1, min(len(self.toks), i + _MAXLEN) + 1):
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
        while p > 0 and self.word[p - 1] == self.word[k] and _is_cap(self.toks[p - 1]):
            p -= 1
        if p < k and self.longest(p, _ORG_HEADS) == p:
            return j
        while j < len(self.toks) and self.word[j] == self.word[k] and not _is_cap(self.toks[j]) and _is_word(self.toks[j]):
            j += 1
        return j


_NUMBERED_HEADS = {("Quân", "khu"), ("Quân", "đoàn"), ("Sư", "đoàn"), ("Lữ", "đoàn"), ("Trung", "đoàn"), ("Vùng",),
                   ("Hải", "đoàn"), ("Binh", "đoàn"), ("Tiểu", "đoàn"), ("Trường",), ("Bệnh", "viện")}
_ROMAN = re.compile(r"^[IVXLC]+$")
_BEFORE_PLACE = {"tại", "ở", "tới", "đến", "từ", "về", "sang", "quanh"}


def _org_run(ln: _Line, k: int, limit: int = 14) -> int:
    """Extend an organisation name from token k: capitalised words, their compound tails, and
    inner lower-case words ("nhân dân", "và", "tỉnh") when a capitalised word follows them."""
    start, n = k, len(ln.toks)
    while k < n and k - start < limit:
        tok = ln.toks[k]
        if tok == "-" and k + 1 < n and _is_cap(ln.toks[k + 1]) and k > start:
            k += 1  # "Phòng không - Không quân"
            continue
        if _is_cap(tok) and _is_word(tok):
            if k > start and ln.longest(k, _TITLES) > k:  # "... Nghệ An Thượng tá X": a title starts
                break
            k = ln.compound_tail(k)
            continue
        if tok in gz.ORG_INNER_LOWER or tok in ("TP", "TP."):
            m = k
            while m < n and (ln.toks[m] in gz.ORG_INNER_LOWER or ln.toks[m] in ("TP", "TP.")):
                m += 1
            if "và" in ln.toks[k:m] and (ln.longest(m, _ORG_HEADS) > m or _ends_place(ln, start, k)):
                break  # "Bộ A và Bộ B", "Công an Hà Nội và Nam Định": two organisations
            if m < n and _is_cap(ln.toks[m]) and _is_word(ln.toks[m]) and m > k:
                k = m
                continue
        if k > start:
            e = ln.noun_word_end(k)
            if e > k:
                k = e
                continue
        break
    return k


def _ends_place(ln: _Line, start: int, k: int) -> bool:
    return any(ln.longest(p, _PLACES) == k for p in range(start, k))


def _cap_run(ln: _Line, k: int, limit: int = 6) -> int:
    j = k
    while j < len(ln.toks) and j - k < limit and _is_cap(ln.toks[j]) and _is_word(ln.toks[j]):
        j += 1
    return j


def _known(ln: _Line, i: int, j: int) -> bool:
    key = tuple(ln.toks[i:j])
    return key in _PLACES or key in _ORG_NAMES


def _splits_place(ln: _Line, i: int, p: int) -> bool:
    """Does a known place cross position p ("Lâm Đồng" | "Đặng Trí Dũng")?"""
    return any(q < p < ln.longest(q, _PLACES) for q in range(i, p))


def _name_start(ln: _Line, i: int, j: int) -> int | None:
    """Where the person's name starts inside the run i..j (name = the capitalised tail)."""
    tail = j
    while tail > i and _is_cap(ln.toks[tail - 1]):
        tail -= 1
    for p in range(tail, j):
        if ln.toks[p] in SURNAMES and 2 <= j - p <= 4 and not _known(ln, p, j) and not _splits_place(ln, tail, p):
            return p
    # No Vietnamese surname: the name follows the last place or organisation word ("Nga Sergei Shoigu").
    p = tail
    k = tail
    while k < j:
        e = max(ln.longest(k, _PLACES), ln.longest(k, _ORG_NAMES))
        if e > k:
            p = k = e
        else:
            k += 1
    if p < j and not _known(ln, p, j) and not ln.toks[p].isupper() and ln.longest(p, _ORG_HEADS) == p:
        return p
    return None


def _scan(ln: _Line, i: int, j: int, people: bool = True) -> list[Entity]:
    out: list[Entity] = []
    while i < j:
        got = (_person(ln, i, j) if people else None) or _org(ln, i, j) or _place(ln, i, j) or _bare(ln, i, j)
        if got:
            ents, i = got
            out.extend(ents)
        else:
            i += 1
    return out


def _person(ln: _Line, i: int, j: int):
    t = ln.longest(i, _TITLES)
    role = False
    if t == i:
        t = ln.longest(i, _TITLES_LOWER, fold=True)
        role = tuple(x.lower() for x in ln.toks[i:t]) in _ROLES
        if t == i or (_is_cap(ln.toks[i]) and not ln.sentence_start(i) and ln.toks[i].lower() in ("anh", "bà", "cô", "em")):
            return None
    k = t
    if k < j and ln.toks[k] == ",":  # "Thủ tướng, ông X" is rare; do not reach over commas
        return None
    if k >= j or not _is_cap(ln.toks[k]):
        return None
    end = min(_org_run(ln, k), j)
    for m in range(k, end - 1):  # "X và Thượng tướng Y": two people, not one long name
        if ln.toks[m] == "và" and (ln.longest(m + 1, _TITLES) > m + 1 or ln.toks[m + 1] in SURNAMES):
            end = m
            break
    p = _name_start(ln, k, end)
    if role and _cap_run(ln, k) >= end and not _known(ln, k, end):
        p = k  # "ca sĩ Mỹ Tâm": after a plain role word the name comes at once
    if p is None:
        return None
    ents = _scan(ln, k, p, people=False) if p > k else []
    title = ln.text[ln.spans[i][0]:ln.spans[p - 1][1]] if p > i else None
    return ents + [ln.entity(p, end, "PER", title)], end


def _org(ln: _Line, i: int, j: int):
    e = ln.longest(i, _ORG_NAMES)
    h = ln.longest(i, _ORG_HEADS)
    if h > i and _is_cap(ln.toks[i]):
        start = h
        if h < j and ln.toks[h].isdigit() and tuple(ln.toks[i:h]) in _NUMBERED_HEADS:
            start = h + 1  # "Quân khu 4"
        end = min(_org_run(ln, start), j)
        if tuple(ln.toks[i:h]) == ("Đoàn",) and ln.longest(h, _PLACES) == end:
            return None  # "Đoàn Nga": the Russian delegation, not an organisation's name
        if ln.toks[i] in SURNAMES and _cap_run(ln, i) >= end and end - i <= 4 and not _known(ln, i, end):
            return None  # "Đoàn Văn Hậu": a family name that is also a head word, then a name
        if end > h and end >= e:
            return [ln.entity(i, end, "ORG")], end
    if e > i:
        return [ln.entity(i, e, "ORG")], e
    tok = ln.toks[i]
    if (tok.isupper() and 2 <= len(tok) <= 8 and tok.isalpha() and tok not in NOT_ORG_ACRONYMS
            and not _ROMAN.match(tok) and ln.longest(i, _PLACES) == i):
        end = min(_cap_run(ln, i, limit=4), j)  # "AFF Cup"
        return [ln.entity(i, end, "ORG")], end
    return None


def _place(ln: _Line, i: int, j: int):
    e = ln.longest(i, _PLACES)
    if e > i:
        end = e
        if tuple(ln.toks[i:e]) == ("Anh",) and e < j and _is_cap(ln.toks[e]):
            return None  # "Anh Tuấn": a name, not England
        return [ln.entity(i, end, "LOC")], end
    h = ln.longest(i, _PLACE_HEADS)
    if h > i and h < j and ln.toks[h].isdigit() and _is_cap(ln.toks[i]):
        return [ln.entity(i, h + 1, "LOC")], h + 1  # "Quận 7": the number needs its head
    if h > i and h < j and _is_cap(ln.toks[h]):
        end = _cap_run(ln, h)
        while end + 1 < j and ln.toks[end] == "-" and _is_cap(ln.toks[end + 1]):
            end = _cap_run(ln, end + 1)
        end = min(end, j)
        if ln.longest(h, _ORG_HEADS) > h or ln.longest(h, _TITLES) > h:
            return None
        return [ln.entity(h, end, "LOC")], end
    return None


def _bare(ln: _Line, i: int, j: int):
    """A capitalised run with no cue: a person when it starts with a family name."""
    tok = ln.toks[i]
    if not _is_cap(tok) or not _is_word(tok):
        return None
    end = min(_cap_run(ln, i), j)
    # ("Đoàn Nga" is a delegation: a family-name word followed only by a place is no name)
    if tok in SURNAMES and 2 <= end - i <= 4 and not _known(ln, i, end) and ln.longest(i + 1, _PLACES) != end:
        return [ln.entity(i, end, "PER")], end
    if i > 0 and ln.toks[i - 1] in _BEFORE_PLACE and ln.longest(i, _ORG_HEADS) == i:
        return [ln.entity(i, end, "LOC")], end  # "tại Kazan": an unknown name after "at" is a place
    return [], i + 1


def find_entities(text: str, segment: bool = True) -> list[Entity]:
    """All entities in `text`, in order; offsets index into `text`."""
    out: list[Entity] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            ln = _Line(line, pos, segment)
            out.extend(_scan(ln, 0, len(ln.toks)))
        pos += len(line) + 1
    return out
