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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer as gz
from . import tagger
from .line import (ORG_HEADS, ORG_NAMES, PLACE_HEADS, PLACES, ROLES, TITLES, TITLES_LOWER, Entity, Line, is_cap,
                   is_word, tag_line, words_of)
from .names import GENERIC_ACRONYMS, NOT_ORG_ACRONYMS, SURNAMES

__all__ = ["Entity", "entities_and_lines", "find_entities", "rule_entities", "tag_line", "words_of"]




@dataclass(frozen=True)
class EntityParams:
    bare_names: bool = True  # an unknown capitalised run inside a sentence is taken for a person
    bare_name_max: int = 3  # ... when it is this short (longer runs are titles of works, slogans)
    bare_names_at_start: bool = False  # ... not at a sentence start: there every word is capitalised ("Theo đó")


P = EntityParams()

_NUMBERED_HEADS = {("Quân", "khu"), ("Quân", "đoàn"), ("Sư", "đoàn"), ("Lữ", "đoàn"), ("Trung", "đoàn"), ("Vùng",),
                   ("Hải", "đoàn"), ("Binh", "đoàn"), ("Tiểu", "đoàn"), ("Trường",), ("Bệnh", "viện")}
_PERSON_ONLY = {"ông", "bà", "anh", "chị", "cô", "chú", "cụ", "bé", "cháu", "em", "bác", "bị", "nghi", "đối", "nạn",
                "bệnh", "sản", "tài"}  # first words of roles that never stand before a team or a country
_AGE_TEAM = re.compile(r"^U\d{2}$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_BEFORE_PLACE = {"tại", "ở", "tới", "đến", "từ", "về", "sang", "quanh"}


def _org_run(ln: Line, k: int, limit: int = 14) -> int:
    """Extend an organisation name from token k: capitalised words, their compound tails, and
    inner lower-case words ("nhân dân", "và", "tỉnh") when a capitalised word follows them."""
    start, n = k, len(ln.toks)
    while k < n and k - start < limit:
        tok = ln.toks[k]
        if tok == "." and k > start and ln.toks[k - 1] in ("TP", "Tp", "H", "Q", "TX", "T") and k + 1 < n \
                and is_cap(ln.toks[k + 1]):
            k += 1  # "TAND TP. Đà Nẵng": the abbreviation's full stop
            continue
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
            if m < n and m > k and ln.toks[m].isdigit() and ln.toks[m - 1] in ("quận", "phường"):
                k = m + 1  # "Công an quận 1"
                break
        if k > start and not _ends_place(ln, start, k):  # "Công an tỉnh Bình Dương | điều tra"
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
        if (ln.toks[p] in SURNAMES and 2 <= j - p <= 4 and not _known(ln, p, j) and not _splits_place(ln, tail, p)
                and ln.longest(p, PLACES) == p):  # "Hàn Quốc Han Min-koo": a country, then the name
            return p
    # No Vietnamese surname: the name follows the last place or organisation word ("Nga Sergei Shoigu"),
    # or an organisation's acronym ("Giám đốc FBI Kash Patel").
    p = tail
    while p + 1 < j and ln.toks[p].isupper() and len(ln.toks[p]) >= 2 and not ln.toks[p + 1].isupper():
        p += 1
    k = p
    while k < j:
        e = max(ln.longest(k, PLACES), ln.longest(k, ORG_NAMES))
        if e > k:
            p = k = e
        else:
            k += 1
    if p < j and not _known(ln, p, j) and not ln.toks[p].isupper() and ln.longest(p, ORG_HEADS) == p:
        return p
    return None


def _openers(ln: Line) -> list[int]:
    """Positions of a line where a rule can start (once per line): a capitalised word, or a
    lower-case head or title ("ông", "tỉnh", "báo") with a capitalised word within its reach.
    Most words are neither: skipping them is what keeps the rules cheap."""
    got = ln.memo.get("open")
    if got is None:
        starts, look = _lower_starts(), _lower_reach()
        capset = ln.caps()
        caps = sorted(capset)
        lows = [k for k, w in enumerate(ln.low) if w in starts] if not starts.isdisjoint(ln.low) else []
        if lows:
            near = [k for k in lows if k not in capset and caps and caps[-1] > k
                    and caps[bisect_right(caps, k)] < k + look]
            got = sorted(capset.union(near))
        else:
            got = caps
        ln.memo["open"] = got
    return got


def _scan(ln: Line, i: int, j: int, people: bool = True) -> list[Entity]:
    out: list[Entity] = []
    opens = _openers(ln)
    q = bisect_left(opens, i)
    while q < len(opens):
        i = opens[q]
        if i >= j:
            break
        got = ((_person(ln, i, j) if people else None) or _org(ln, i, j) or _lower_org(ln, i, j) or _place(ln, i, j)
               or _bare(ln, i, j))
        if got:
            ents, i = got
            out.extend(ents)
            q = bisect_left(opens, i, q + 1)
        else:
            q += 1
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
    if p is None and role and end == k + 1 and ln.low[i] in _PERSON_ONLY and tuple(ln.toks[k:end]) in PLACES:
        p = k  # "bị cáo Nga", "anh Đức": these words only ever stand before a person
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
        if end < j and ln.toks[end] in _LEVELS and (end + 1 >= j or not is_cap(ln.toks[end + 1])):
            end += 1  # "UBND phường", "Công an xã", "Ủy ban MTTQ Việt Nam tỉnh": the level alone
        if end > h and end >= e:
            return [ln.entity(i, end, "ORG")], end
    if e > i:
        if e < j and ln.toks[e][:1].isupper() and any(c.isdigit() for c in ln.toks[e]):
            return [], e + 1  # "LG G6", "Nokia 2": a product, not the company
        p = ln.longest(e, PLACES)
        if p > e and p <= j and ln.toks[e] not in ("Anh",):  # "Không quân Na Uy": the country's
            e = p
        return [ln.entity(i, e, "ORG")], e
    tok = ln.toks[i]
    if _AGE_TEAM.match(tok) and i + 1 < j and ln.longest(i + 1, PLACES) > i + 1:
        e = ln.longest(i + 1, PLACES)
        return [ln.entity(i, e, "ORG")], e  # "U23 Việt Nam": the team, not the country
    if (tok.isupper() and 2 <= len(tok) <= 8 and tok.isalpha() and tok not in NOT_ORG_ACRONYMS
            and not _ROMAN.match(tok) and ln.longest(i, PLACES) == i and not _unit_or_code(ln, i)):
        end = min(_cap_run(ln, i, limit=4), j)  # "AFF Cup"
        if tok in GENERIC_ACRONYMS and end == i + 1:
            return None  # "chính sách BHXH": a kind of thing; "BHXH Việt Nam" is the organisation
        return [ln.entity(i, end, "ORG")], end
    return None


@lru_cache(maxsize=1)
def _lower_starts() -> frozenset[str]:
    """Lower-case first words of anything a rule can start with ("ông", "tỉnh", "báo", "châu")."""
    return frozenset(TITLES_LOWER.firsts | {t.lower() for t in PLACE_HEADS.firsts | PLACES.firsts | ORG_NAMES.firsts}
                     | {h[0] for h in _LOWER_ORG_HEADS})


@lru_cache(maxsize=1)
def _lower_reach() -> int:
    """How far after a lower-case first word the capital that every rule needs can stand: the
    longest lower-case head, title or place entry, plus one."""
    return max(TITLES_LOWER.maxlen, PLACE_HEADS.maxlen, PLACES.maxlen, ORG_NAMES.maxlen, 3) + 2


def _unit_or_code(ln: Line, i: int) -> bool:
    """An acronym after a number is a unit ("2 GB", "3 CPU"); one before a number is a code or
    an abbreviation with its year ("SN 1988", "BLHS 1999", "RON 95"), not an organisation."""
    before = ln.toks[i - 1] if i > 0 else ""
    after = ln.toks[i + 1] if i + 1 < len(ln.toks) else ""
    return before[:1].isdigit() or after[:1].isdigit()


# Capitalised words that are no names: feasts, deities, languages, offices' first words.
_NOT_NAMES = {"Tết", "Phật", "Thần", "Tài", "Trời", "Chúa", "Thánh", "Phó", "Trưởng", "Tiếng", "Trung", "Nội",
              "Khu", "Tượng", "Toà", "Tòa", "Những", "Các", "Giải", "Cúp",
              "Ngoại", "Nhà", "Xuân", "Hè", "Thu", "Đông", "Giêng", "Chạp", "Thủ", "Đô", "Nam", "Bắc", "Tây"}
# Lower-case words after which a capitalised word names a thing, a dynasty or a people, not a person.
_BEFORE_THING = {"chiếc", "mẫu", "dòng", "xe", "robot", "súng", "kích", "bay", "tàu", "nhà", "thời", "triều",
                 "người", "dân", "tộc", "giống", "phiên", "hệ", "khu", "nhân", "phím", "lửa", "tinh", "bodykit", "hiệu",
                 "con", "tuổi", "hát", "khúc", "phim", "game", "quà", "dịp", "lễ", "bão", "thoại", "đèn", "bản", "gói",
                 "ứng", "dụng", "app", "vắc", "xin", "thuốc", "sản", "phẩm", "đạn", "pháo", "trực", "thăng",
                 "giải", "môn", "hiệu"}
_CAN = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}  # heavenly stems
_CHI = {"Tý", "Tí", "Sửu", "Dần", "Mão", "Mẹo", "Thìn", "Tỵ", "Tị", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
# Words that make a capitalised run a company's or a medium's name ("Renaissance Capital", "Honda Motor").
_ORG_WORDS = {"Bank", "Group", "Corp", "Corporation", "Holdings", "Capital", "Airlines", "Airways", "Motor", "Motors",
              "Technology", "Technologies", "Systems", "Inc", "Ltd", "Company", "Co", "News", "Times", "Post", "Media",
              "Telecom", "Energy", "Pharma", "Electronics", "Insurance", "Securities", "Bancorp", "Partners"}
_EVENT_WORDS = {"League", "Cup", "Open", "Show", "Festival", "Games", "Olympic", "Awards", "Expo", "Tour"}
_LOWER_ORG_HEADS = {("báo",), ("tờ",), ("hãng",), ("tập", "đoàn"), ("công", "ty"), ("tổng", "công", "ty"),
                    ("ngân", "hàng"), ("bộ",), ("đài",), ("trang",), ("kênh",), ("nhà", "mạng"), ("trường",),
                    ("bệnh", "viện"), ("doanh", "nghiệp"), ("viện",), ("cục",), ("phòng",), ("sở",), ("nhà", "hàng"),
                    ("khách", "sạn"), ("nhà", "xe"), ("hãng", "xe"), ("sàn",), ("câu", "lạc", "bộ"), ("đội",)}
_LEVELS = {"tỉnh", "huyện", "quận", "xã", "phường", "TP", "thị xã", "thành phố"}


def _lower_org(ln: Line, i: int, j: int):
    """A lower-case head ("báo Thanh niên", "tập đoàn Kongsberg", "bộ Công an"): the head stays
    outside (it is not part of the written name) and the capitalised name after it is the
    organisation, unless that name is a place ("báo Anh", "ngân hàng Mỹ")."""
    for n in (1, 2, 3):
        if tuple(ln.low[i:i + n]) in _LOWER_ORG_HEADS and not is_cap(ln.toks[i]) and i + n < j:
            k = i + n
            if not is_cap(ln.toks[k]) or not is_word(ln.toks[k]) or ln.longest(k, PLACES) > k:
                return None
            if ln.longest(k, ORG_HEADS) > k or ln.longest(k, TITLES) > k:
                return None
            end = min(_org_run(ln, k), j)
            return [ln.entity(k, end, "ORG")], end
    return None


def _place(ln: Line, i: int, j: int):
    e = ln.longest(i, PLACES)
    if e > i:
        end = e
        if tuple(ln.toks[i:e]) == ("Anh",):
            if e < j and is_cap(ln.toks[e]):
                return None  # "Anh Tuấn": a name, not England
            if i > 0 and is_cap(ln.toks[i - 1]) and is_word(ln.toks[i - 1]):
                return None  # "Lan Anh", "Kỳ Anh": the last syllable of a name
            if ln.sentence_start(i) and e < j and ln.toks[e].islower() and ln.toks[e] not in ("và", "quốc"):
                return None  # "Anh cho rằng", "Anh chàng": the pronoun
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
    if any(t in _EVENT_WORDS for t in ln.toks[i:end]):
        return [], end  # "Premier League", "AFF Cup": events, not places
    # ("Đoàn Nga" is a delegation: a family-name word followed only by a place is no name)
    if end - i == 2 and ln.toks[i] in _CAN and ln.toks[i + 1] in _CHI:
        return [], end  # "Đinh Dậu", "Giáp Thìn": a lunar year
    if any(t in _ORG_WORDS or t.endswith("bank") for t in ln.toks[i:end]) and not _known(ln, i, end):
        return [ln.entity(i, end, "ORG")], end  # "Trustbank", "Renaissance Capital", "Honda Motor"
    if tok in SURNAMES and 2 <= end - i <= 4 and not _known(ln, i, end) and ln.longest(i + 1, PLACES) != end:
        return [ln.entity(i, end, "PER")], end
    if i > 0 and ln.toks[i - 1] in _BEFORE_PLACE and ln.longest(i, ORG_HEADS) == i:
        return [ln.entity(i, end, "LOC")], end  # "tại Kazan": an unknown name after "at" is a place
    if (P.bare_names and end - i <= P.bare_name_max and not _known(ln, i, end) and not tok.isupper()
            and all(ln.longest(k, ORG_HEADS) == k and ln.longest(k, TITLES) == k and ln.longest(k, PLACES) == k
                    and ln.longest(k, PLACE_HEADS) == k for k in range(i, end))
            and (not ln.sentence_start(i) or (end < j and ln.toks[end].islower() and P.bare_names_at_start))
            and not (i > 0 and is_cap(ln.toks[i - 1]) and is_word(ln.toks[i - 1]))  # "Mỹ Tâm": rest of a run
            and ln.compound_tail(end - 1) == end  # "Ngoại giao", "Vu lan": a common word, capitalised
            and not any(t in _NOT_NAMES or any(c.isdigit() for c in t) for t in ln.toks[i:end])
            and not (end < j and ln.toks[end][:1].isdigit())  # "Galaxy Note 7", "Điều 157": models, articles
            and not (i > 0 and ln.low[i - 1] in _BEFORE_THING)):
        # Inside a sentence only proper nouns are capitalised: an unknown short run is most
        # often a person ("Thoả đã gọi Thái", "Pogba chơi không tốt").
        return [ln.entity(i, end, "PER")], end
    return [], i + 1


def _initials(text: str) -> bool:
    """"N", "C", "H.T", "N.S.H": anonymised names, not labelled as people."""
    return all(len(p) == 1 and p.isupper() for p in re.split(r"[.\s]+", text.strip(". ")) if p)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "."


def _whole_words(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Spans of `names` in `text` with no word character or full stop on either side, as
    re.finditer of the alternation of the sorted names finds them (leftmost first, at one place
    the first name in order, no overlaps), by str.find: a pattern compiled per article cost more
    than the search."""
    cands = []
    for n, name in enumerate(names):
        s = text.find(name)
        while s >= 0:
            e = s + len(name)
            if not (s and _word_char(text[s - 1])) and not (e < len(text) and _word_char(text[e])):
                cands.append((s, n, e))
            s = text.find(name, s + 1)
    cands.sort()
    out, last = [], 0
    for s, _, e in cands:
        if s >= last:
            out.append((s, e))
            last = e
    return out


def _given_names(text: str, found: list[Entity]) -> list[Entity]:
    """Later mentions by the given name alone ("Phạm Công Danh ... Danh"): a capitalised word
    equal to the last syllable of a person found in the same text, outside every other entity."""
    names = {e.text.split()[-1] for e in found if e.type == "PER" and len(e.text.split()) >= 2}
    names = {n for n in names if len(n) > 1 and (n,) not in PLACES}
    if not names:
        return []
    taken = [(e.start, e.end) for e in found]
    out = []
    for s, e in _whole_words(text, sorted(names)):
        prev = text[:s].rstrip()[-1:]
        if any(a < e and s < b for a, b in taken) or (prev and prev[-1:].isalpha() and text[s - 2:s - 1].isupper()):
            continue
        before = text[:s].split()
        if before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
            continue  # inside another capitalised run
        after = text[e:e + 2]
        if len(after) == 2 and after[0] == " " and after[1].isupper():
            continue
        out.append(Entity(s, e, "PER", text[s:e], None))
    return out


def rule_entities(text: str) -> list[Entity]:
    """The rules' entities in `text`, in order; offsets index into `text`."""
    return sorted((e for _, ents in _rule_lines(text) for e in ents), key=lambda e: (e.start, e.end))


def _rule_lines(text: str) -> list[tuple[Line, list[Entity]]]:
    """Every non-blank line with the rules' entities in it (given-name mentions included)."""
    out: list[tuple[Line, list[Entity]]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            ln = Line(line, pos)
            out.append((ln, [e for e in _scan(ln, 0, len(ln.toks)) if not (e.type == "PER" and _anonymised(text, e))]))
        pos += len(line) + 1
    given = _given_names(text, [e for _, ents in out for e in ents])
    if given:
        offs = [ln.off for ln, _ in out]
        for e in given:
            out[bisect_right(offs, e.start) - 1][1].append(e)
        for _, ents in out:
            ents.sort(key=lambda e: (e.start, e.end))
    return out


def _anonymised(text: str, e: Entity) -> bool:
    return _initials(e.text) or (len(e.text) <= 2 and text[e.end:e.end + 1] == ".")  # "anh Ng."


def find_entities(text: str, rules_only: bool = False) -> list[Entity]:
    """All entities in `text`, in order; offsets index into `text`. The rules propose, the
    learned tagger (tagger.py, weights in vinews/data) decides; `rules_only` skips the tagger,
    as does a missing weights file."""
    m = None if rules_only else tagger.model()
    return rule_entities(text) if m is None else learned_entities(text, m)


def learned_entities(text: str, m: "tagger.Tagger") -> list[Entity]:
    """The rules' entities as features, the tagger's spans as the answer: every window of every
    line is decoded in one batch."""
    return _learned([text], [_rule_lines(text)], m)[0]


def entities_and_lines(texts: list[str], rules_only: bool = False) -> tuple[list[list[Entity]], list[list[Line]]]:
    """`find_entities` of every text (the same answers), with every text's non-blank lines as
    tokenised for it (keywords reuse them). The tagger decodes all texts' windows in one batch:
    its numpy steps cost per call, not per token, and one article holds few windows."""
    m = None if rules_only else tagger.model()
    lines = [_rule_lines(t) for t in texts]
    if m is None:
        ents = [sorted((e for _, es in ls for e in es), key=lambda e: (e.start, e.end)) for ls in lines]
    else:
        ents = _learned(texts, lines, m)
    return ents, [[ln for ln, _ in ls] for ls in lines]


def _learned(texts: list[str], lines: list[list[tuple[Line, list[Entity]]]], m: "tagger.Tagger") -> list[list[Entity]]:
    jobs = []  # (line, rule tags, windows) of every line of every text
    for ls in lines:
        for ln, ents in ls:
            tags = tagger.rule_tags(ln, ents)
            jobs.append((ln, tags, tagger.windows(ln, list(map("O".__ne__, tags)))))
    labels = iter(m.decode_lines(jobs))
    job = iter(jobs)
    out: list[list[Entity]] = []
    for text, ls in zip(texts, lines):
        found: list[Entity] = []
        for ln, ents in ls:
            got = [s for lo, _ in next(job)[2] for s in tagger.spans(next(labels), lo)]
            found.extend(_line_entities(text, ln, ents, got))
        out.append(found)
    return out


def _line_entities(text: str, ln: Line, rule_ents: list[Entity], got: list[tuple[int, int, str]]) -> list[Entity]:
    taken = {k for a, b, t in got if t != "PER" for k in range(a, b)}
    rule_titles = {e.start: e.attr for e in rule_ents if e.type == "PER"}
    out = []
    for a, b, t in got:
        if any(tok in _EVENT_WORDS for tok in ln.toks[a:b]):
            continue  # "Premier League", "AFF Cup": events are no entities, as for the rules
        if t == "PER" and ln.toks[a] == "Đoàn" and b > a + 1 and ln.longest(a + 1, PLACES) == b:
            a, t = a + 1, "LOC"  # "Đoàn Nga": the delegation of a country, as the rules read it
        e = ln.entity(a, b, t)
        if t == "PER":
            if _anonymised(text, e):
                continue
            attr = rule_titles.get(e.start) or tagger.title_before(ln, a, taken)
            e = Entity(e.start, e.end, t, e.text, attr)
        out.append(e)
    return out
