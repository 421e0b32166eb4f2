"""Vietnamese publish-time parsing: day before month, Vietnam time (+07:00).

Handles the forms news sites print: "Thứ Năm, ngày 24/10/2019 | 15:45", "Thứ tư, 22/10/2025,
19:25 (GMT+7)", "08:33 09/05/2025", "24-10-2019 - 15:45 PM", "Cập nhật thứ hai, ngày 24/12/12
11:05 tối", "ngày 5 tháng 3 năm 2024", ISO "2024-03-05T10:00:00+07:00".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timezone
from operator import attrgetter
from typing import NamedTuple

from .vntime import VN_TZ, fixed_zone, to_vn

_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")
# What every numeric date (d/m/y or y-m-d) contains. It opens on a digit, so the engine can skip
# ahead; the full patterns open on a look-behind and are tried at every position.
_NUMERIC_DATE = re.compile(r"\d\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d\d")
_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})", re.I)
_TIME = re.compile(
    r"(?<![\d:/])(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?![\d/])\s*"
    r"(AM|PM|SA|CH|sáng|trưa|chiều|tối|đêm)?",
    re.I,
)


class _Scan:
    """`finditer` of a pattern that opens on a look-behind ("no digit before me"), run as the same
    pattern without it, which opens on a digit: the engine then jumps from digit to digit in C
    instead of running the look-behind at every character. While every match it finds has a
    preceding character the look-behind accepts, they are exactly the full pattern's matches
    (each search starts where the last match ended, and at a position the look-behind accepts
    the two patterns are the same); if one is refused, the full pattern is run instead. So the
    matches are always those of `full` (tests/test_dates.py checks it on random text)."""

    __slots__ = ("full", "fast", "refused")

    def __init__(self, full: re.Pattern, refused: str):
        self.full = full  # the pattern as written, look-behind and all
        head = full.pattern.index(")") + 1  # the look-behind is the pattern's first group
        self.fast = re.compile(full.pattern[head:], full.flags)
        self.refused = refused  # characters the look-behind refuses, besides every decimal digit

    def matches(self, text: str) -> list[re.Match]:
        found = list(self.fast.finditer(text))
        refused = self.refused
        for m in found:
            s = m.start()
            if s and (text[s - 1].isdecimal() or text[s - 1] in refused):
                return list(self.full.finditer(text))
        return found


_DMY_SCAN = _Scan(_DMY, "/.-")
_YMD_SCAN = _Scan(_YMD, "")
_TIME_SCAN = _Scan(_TIME, ":/")
_PM = {"pm", "ch", "chiều", "tối"}
_NIGHT = {"đêm"}
_WEEKDAY = re.compile(r"\b(thứ\s+(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)\b", re.I)
_UPDATE = re.compile(r"\b(cập nhật|đăng|ngày đăng|xuất bản|published|updated)\b", re.I)


class Found(NamedTuple):
    """A date (and maybe a time) found in a string, with where it was. A named tuple: every
    dated line makes some, and a frozen dataclass costs six object.__setattr__ calls apiece."""

    day: date
    hour: int | None
    minute: int | None
    second: int | None
    start: int
    end: int

    def iso(self) -> str:
        if self.hour is None:
            return self.day.isoformat()
        dt = datetime(self.day.year, self.day.month, self.day.day, self.hour, self.minute or 0,
                      self.second or 0, tzinfo=VN_TZ)
        return dt.isoformat()


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if len(y) == 2 and n < 70 else n + 1900 if len(y) == 2 else n


def _valid(y: int, m: int, d: int) -> date | None:
    if not (1990 <= y <= 2100):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _clock(m: re.Match) -> tuple[int, int, int | None] | None:
    """The time of day a _TIME match spells (24-hour clock), or None for an impossible one."""
    hh, mm, ss, mark = m.groups()
    h, mi = int(hh), int(mm)
    sec = int(ss) if ss else None
    mark = mark.lower() if mark else ""
    if mark in _PM and h < 12:
        h += 12
    elif mark in ("am", "sa") and h == 12:
        h = 0
    elif mark in _NIGHT and 6 <= h < 12:
        h += 12
    if h > 23 or mi > 59 or (sec is not None and sec > 59):
        return None
    return h, mi, sec


class _Times:
    """Every time of day in a text, scanned once (lazily) however many dates ask: asking per date
    with a fresh scan of the whole line made a line of n repeated datelines cost n^2."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int, tuple[int, int, int | None] | None]] | None = None
        self.ends: list[int] = []

    def near(self, start: int, end: int) -> tuple[int, int, int | None] | None:
        """The time printed next to a date (before or after it, at most 25 characters away)."""
        if self.spans is None:
            self.spans = [(m.start(), m.end(), _clock(m)) for m in _TIME_SCAN.matches(self.text)]
            self.ends = [e for _, e, _ in self.spans]
        best = None
        # matches do not overlap, so starts and ends both ascend: the first that can be close enough
        for i in range(bisect_left(self.ends, start - 25), len(self.spans)):
            ms, me, clock = self.spans[i]
            if ms > end + 25:
                break
            gap = ms - end if ms >= end else start - me
            if gap < 0 or clock is None:
                continue
            if best is None or gap < best[0]:
                best = (gap, clock)
        return best[1] if best else None


def find_dates(text: str) -> list[Found]:
    """Every plausible date in `text`, in order, each with the time printed beside it."""
    numeric = _NUMERIC_DATE.search(text) is not None
    wordy = "áng" in text or "ÁNG" in text  # "tháng", any case
    if not (numeric or wordy):
        return []  # the common case on running text: skip three full scans
    return _find(text, numeric, wordy)


def _find(text: str, numeric: bool, wordy: bool) -> list[Found]:
    out: list[Found] = []
    times = _Times(text)
    for m in _YMD_SCAN.matches(text) if numeric and "-" in text else ():
        d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is None:
            continue
        if m.group(4):
            h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
            tz = m.group(7)
            if h > 23 or mi > 59 or s > 59:
                continue  # "T25:15": a broken stamp is no date (not an exception)
            if tz and tz not in ("+07:00", "+0700"):
                dt = _to_vn(d, h, mi, s, tz)
                if dt is None:
                    continue  # "+25:00": no such zone
                d, h, mi, s = dt.date(), dt.hour, dt.minute, dt.second
            out.append(Found(d, h, mi, s, m.start(), m.end()))
        else:
            out.append(Found(d, None, None, None, m.start(), m.end()))
    ymd = [(f.start, f.end) for f in out]  # in order, not overlapping
    k = 0
    for m in _DMY_SCAN.matches(text) if numeric else ():
        while k < len(ymd) and ymd[k][1] <= m.start():
            k += 1  # both scans move forward: one pointer, not a look through every date so far
        if k < len(ymd) and ymd[k][0] <= m.start():
            continue
        d = _valid(_year(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d is None:
            continue
        out.append(_with_time(times, d, m.start(), m.end()))
    for m in _WORDY.finditer(text) if wordy else ():
        d = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d is not None:
            out.append(_with_time(times, d, m.start(), m.end()))
    if len(out) > 1:
        out.sort(key=_START)  # stable: the order among equal starts stays the scans' order
    return out


_START = attrgetter("start")


def _with_time(times: _Times, d: date, start: int, end: int) -> Found:
    t = times.near(start, end)
    if t is None:
        return Found(d, None, None, None, start, end)
    return Found(d, t[0], t[1], t[2], start, end)


def _to_vn(d: date, h: int, mi: int, s: int, tz: str) -> datetime | None:
    """The time in Vietnam; None for a zone that cannot exist (hours past 23, minutes past 59)."""
    if tz == "Z":
        zone = timezone.utc
    else:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 23 or minutes > 59:
            return None
        zone = fixed_zone(sign, hours, minutes)
    return to_vn(datetime(d.year, d.month, d.day, h, mi, s, tzinfo=zone))


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (+07:00 when a time of day is printed), else None."""
    found = find_dates(text)
    return found[0].iso() if found else None


_WORDS = re.compile(r"\w+")


def date_line_score(text: str, found: list[Found] | None = None) -> float:
    """How much a line looks like a dateline (0 = not at all). Weekday, 'Cập nhật' and a time of
    day make it stronger; lots of other words make it weaker (a sentence that mentions a date)."""
    found = find_dates(text) if found is None else found
    if not found:
        return 0.0
    f = found[0]
    rest = text[: f.start] + " " + text[f.end :]
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    words = _WORDS.findall(rest)
    score = 1.0
    if f.hour is not None:
        score += 1.0
    if _WEEKDAY.search(text):
        score += 0.5
    if _UPDATE.search(text):
        score += 0.5
    if len(words) > (10 if f.hour is not None else 3):
        return 0.0  # a sentence or caption that mentions a date, not a dateline
    return score - 0.1 * len(words)
