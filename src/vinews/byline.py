"""Bylines: tell a byline line when we see one, and read author and origin source from it.

"Theo TRẦN BÌNH/sggp.org.vn" -> author Trần Bình, source sggp.org.vn
"Ca Tiếu(theo online-tech-tips)" -> author Ca Tiếu, source online-tech-tips
"Theo Vân Anh" + "Lao Động" -> author Vân Anh, source Lao Động
"Nhóm PV" + "Theo Infonet" -> author Nhóm PV, source Infonet
"NHẬT XUÂN - NGHI VŨ" -> authors Nhật Xuân, Nghi Vũ
"""
from __future__ import annotations

import re

from . import cues

_NAME_TOKEN = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?|[A-ZĐ]\.|PV|Nhóm|và|-|&|,)$")
_INITIAL_NAME = re.compile(r"[A-ZĐÀ-Ỹ]\.\s?[\wÀ-ỹ ]+")  # an initial and a name: "K. Miên."
_THEO = re.compile(r"^\s*(?:theo|nguồn)\s*:?\s+(.*)$", re.I)  # a credit line's opening word
_TONGHOP = re.compile(r"\s*\((?:tổng hợp|lược dịch|dịch|biên dịch|theo [^)]*)\)\s*$", re.I)
_MORE_AUTHORS = re.compile(r"(^|\s+)và\s+\d+\s+tác giả khác\s*$", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:\s-\s|\s–\s|,|;|&|\svà\s)\s*")
_TRAIL = re.compile(r"\s*(?:\||-|–)?\s*(?:copy link.*|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}.*)$", re.I)
# What the date branch of _TRAIL needs (it opens on \s* and is tried at every position: a cheap
# digit-first scan decides whether to run it).
_TRAIL_DATE = re.compile(r"\d[/.-]\d{1,2}[/.-]\d\d")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:vn|com|net|org|info)(?:\.vn)?\b", re.I)


_JOINERS = {"và", "-", "–", "&", ","}


def _name_shaped(text: str) -> bool:
    """Capitalised words ("Trần Bình", "K. Miên", "NHẬT XUÂN - NGHI VŨ"), joiners allowed."""
    toks = text.replace(",", " , ").split()
    if not 1 <= len(toks) <= 8:
        return False
    for t in toks:
        if t in _JOINERS:
            continue
        if not t[0].isupper() or not _NAME_TOKEN.match(t):
            return False
    return True


# Words that make a capitalised name an outlet's ("Thời Báo Online", "Nhịp Sống VN", "Báo Mới Ngày").
_OUTLET_WORDS = {"báo", "tạp", "chí", "đài", "thông", "tấn", "truyền", "hình", "online", "news", "times", "post",
                 "tv", "vn", "net", "media", "radio", "daily", "journal", "press", "herald", "tribune", "magazine"}
# "Reuters đưa tin", "AFP cho biết": an outlet reporting; the name is before the verb.
_REPORTS = re.compile(r"^\s*\(?\s*(?:theo\s+)?(?P<source>.{2,40}?)\s+(?:đưa tin|cho hay|đăng tải)\s*\)?\s*\.?\s*$", re.I)
# "Trung Kiên (TTXVN)", "Minh Anh (TTXVN/Vietnam+)": a reporter of an agency or outlet.
_NAME_OF_OUTLET = re.compile(r"^\s*(?P<author>[^()]{2,60}?)\s*\(\s*(?P<source>[^()]{2,40}?)\s*\)\s*\.?\s*$")
# A whole line that is only "(Theo X)" / "(Nguồn: X)".
_PAREN_CREDIT = re.compile(r"^\s*\(\s*(?:theo|nguồn)\s*:?\s*(?P<source>[^()]{2,60}?)\s*\)\s*\.?\s*$", re.I)


def is_outlet(text: str, shaped: bool | None = None) -> bool:
    """The name of a news outlet or agency, not of a person. `shaped`: _name_shaped(text), when
    the caller has it and `text` has no edge spaces or dots (looks_like_byline asks both)."""
    raw = text.strip().strip(".")
    t = raw.casefold()
    if t in cues.OUTLETS or ("." in t and bool(_DOMAIN.search(t))) or bool(cues.AGENCY.match(raw)):
        return True
    if "/" in raw:  # "TTXVN/Vietnam+": an agency and its outlet
        return all(is_outlet(p) for p in raw.split("/") if p.strip()) and raw.count("/") == 1
    # a capitalised name with an outlet's word in it ("Báo Mới Ngày", "Thời Báo Online");
    # "Báo lỗi cho Soha" is a button: its words are not capitalised
    words = raw.split()
    if not 1 < len(words) <= 6:
        return False
    if shaped is None or raw != text:
        shaped = _name_shaped(raw)
    return shaped and any(w.casefold().strip("+") in _OUTLET_WORDS for w in words)


def looks_like_byline(text: str, words: int | None = None) -> bool:
    """A short line that names who wrote the piece or where it came from."""
    words = words if words is not None else len(cues.WORD.findall(text))
    if words == 0 or words > 10:
        return False
    first = text.lstrip(" >»|-–•*\"'“")[:1]
    if not (first.isupper() or first == "("):
        return False  # names, "Theo …", "(TTXVN)" open with a capital or a bracket
    t = _strip_trail(text)
    if not t:
        return False
    # Each costly pattern runs only when the character it needs is there.
    if t[0] == "(" and cues.AGENCY.match(t):
        return True
    if "/" in t:
        m = cues.SLASH_SOURCE.match(t)
        if m and not t.startswith("http") and _name_shaped(cues.BYLINE_PREFIX.sub("", m.group("author"))):
            return True
    if "(" in t and (cues.PAREN_SOURCE.match(t) or _TONGHOP.search(t) or _PAREN_CREDIT.match(t)):
        return True
    if "(" in t:
        m = _NAME_OF_OUTLET.match(t)
        if m and _name_shaped(m.group("author")) and is_outlet(m.group("source")):
            return True
    if " " in t and _may_report(t) and (m := _REPORTS.match(t)) and is_outlet(m.group("source")):
        return True
    if cues.AGENCY.match(t):
        return True
    if cues.BYLINE_PREFIX.match(t):
        rest = cues.BYLINE_PREFIX.sub("", t, count=1)
        return _name_shaped(rest) or is_outlet(rest)
    if "tác giả" in t and _MORE_AUTHORS.search(t):
        return True
    if t.endswith((".", "?", "!", ":")) and not t.endswith(". "):
        return bool(_INITIAL_NAME.fullmatch(t))  # "K. Miên."
    shaped = _name_shaped(t)
    return (shaped and words <= 6) or is_outlet(t, shaped)


def _may_report(t: str) -> bool:
    """Whether _REPORTS can match: its verbs are in the line, compared case-folded (as re.I
    compares them; U+0130/U+0131, which re.I takes for "i" and casefold does not, send the line to
    the pattern). The lazy .{2,40}? of the pattern retries its verbs at every length."""
    if "\u0130" in t or "\u0131" in t:
        return True
    low = t.casefold()
    return "đưa tin" in low or "cho hay" in low or "đăng tải" in low


def _strip_trail(text: str) -> str:
    """Drop a trailing date or 'Copy link' from a byline line (only tried when one can be there)."""
    if "copy" in text.casefold() or _TRAIL_DATE.search(text):
        text = _TRAIL.sub("", text)
    return text.strip()


def _clean_name(name: str, person: bool = True) -> str:
    name = name.strip(" .,:;-–|()")
    if person and name.isupper() and len(name) > 3:
        name = name.title()  # "TRẦN BÌNH" -> "Trần Bình"
    return " ".join(name.split())


def parse_bylines(lines: list[str]) -> tuple[str | None, str | None]:
    """(author, source) from the byline lines of one article, in page order."""
    authors: list[str] = []
    source: str | None = None
    pending_theo: str | None = None  # "Theo X" whose role depends on what follows
    for raw in lines:
        line = _strip_trail(raw)
        if not line:
            continue
        if cues.AGENCY.match(line):
            tag = cues.AGENCY.match(line).group(1).upper()
            if tag not in ("PV",):
                source = source or tag
            else:
                authors.append(tag)
            continue
        m = cues.PAREN_SOURCE.match(line)
        if m:
            authors += _split(m.group("author"))
            source = source or _clean_name(m.group("source"), person=False)
            continue
        m = _PAREN_CREDIT.match(line) or _REPORTS.match(line)
        if m and (_PAREN_CREDIT.match(line) or is_outlet(m.group("source"))):
            source = source or _clean_name(m.group("source"), person=False)
            continue
        m = _NAME_OF_OUTLET.match(line)
        if m and "@" in m.group("source"):  # "Nguyễn Văn An (an.nv@bao.vn)": the reporter's address
            authors += _split(cues.BYLINE_PREFIX.sub("", m.group("author"), count=1))
            continue
        if m and is_outlet(m.group("source")) and not _TONGHOP.search(line):
            authors += _split(cues.BYLINE_PREFIX.sub("", m.group("author"), count=1))  # "Theo X (Báo Y)"
            source = source or _clean_name(m.group("source"), person=False)
            continue
        line = _TONGHOP.sub("", line)
        line = _MORE_AUTHORS.sub("", line)
        theo = _THEO.match(line)
        body = theo.group(1) if theo else cues.BYLINE_PREFIX.sub("", line, count=1)
        m = cues.SLASH_SOURCE.match(body)
        if m and "/" in body:
            authors += _split(m.group("author"))
            source = source or _clean_name(m.group("source"), person=False)
            pending_theo = None
            continue
        if theo and line.lstrip().casefold().startswith("nguồn"):
            source = source or _clean_name(body, person=False)  # "Nguồn: X" credits an outlet
            continue
        if theo:
            parts = [x for x in _SPLIT_NAMES.split(body) if x.strip()]
            # "Theo Forbes, Newsweek": several one-word names after "Theo" are outlets
            outlets = all(is_outlet(x) or len(x.split()) == 1 for x in parts) and len(parts) > 1
            if is_outlet(body) or authors or outlets:
                source = source or _clean_name(body, person=False)
            else:
                pending_theo = _clean_name(body)
            continue
        if pending_theo and (is_outlet(body) or source is None):
            authors.append(pending_theo)
            source = _clean_name(body, person=False)
            pending_theo = None
            continue
        if is_outlet(body) and (authors or "/" in body):  # "TTXVN/Vietnam+": agency and outlet, no person
            source = source or _clean_name(body, person=False)
            continue
        authors += _split(body)
    if pending_theo:
        if is_outlet(pending_theo) or len(pending_theo.split()) == 1:
            source = source or pending_theo
        else:
            authors.append(pending_theo)
    uniq: list[str] = []
    for a in authors:
        if a and a.casefold() not in {u.casefold() for u in uniq} and (not source or a.casefold() != source.casefold()):
            uniq.append(a)
    return (", ".join(uniq) or None), source


def _split(text: str) -> list[str]:
    return [_clean_name(p) for p in _SPLIT_NAMES.split(text) if p.strip(" .,-–")]
