"""Rule-based entity finder for Vietnamese news text: people (title/rank kept as attribute),
organisations and places.

Why rules: the offline underthesea NER model scores about F1 0.33 on news text; Vietnamese
news names follow strong patterns (a title or rank before a person, a head word such as "Bộ" or
"Công ty" before an organisation, "tỉnh"/"huyện" before a place) that rules catch reliably.
No segmenter or tagger runs (underthesea's CRF cost 25x everything else in a build): the word
list underthesea ships in its wheel tells which lower-case syllables make one word with the
capitalised one before them ("Quốc phòng", "Môi trường"), and a short list of tail words
("giao thông", "hình sự") which lower-case words still end an organisation's name.

Spans are character offsets into the text given. Conventions (the gold set follows them):
the person span is the name only; lower-case place heads ("tỉnh", "TP") stay outside the place
span; organisation spans include their head word ("Bộ Quốc phòng", "UBND tỉnh Nghệ An").
"""
from __future__ import annotations

import re

from . import gazetteer as gz
from .line import (ORG_HEADS, ORG_NAMES, PLACE_HEADS, PLACES, ROLES, TITLES, TITLES_LOWER, Entity, Line, is_cap,
                   is_word, tag_line, words_of)
from .names import NOT_ORG_ACRONYMS, SURNAMES

__all__ = ["Entity", "find_entities", "tag_line", "words_of"]




_NUMBERED_HEADS = {("Quân", "khu"), ("Quân", "đoàn"), ("Sư", "đoàn"), ("Lữ", "đoàn"), ("Trung", "đoàn"), ("Vùng",),
                   ("Hải", "đoàn"), ("Binh", "đoàn"), ("Tiểu", "đoàn"), ("Trường",), ("Bệnh", "viện")}
_ROMAN = re.compile(r"^[IVXLC]+$")
_BEFORE_PLACE = {"tại", "ở", "tới", "đến", "từ", "về", "sang", "quanh"}


def _org_run(ln: Line, k: int, limit: int = 14) -> int:
    """Extend an organisation name from token k: capitalised words, their compound tails, and
    inner lower-case words ("nhân dân", "và", "tỉnh") when a capitalised word follows them."""
    start, n = k, len(ln.toks)
    while k < n and k - start < limit:
        tok = ln.toks[k]
        if tok == "-" and k + 1 < n and is_cap(ln.toks[k + 1]) and k > start:
            k += 1  # "Phòng không - Không quân"
            continue
        if is_cap(tok) and is_word(tok):
            if k > start and ln.longest(k, TITLES) > k:  # "... Nghệ An Thượng tá X": a title starts
                break
            k = ln.compound_tail(k)
            continue
        if tok in gz.ORG_INNER_LOWER or tok in ("TP", "TP."):
            m = k
            while m < n and (ln.toks[m] in gz.ORG_INNER_LOWER or ln.toks[m] in ("TP", "TP.")):
                m += 1
            if "và" in ln.toks[k:m] and (ln.longest(m, ORG_HEADS) > m or _ends_place(ln, start, k)):
                break  # "Bộ A và Bộ B", "Công an Hà Nội và Nam Định": two organisations
            if m < n and is_cap(ln.toks[m]) and is_word(ln.toks[m]) and m > k:
                k = m
                continue
        if k > start:
            e = ln.noun_word_end(k)
            if e > k:
                k = e
                continue
        break
    return k


def _ends_place(ln: Line, start: int, k: int) -> bool:
    return any(ln.longest(p, PLACES) == k for p in range(start, k))


def _cap_run(ln: Line, k: int, limit: int = 6) -> int:
    j = k
    while j < len(ln.toks) and j - k < limit and is_cap(ln.toks[j]) and is_word(ln.toks[j]):
        j += 1
    return j


def _known(ln: Line, i: int, j: int) -> bool:
    key = tuple(ln.toks[i:j])
    return key in PLACES or key in ORG_NAMES


def _splits_place(ln: Line, i: int, p: int) -> bool:
    """Does a known place cross position p ("Lâm Đồng" | "Đặng Trí Dũng")?"""
    return any(q < p < ln.longest(q, PLACES) for q in range(i, p))


def _name_start(ln: Line, i: int, j: int) -> int | None:
    """Where the person's name starts inside the run i..j (name = the capitalised tail)."""
    tail = j
    while tail > i and is_cap(ln.toks[tail - 1]):
        tail -= 1
    for p in range(tail, j):
        if ln.toks[p] in SURNAMES and 2 <= j - p <= 4 and not _known(ln, p, j) and not _splits_place(ln, tail, p):
            return p
    # No Vietnamese surname: the name follows the last place or organisation word ("Nga Sergei Shoigu").
    p = tail
    k = tail
    while k < j:
        e = max(ln.longest(k, PLACES), ln.longest(k, ORG_NAMES))
        if e > k:
            p = k = e
        else:
            k += 1
    if p < j and not _known(ln, p, j) and not ln.toks[p].isupper() and ln.longest(p, ORG_HEADS) == p:
        return p
    return None


def _scan(ln: Line, i: int, j: int, people: bool = True) -> list[Entity]:
    out: list[Entity] = []
    while i < j:
        got = (_person(ln, i, j) if people else None) or _org(ln, i, j) or _place(ln, i, j) or _bare(ln, i, j)
        if got:
            ents, i = got
            out.extend(ents)
        else:
            i += 1
    return out


def _person(ln: Line, i: int, j: int):
    t = ln.longest(i, TITLES)
    role = False
    if t == i:
        t = ln.longest(i, TITLES_LOWER, fold=True)
        role = tuple(x.lower() for x in ln.toks[i:t]) in ROLES
        if t == i or (is_cap(ln.toks[i]) and not ln.sentence_start(i) and ln.toks[i].lower() in ("anh", "bà", "cô", "em")):
            return None
    k = t
    if k < j and ln.toks[k] == ",":  # "Thủ tướng, ông X" is rare; do not reach over commas
        return None
    if k >= j or not is_cap(ln.toks[k]):
        return None
    end = min(_org_run(ln, k), j)
    for m in range(k, end - 1):  # "X và Thượng tướng Y": two people, not one long name
        if ln.toks[m] == "và" and (ln.longest(m + 1, TITLES) > m + 1 or ln.toks[m + 1] in SURNAMES):
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


def _org(ln: Line, i: int, j: int):
    e = ln.longest(i, ORG_NAMES)
    h = ln.longest(i, ORG_HEADS)
    if h > i and is_cap(ln.toks[i]):
        start = h
        if h < j and ln.toks[h].isdigit() and tuple(ln.toks[i:h]) in _NUMBERED_HEADS:
            start = h + 1  # "Quân khu 4"
        end = min(_org_run(ln, start), j)
        if tuple(ln.toks[i:h]) == ("Đoàn",) and ln.longest(h, PLACES) == end:
            return None  # "Đoàn Nga": the Russian delegation, not an organisation's name
        if ln.toks[i] in SURNAMES and _cap_run(ln, i) >= end and end - i <= 4 and not _known(ln, i, end):
            return None  # "Đoàn Văn Hậu": a family name that is also a head word, then a name
        if end > h and end >= e:
            return [ln.entity(i, end, "ORG")], end
    if e > i:
        return [ln.entity(i, e, "ORG")], e
    tok = ln.toks[i]
    if (tok.isupper() and 2 <= len(tok) <= 8 and tok.isalpha() and tok not in NOT_ORG_ACRONYMS
            and not _ROMAN.match(tok) and ln.longest(i, PLACES) == i):
        end = min(_cap_run(ln, i, limit=4), j)  # "AFF Cup"
        return [ln.entity(i, end, "ORG")], end
    return None


def _place(ln: Line, i: int, j: int):
    e = ln.longest(i, PLACES)
    if e > i:
        end = e
        if tuple(ln.toks[i:e]) == ("Anh",) and e < j and is_cap(ln.toks[e]):
            return None  # "Anh Tuấn": a name, not England
        return [ln.entity(i, end, "LOC")], end
    h = ln.longest(i, PLACE_HEADS)
    if h > i and h < j and ln.toks[h].isdigit() and is_cap(ln.toks[i]):
        return [ln.entity(i, h + 1, "LOC")], h + 1  # "Quận 7": the number needs its head
    if h > i and h < j and is_cap(ln.toks[h]):
        end = _cap_run(ln, h)
        while end + 1 < j and ln.toks[end] == "-" and is_cap(ln.toks[end + 1]):
            end = _cap_run(ln, end + 1)
        end = min(end, j)
        if ln.longest(h, ORG_HEADS) > h or ln.longest(h, TITLES) > h:
            return None
        return [ln.entity(h, end, "LOC")], end
    return None


def _bare(ln: Line, i: int, j: int):
    """A capitalised run with no cue: a person when it starts with a family name."""
    tok = ln.toks[i]
    if not is_cap(tok) or not is_word(tok):
        return None
    end = min(_cap_run(ln, i), j)
    # ("Đoàn Nga" is a delegation: a family-name word followed only by a place is no name)
    if tok in SURNAMES and 2 <= end - i <= 4 and not _known(ln, i, end) and ln.longest(i + 1, PLACES) != end:
        return [ln.entity(i, end, "PER")], end
    if i > 0 and ln.toks[i - 1] in _BEFORE_PLACE and ln.longest(i, ORG_HEADS) == i:
        return [ln.entity(i, end, "LOC")], end  # "tại Kazan": an unknown name after "at" is a place
    return [], i + 1


def find_entities(text: str, segment: bool = True) -> list[Entity]:
    """All entities in `text`, in order; offsets index into `text`."""
    out: list[Entity] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            ln = Line(line, pos, segment)
            out.extend(_scan(ln, 0, len(ln.toks)))
        pos += len(line) + 1
    return out
