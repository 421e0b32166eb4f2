"""Assemble the Article from classified blocks: title, publish time, author, source, lead, body,
captions, plus the per-line audit. Markup hints (HTML path) fill what the visible text lacks."""
from __future__ import annotations

from itertools import compress

import re

from .byline import is_outlet, looks_like_byline, parse_bylines
from .cues import DIGIT
from .dates import _UPDATE as UPDATE, _WEEKDAY as WEEKDAY, find_dates, parse_date
from .model import Article, Block, Page
from .urls import site_of


_NOT_BOILER = "boilerplate".__ne__


def _published(found: list[list], hints: dict) -> str | None:
    """`found`: the dates found in each dateline (find_dates), in page order."""
    visible = found[0][0].iso() if found and found[0] else None
    hinted = parse_date(hints["published"]) if hints.get("published") else None
    if visible and hinted:
        # Same day: the markup often carries the seconds the page does not print; keep the
        # visible minute when they disagree (the page is what readers saw).
        if hinted[:10] == visible[:10] and (len(visible) == 10 or hinted[:16] == visible[:16]):
            return hinted
        return visible
    return visible or hinted


def assemble(page: Page, blocks: list[Block], kind: str, reason: str | None, hints: dict) -> Article:
    url = page.url or hints.get("url")
    art = Article(id=page.id, kind=kind, reason=reason, url=url,
                  site=page.site or hints.get("site") or site_of(url), meta=dict(page.meta))
    # list comprehensions: attribute reads on a msgspec Struct are specialised there, not in map(attrgetter)
    art.audit = ([b.line for b in blocks], [b.role for b in blocks], [b.reason for b in blocks])
    if kind != "article":
        return art
    texts: dict[str, list[str]] = {}
    # most blocks are boilerplate: the others are picked out in C, then grouped by role
    for b in compress(blocks, map(_NOT_BOILER, art.audit[1])):
        texts.setdefault(b.role, []).append(b.text)
    lead = texts.get("lead")
    art.lead = "\n".join(lead) if lead else None
    art.body = texts.get("body", [])
    art.captions = texts.get("caption", [])
    title = texts.get("title", [None])[0]
    art.title = title or hints.get("title")
    dates = texts.get("date", [])
    found = [find_dates(t) for t in dates]  # read once for the time and the credit beside it
    art.published = _published(found, hints)
    author, source = parse_bylines(texts.get("byline", []) + _date_credit(dates, found))
    if author is None and hints.get("author") and not is_outlet(hints["author"]):
        author = hints["author"]  # markup's author, unless it names an agency or outlet ("TTXVN/Vietnam+")
    art.author, art.source = author, source
    return art


_CLOCK_LEAD = re.compile(r"^[\s,|–-]*\d{1,2}\s*[:hH]\s*\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?", re.I)
# words that stand around a date and are no one's name
NOT_A_NAME = re.compile(r"\b(ngày|tháng|năm|lúc|giờ|gmt|utc|sáng|chiều|tối|trưa|đêm|hôm nay|hôm qua|am|pm)\b", re.I)


def _date_credit(datelines: list[str], found_in: list[list] | None = None) -> list[str]:
    """A dateline can carry the credit too: 'Theo Ngoisao | 25/12/2012 10:25', or a name before
    or after the time: 'Minh Anh | 19/07/2026 23:16', '19/07/2026 23:16 - Minh Anh'."""
    out = []
    for k, text in enumerate(datelines):
        found = find_dates(text) if found_in is None else found_in[k]
        if text.lower().lstrip().startswith(("theo ", "nguồn")):
            cut = found[0].start if found else len(text)
            out.append(text[:cut].strip(" |-–"))
            continue
        if not found:
            continue
        for part in (text[:found[0].start], _CLOCK_LEAD.sub("", text[found[-1].end:])):
            part = part.strip(" |-–•·,()")
            # a person's name (two words or more: a one-word label is a section, "Star"), never the
            # weekday, "Cập nhật", "GMT+7" or "ngày" around the date
            if len(part.split()) >= 2 and not DIGIT.search(part) and not WEEKDAY.search(part) \
                    and not UPDATE.search(part) and not NOT_A_NAME.search(part) and looks_like_byline(part):
                out.append(part)
    return out
