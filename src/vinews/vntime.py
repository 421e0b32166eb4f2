"""Vietnam time, defined once: the zone, and the corpus form of a publish time.

Vietnam keeps one fixed offset, +07:00, with no daylight saving since 1975, so a fixed
`timezone` is Asia/Ho_Chi_Minh for every date a news page can carry (and needs no tz database).

The corpus form of a publish time (what the extractor writes and the work files keep) is ISO
8601 text: 'YYYY-MM-DD' for a day without a time of day, 'YYYY-MM-DDTHH:MM:SS+07:00' for a
time, always shown in Vietnam time. A time without an offset is a Vietnam wall-clock time (a
Vietnamese site prints local time); a time in another offset is the same instant in Vietnam.
The corpus tables store it as `timestamp[us, tz=+07:00]` (vinews.schema).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VN_OFFSET = "+07:00"  # the zone as text: Arrow's timestamp type, ISO suffixes
VN_TZ = timezone(timedelta(hours=7))
VN_OFFSET_US = 7 * 3600 * 10**6  # the offset in microseconds (SQL on epoch microseconds)


def fixed_zone(sign: int, hours: int, minutes: int = 0) -> timezone:
    """The zone of an offset read from text ('+05:30' -> sign 1, 5, 30); ValueError when it
    reaches a day (no such zone)."""
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def to_vn(dt: datetime) -> datetime:
    """`dt` in Vietnam time: an aware datetime converted (the same instant), a naive one taken
    as a Vietnam wall-clock time."""
    return dt.replace(tzinfo=VN_TZ) if dt.tzinfo is None else dt.astimezone(VN_TZ)


def iso(value: date) -> str:
    """The corpus form of a datetime (in Vietnam time, see to_vn) or of a date ('YYYY-MM-DD')."""
    if isinstance(value, datetime):
        return to_vn(value).isoformat()
    return value.isoformat()


def from_epoch(seconds: float) -> str:
    """The corpus form of a Unix time (seconds); OverflowError, OSError or ValueError for one
    out of the platform's range."""
    return datetime.fromtimestamp(seconds, VN_TZ).isoformat()


def parse_iso(value: str | None, naive: timezone = VN_TZ) -> datetime | None:
    """ISO 8601 text (the corpus form and any other ISO form, 'Z' included) as an aware datetime:
    a date is its midnight, a time without an offset is in `naive` (Vietnam time unless said);
    None for None, '' or text that is not ISO 8601."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=naive)
