"""Which copy of a story is the original, and why.

In a cluster the original is, in order: the member other members name in their attribution
("Theo VnExpress", "(Nguồn: Tuổi Trẻ)", "Theo X/site.vn"); else the earliest published (a
date without a time ties with times on that day, times tie within the same minute); among
ties, the fuller record (a member with
URL and site over the same page read from a bare text file), then a member that credits no one
over one that credits an outlet outside the cluster; then the fullest text; then input order.
Publish time comes before "credits no one" because the extractor's `source` is sometimes an
author name, while publish times are rarely wrong. A member's attribution is its `source`, or
a "Theo X" / "(Nguồn: X)" line closing its body that the extractor left in the text.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache

from ..fold import ascii_key
from ..urls import site_key
from ..vntime import parse_iso

# Outlet names whose letters do not contain their domain name.
ALIASES = {"nguoilaodong": "nld", "ttxvn": "vietnamplus", "thongtanxavietnam": "vietnamplus",
           "zing": "zingnews", "vnexpress": "vnexpress", "tuoitre": "tuoitre", "baochinhphu": "chinhphu",
           "laodong": "laodong", "vietnamnet": "vietnamnet", "dantri": "dantri", "thanhnien": "thanhnien"}


@lru_cache(maxsize=1 << 16)
def credits(source: str | None, site: str | None) -> bool:
    """Does an attribution ("Theo Tuổi Trẻ", "VnExpress", "Theo X/tuoitre.vn") name this site?
    Asked for each distinct attribution and site of a cluster, of a few hundred outlets' names
    and sites over a corpus: memoised."""
    sk = site_key(site)
    if not source or len(sk) < 2:
        return False
    for dom in re.findall(r"[\w-]+(?:\.[\w-]+)+", source.casefold()):
        if site_key(dom) == sk:
            return True
    key = ascii_key(re.sub(r"^\s*\(?\s*(theo|nguồn|nguon)\s*:?\s*", "", source, flags=re.I))
    key = ALIASES.get(key, key)
    return key == sk or (len(sk) >= 4 and (key.startswith(sk) or sk in key))


def _when(published: str | None) -> tuple[str, datetime | None] | None:
    """(UTC date, UTC datetime or None for a date only), or None when unknown."""
    if not published:
        return None
    if len(published) <= 10:
        return published[:10], None
    # A time without an offset is taken as UTC here (elsewhere: Vietnam time); the extractor
    # writes none, every time it writes carries +07:00, so the two never meet.
    dt = parse_iso(published, naive=timezone.utc)
    if dt is None:
        return None
    # to the minute: a page prints 19:25 where its markup says 19:25:52; the same minute ties
    return published[:10], dt.astimezone(timezone.utc).replace(second=0, microsecond=0)  # the day as the page wrote it


_CREDIT_LINE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s+(.{2,80}?)\s*\)?\s*\.?$", re.I)


def attribution(member: dict) -> str | None:
    """The outlet a member credits: its extracted source, else a closing "Theo X" line
    (`credit` when the sign stage already worked it out)."""
    if "credit" in member:
        return member["credit"]
    if member.get("source"):
        return member["source"]
    for line in (member.get("body") or [])[-2:]:
        m = _CREDIT_LINE.match(line.strip())
        if m:
            return line.strip()
    return None


UNKNOWN_SITE = "unknown"  # the site of a page without URL or site (corpus/extract.py)


def record_fullness(member: dict) -> int:
    """How much of where a copy came from its record says: a URL, a known site (0 to 2)."""
    return int(bool(member.get("url"))) + int(bool(member.get("site")) and member.get("site") != UNKNOWN_SITE)


def attribution_votes(members: list[dict], credit: dict[int, str | None]) -> dict[int, int]:
    """seq -> how many other members' attributions (`credit`: seq -> attribution) name the
    member's site. Counted per distinct attribution and site (a few each), not per pair of
    members: a cluster of 97k members (a chain of near copies in a 1M-page build) took hours
    pair by pair."""
    held = Counter(credit[m["seq"]] for m in members)
    naming = {site: sum(n for c, n in held.items() if credits(c, site)) for site in {m["site"] for m in members}}
    return {m["seq"]: naming[m["site"]] - credits(credit[m["seq"]], m["site"]) for m in members}


def choose_original(members: list[dict]) -> tuple[dict, str]:
    """members: {seq, site, published, source, n_chars[, url, body]}. Returns (original, evidence)."""
    credit = {m["seq"]: attribution(m) for m in members}
    votes = attribution_votes(members, credit)
    named = [m for m in members if votes[m["seq"]] > 0]
    if named:
        best = max(votes[m["seq"]] for m in named)
        pool, evidence = [m for m in named if votes[m["seq"]] == best], "attribution"
    else:
        pool, evidence = list(members), "no attribution"
    dated = [(m, _when(m.get("published"))) for m in pool]
    dated = [(m, w) for m, w in dated if w]
    if dated and len(pool) > 1:
        day = min(w[0] for _, w in dated)
        same_day = [(m, w) for m, w in dated if w[0] == day]
        if all(w[1] for _, w in same_day):
            first = min(w[1] for _, w in same_day)
            same_day = [(m, w) for m, w in same_day if w[1] == first]
        if len(same_day) < len(pool) and evidence != "attribution":
            evidence = "earlier"
        pool = [m for m, _ in same_day]
    if len(pool) > 1:  # a tie: the copy that says where it was published (url, site) over one that does not
        best = max(record_fullness(m) for m in pool)
        if any(record_fullness(m) < best for m in pool):
            if evidence == "no attribution":
                evidence = "fuller record"
            pool = [m for m in pool if record_fullness(m) == best]
    if len(pool) > 1 and any(not credit[m["seq"]] for m in pool):
        pool = [m for m in pool if not credit[m["seq"]]]
    if len(pool) > 1:
        most = max(m["n_chars"] for m in pool)
        if any(m["n_chars"] < most for m in pool) and evidence == "no attribution":
            evidence = "fuller"
        pool = [m for m in pool if m["n_chars"] == most]
    return min(pool, key=lambda m: m["seq"]), evidence
