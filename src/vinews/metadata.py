"""Assemble the Article from classified blocks: title, publish time, author, source, lead, body,
captions, plus the per-line audit. Markup hints (HTML path) fill what the visible text lacks."""
from __future__ import annotations

from urllib.parse import urlsplit

from .byline import is_outlet, parse_bylines
from .dates import find_dates, parse_date
from .model import Article, Block, Page


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname or "").lower()
    except ValueError:  # scraped URLs can be junk ("http://[", bad ports): no site rather than a crash
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def _published(datelines: list[str], hints: dict) -> str | None:
    visible = parse_date(datelines[0]) if datelines else None
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
    art.roles = [{"line": b.line, "role": b.role, "reason": b.reason} for b in blocks]
    if kind != "article":
        return art
    texts: dict[str, list[str]] = {}
    for b in blocks:
        if b.role != "boilerplate":  # one pass; most blocks are boilerplate
            texts.setdefault(b.role, []).append(b.text)
    lead = texts.get("lead")
    art.lead = "\n".join(lead) if lead else None
    art.body = texts.get("body", [])
    art.captions = texts.get("caption", [])
    title = texts.get("title", [None])[0]
    art.title = title or hints.get("title")
    dates = texts.get("date", [])
    art.published = _published(dates, hints)
    author, source = parse_bylines(texts.get("byline", []) + _date_credit(dates))
    if author is None and hints.get("author") and not is_outlet(hints["author"]):
        author = hints["author"]  # markup's author, unless it names an agency or outlet ("TTXVN/Vietnam+")
    art.author, art.source = author, source
    return art


def _date_credit(datelines: list[str]) -> list[str]:
    """A dateline can carry the credit too: 'Theo Ngoisao | 25/12/2012 10:25'."""
    out = []
    for text in datelines:
        if text.lower().lstrip().startswith(("theo ", "nguồn")):
            found = find_dates(text)
            cut = found[0].start if found else len(text)
            out.append(text[:cut].strip(" |-–"))
    return out
