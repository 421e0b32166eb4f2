import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vinews import vntime

VN = dt.timezone(dt.timedelta(hours=7))
ZONES = st.builds(lambda m: dt.timezone(dt.timedelta(minutes=m)), st.integers(-23 * 60 - 59, 23 * 60 + 59))
TIMES = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 12, 31))


def test_zone_is_plus_seven():
    assert vntime.VN_TZ.utcoffset(None) == dt.timedelta(hours=7)
    assert vntime.VN_OFFSET == "+07:00"
    assert vntime.VN_OFFSET_US == 7 * 3600 * 10**6


def test_corpus_form():
    assert vntime.iso(dt.date(2024, 3, 1)) == "2024-03-01"
    assert vntime.iso(dt.datetime(2024, 3, 1, 8, 10)) == "2024-03-01T08:10:00+07:00"  # naive: Vietnam wall clock
    assert vntime.iso(dt.datetime(2024, 3, 1, 1, 10, tzinfo=dt.timezone.utc)) == "2024-03-01T08:10:00+07:00"
    assert vntime.from_epoch(0) == "1970-01-01T07:00:00+07:00"


def test_parse_iso():
    assert vntime.parse_iso("2024-03-01") == dt.datetime(2024, 3, 1, tzinfo=VN)
    assert vntime.parse_iso("2024-03-01T01:10:00Z") == dt.datetime(2024, 3, 1, 8, 10, tzinfo=VN)
    assert vntime.parse_iso("2024-03-01T08:10") == dt.datetime(2024, 3, 1, 8, 10, tzinfo=VN)
    assert vntime.parse_iso("2024-03-01T08:10", naive=dt.timezone.utc) == dt.datetime(2024, 3, 1, 8, 10, tzinfo=dt.timezone.utc)
    assert vntime.parse_iso("hôm qua") is None and vntime.parse_iso(None) is None and vntime.parse_iso("") is None


def test_fixed_zone():
    assert vntime.fixed_zone(-1, 5, 30).utcoffset(None) == -dt.timedelta(hours=5, minutes=30)
    with pytest.raises(ValueError):
        vntime.fixed_zone(1, 24)


# The expressions the modules used before vntime (html/hints.norm_date, readers/records._time_hint,
# schema.parse_time, search/index.parse_published): the shared functions give the same values.

@given(TIMES, st.one_of(st.none(), ZONES))
def test_iso_equals_the_old_normalisations(t, zone):
    aware = t if zone is None else t.replace(tzinfo=zone)
    assert vntime.iso(aware) == aware.replace(tzinfo=zone or VN).astimezone(VN).isoformat()  # hints
    assert vntime.iso(aware) == (aware if aware.tzinfo else aware.replace(tzinfo=VN)).astimezone(VN).isoformat()  # records
    assert vntime.iso(aware.date()) == aware.date().isoformat()


@given(st.integers(0, 4_000_000_000))
def test_from_epoch_equals_the_old(secs):
    assert vntime.from_epoch(secs) == dt.datetime.fromtimestamp(secs, VN).isoformat()


def _old_parse_time(value):
    if not value:
        return None
    try:
        d = dt.datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return None
    return d if d.tzinfo is not None else d.replace(tzinfo=VN)


@given(st.one_of(TIMES.map(dt.datetime.isoformat), TIMES.map(lambda t: t.date().isoformat()),
                 st.tuples(TIMES, ZONES).map(lambda p: p[0].replace(tzinfo=p[1]).isoformat()),
                 TIMES.map(lambda t: t.isoformat() + "Z"), st.text(max_size=30)))
def test_parse_iso_equals_the_old(text):
    assert vntime.parse_iso(text) == _old_parse_time(text)
    got = vntime.parse_iso(text)
    if got is not None:  # the same instant, and the same offset, as the old parse
        assert got.utcoffset() == _old_parse_time(text).utcoffset()
