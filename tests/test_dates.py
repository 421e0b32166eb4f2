from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vinews import dates
from vinews.dates import date_line_score, find_dates, parse_date

CASES = [
    ("Thứ Năm, ngày 24/10/2019 | 15:45", "2019-10-24T15:45:00+07:00"),
    ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", "2025-10-22T19:25:00+07:00"),
    ("08:33 09/05/2025", "2025-05-09T08:33:00+07:00"),
    ("24-10-2019 - 15:45 PM", "2019-10-24T15:45:00+07:00"),
    ("07-03-2026 - 00:01 AM | Thị trường", "2026-03-07T00:01:00+07:00"),
    ("Cập nhật thứ hai, ngày 24/12/12 11:05 tối", "2012-12-24T23:05:00+07:00"),
    ("Cập nhật: 14:30, Thứ hai, 18/12/2023", "2023-12-18T14:30:00+07:00"),
    ("ngày 5 tháng 3 năm 2024", "2024-03-05"),
    ("2025-10-22T12:25:52Z", "2025-10-22T19:25:52+07:00"),
    ("2025-10-22T19:25:52+07:00", "2025-10-22T19:25:52+07:00"),
    ("Đăng lúc 9h30 ngày 01.02.2021", "2021-02-01T09:30:00+07:00"),
]


@pytest.mark.parametrize("text,iso", CASES)
def test_formats(text, iso):
    assert parse_date(text) == iso


def test_day_before_month():
    assert parse_date("03/04/2024") == "2024-04-03"


def test_no_date():
    assert parse_date("Sáng 22-10, tại Hà Nội") is None
    assert parse_date("31/02/2024") is None


def test_dateline_score_prefers_datelines():
    assert date_line_score("Thứ Ba, 25/12/2012 - 10:03") > 1.5
    assert date_line_score("Vợ chồng anh chụp ảnh trong tiệc cưới ngày 28/12/2013") == 0.0


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(0, 23), st.integers(0, 59), st.sampled_from(["/", "-", "."]),
       st.sampled_from(["", "Thứ hai, ", "Cập nhật: ", "ngày "]))
def test_roundtrip(d, h, m, sep, prefix):
    text = f"{prefix}{d.day:02d}{sep}{d.month:02d}{sep}{d.year} {h:02d}:{m:02d}"
    assert parse_date(text) == f"{d.isoformat()}T{h:02d}:{m:02d}:00+07:00"


@given(st.text(max_size=80))
def test_never_raises(s):
    for f in find_dates(s):
        assert f.iso()


@given(st.lists(st.sampled_from(list("0123456789/.- :hTZ+,") + ["giờ", " 15:45", "2024-03-05", "ngày ", "tháng ",
                                                                  "THÁNG ", "năm ", "24/10/2019"]),
                max_size=20).map("".join))
def test_prefilter_never_hides_a_date(s):
    from vinews import dates

    assert [(f.day, f.hour, f.minute, f.start) for f in find_dates(s)] == \
        [(f.day, f.hour, f.minute, f.start) for f in dates._find(s, True, True)]


# ---- hostile input (issue 10) -----------------------------------------------------------------

def test_impossible_clock_or_zone_is_no_date():
    for bad in ("2024-03-12T10:15:00+25:00", "2024-03-12T25:15", "2024-03-12T10:60", "2024-03-12T10:15:00-24:00",
                "2024-03-12 10:15:00+0799"):
        assert parse_date(bad) is None, bad
        assert date_line_score(bad) == 0.0
    assert parse_date("2024-03-12T10:15:00+23:30") == "2024-03-11T17:45:00+07:00"  # extreme but real
    assert parse_date("12/03/2024 25:15") == "2024-03-12"  # no such time: the date alone


def _naive_time_near(text, start, end):
    """The pre-issue-10 scan of the whole text per date: the reference the one-scan version must equal."""
    from vinews.dates import _TIME, _clock

    best = None
    for m in _TIME.finditer(text):
        gap = m.start() - end if m.start() >= end else start - m.end()
        if gap < 0 or gap > 25 or _clock(m) is None:
            continue
        if best is None or gap < best[0]:
            best = (gap, _clock(m))
    return best[1] if best else None


@given(st.lists(st.sampled_from(["12/03/2024", "09:15", " ", "  ", "9h30", "giờ", "PM", "tối", "x", "ngày 5 tháng 3 năm 2024",
                                 "2024-03-05", "T10:00", "+25:00", "1", ":", "/", "a" * 20]), max_size=30).map("".join))
def test_time_beside_each_date_matches_the_naive_scan(s):
    for f in find_dates(s):
        if s[f.start:f.end][:4].isdigit() and "-" in s[f.start:f.end]:
            continue  # ISO stamps carry their own time
        want = _naive_time_near(s, f.start, f.end)
        assert (f.hour, f.minute, f.second) == (want if want else (None, None, None))


def test_repeated_datelines_scan_the_line_once(monkeypatch):
    """A line of n datelines used to rescan the whole line for a time beside each date (n^2): 100k
    characters took 20 s. Count the scans instead of timing them."""
    from vinews import dates

    calls = []

    class Counting:
        def __init__(self, pat):
            self.pat = pat

        def matches(self, *a):
            calls.append(1)
            return self.pat.matches(*a)

        def __getattr__(self, name):
            return getattr(self.pat, name)

    monkeypatch.setattr(dates, "_TIME_SCAN", Counting(dates._TIME_SCAN))
    line = "12/03/2024 09:15 " * 2000
    found = find_dates(line)
    assert len(found) == 2000 and all((f.hour, f.minute) == (9, 15) for f in found)
    assert len(calls) == 1
    assert date_line_score(line, found) == 0.0  # a wall of dates is no dateline


# The digit-first scans (dates._Scan) must find exactly what the look-behind patterns find,
# on text made of what dates are made of (digits, separators, clock marks; a non-ASCII digit).
_DATEY = st.text(alphabet="0123456789/.-: hHgiờT+Z٣ngàytháng", max_size=40)


@given(_DATEY)
def test_digit_first_scans_find_what_the_look_behind_patterns_find(text):
    for scan in (dates._DMY_SCAN, dates._YMD_SCAN, dates._TIME_SCAN):
        want = [(m.span(), m.groups()) for m in scan.full.finditer(text)]
        assert [(m.span(), m.groups()) for m in scan.matches(text)] == want


def test_digit_first_scan_skips_a_refused_start_and_finds_the_date_after_it():
    # "5/12/2024" is preceded by a digit run that the look-behind refuses; the scan must not stop there
    text = "mã 125/12/2024 và 3/4/2025"
    got = [m.group(0) for m in dates._DMY_SCAN.matches(text)]
    assert got == [m.group(0) for m in dates._DMY.finditer(text)] == ["3/4/2025"]
