"""Metadata hints from markup: JSON-LD (NewsArticle & co.), OpenGraph / article:*, <meta>,
<time datetime>, <link rel=canonical>. The metadata stage cross-checks them with the visible
text; here we only collect and normalise.

hints keys: title, titles (all candidates, best first), published (ISO 8601, +07:00 when a time
is known), modified, author, authors (candidates), site, site_name, url, description, section,
and "sources" saying where each came from.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import datetime, timezone

from ..fold import ascii_key
from ..urls import absolute_url, host_of
from ..vntime import fixed_zone, iso
ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                 "webpage", "scholarlyarticle", "techarticle", "report"}
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}|GMT[+-]?\d{0,2}(?::?\d{2})?)?)?")
_DMY = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}|GMT[+-]?\d{0,2}(?::?\d{2})?)?)?")
# an organisation or a team, not a person: the CMS vendor, "SEO team", "Ban biên tập", "Báo X"
_ORG = re.compile(r"\b(công nghệ|công ty|cty|tập đoàn|ban biên tập|tòa soạn|toà soạn|báo|tạp chí|đài|"
                  r"team|seo|traffic|admin|administrator|editor|editorial|newsroom|corp|jsc|ltd|inc|company|"
                  r"technology|media|online|news|group)\b", re.I)
_CREDIT = re.compile(r"^\s*(theo|nguồn|source|via)\b", re.I)  # "Theo TTXVN": a source, not an author
_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(vn|com|net|org)\b", re.I)


def norm_date(value: str | None) -> str | None:
    """ISO-like or d/m/Y strings -> 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS+07:00'. Times given in
    another zone are converted to Vietnam time; times without a zone are taken as Vietnam time."""
    if not value or not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
    else:
        m = _DMY.match(value)
        if not m:
            return None
        d, _, mo, y, hh, mm, ss, tz = m.groups()
    try:
        if hh is None:
            return datetime(int(y), int(mo), int(d)).date().isoformat()
        dt = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    if not 1990 <= dt.year <= 2100:
        return None
    try:
        zone = _zone(tz)
    except ValueError:  # "+25:00", "GMT+99": no such zone, so no trustworthy time either
        return None
    return iso(dt.replace(tzinfo=zone) if zone else dt)  # without a zone: Vietnam time


def _zone(tz: str | None) -> timezone | None:
    if not tz:
        return None
    if tz == "Z":
        return timezone.utc
    tz = tz.replace("GMT", "").replace(":", "")
    if not tz:
        return timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz.lstrip("+-")
    hours, minutes = int(digits[:2] or 0), int(digits[2:4] or 0)
    return fixed_zone(sign, hours, minutes)


def _clean(s) -> str | None:
    if not isinstance(s, str):
        return None
    for _ in range(2):  # markup values are sometimes escaped twice ("&amp;#7871;")
        if "&" in s:
            s = html.unescape(s)
    s = " ".join(s.split())
    return unicodedata.normalize("NFC", s) if s else None


# --- JSON-LD ---------------------------------------------------------------------------------

def _loads(raw: str):
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    if not raw:
        return None
    try:
        return json.loads(raw, strict=False)
    except RecursionError:  # thousands of nested arrays: hostile, not metadata
        return None
    except ValueError:
        try:  # common damage: trailing commas, raw newlines inside strings
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
        except (ValueError, RecursionError):
            return None


def _objects(data) -> list[dict]:
    out, stack = [], [data]
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(reversed(x))
        elif isinstance(x, dict):
            out.append(x)
            if "@graph" in x:
                stack.append(x["@graph"])
            if isinstance(x.get("mainEntity"), (dict, list)):
                stack.append(x["mainEntity"])
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t]) if x}


def _names(value) -> list[str]:
    """Person names from a JSON-LD author value (string, object or list of them)."""
    out = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            if "organization" in _types(v):
                continue
            v = v.get("name")
        if isinstance(v, list):
            out.extend(n for n in map(_clean, v) if n)
        elif (n := _clean(v)):
            out.append(n)
    return out


def jsonld_hints(scripts: list[str]) -> dict:
    best: dict = {}
    for raw in scripts:
        for obj in _objects(_loads(raw)):
            types = _types(obj)
            if not types & ARTICLE_TYPES:
                continue
            rank = 0 if "webpage" not in types else 1  # a NewsArticle beats a WebPage
            if best and best["_rank"] <= rank:
                continue
            pub = obj.get("publisher")
            best = {
                "_rank": rank,
                "title": _clean(obj.get("headline")) or _clean(obj.get("name")),
                "published": norm_date(obj.get("datePublished") or obj.get("dateCreated")),
                "modified": norm_date(obj.get("dateModified")),
                "authors": _names(obj.get("author") or obj.get("creator")),
                "publisher": _clean(pub.get("name")) if isinstance(pub, dict) else _clean(pub),
                "url": _clean(obj.get("url")) if isinstance(obj.get("url"), str) else None,
                "description": _clean(obj.get("description")),
                "section": _clean(obj.get("articleSection")) if isinstance(obj.get("articleSection"), str) else None,
            }
    if best:
        best["article_type"] = best.pop("_rank") == 0  # a NewsArticle & co., not only a WebPage
    return best


# --- the whole page --------------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s+[|\-–—:»]\s+")


def _site_like(name: str, site: str | None, site_names: set[str]) -> bool:
    """An 'author' that is really the outlet: a domain, the site name, or the publisher."""
    low = name.lower()
    if _URLISH.search(name) or low in site_names:
        return True
    squashed = ascii_key(low)
    if any(squashed == ascii_key(s) for s in site_names):
        return True
    if site:
        stem = site.split(".")[0]
        return bool(stem) and (stem in squashed or squashed in stem and len(squashed) >= 4)
    return False


def page_hints(tree, page_url: str | None = None) -> dict:
    """Collect metadata hints from a parsed document (selectolax tree)."""
    metas: dict[str, list[str]] = {}
    for m in tree.css("meta"):
        a = m.attributes
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        val = a.get("content")
        if key and val and val.strip():
            metas.setdefault(key, []).append(val.strip())
    first = lambda *keys: next((metas[k][0] for k in keys if k in metas), None)  # noqa: E731
    ld = jsonld_hints([s.text(deep=True) or "" for s in tree.css('script[type="application/ld+json"]')])
    canon = next((n.attributes.get("href") for n in tree.css('link[rel="canonical"]') if n.attributes.get("href")), None)
    # a relative link ("the-thao.html") is resolved against the page's URL; without one it names no page
    url = next((u for u in map(lambda v: absolute_url(v, page_url), (canon, first("og:url"), ld.get("url"))) if u),
               None) or page_url
    if url and url.startswith("//"):
        url = "https:" + url
    site = host_of(url) or host_of(page_url)
    site_name = first("og:site_name", "application-name")
    sources: dict[str, str] = {}

    # title: the headline the article itself declares, then OpenGraph, then <title>
    titles = []
    for src, t in (("jsonld", ld.get("title")), ("og", first("og:title")), ("twitter", first("twitter:title")),
                   ("h1", _h1(tree)), ("title", _title_tag(tree))):
        t = _clean(t)
        if t and t not in titles:
            titles.append(t)
            sources.setdefault("title", src)
    # publish time
    published, psrc = None, None
    for src, v in (("jsonld", ld.get("published")),
                   ("meta", first("article:published_time", "datepublished", "pubdate", "publishdate",
                                  "publish-date", "article.published", "dc.date.issued", "dc.date",
                                  "date", "og:published_time", "sailthru.date", "parsely-pub-date",
                                  "dable:published_time", "article:published"))):
        d = norm_date(v) if src == "meta" else v
        if d:
            published, psrc = d, src
            break
    if not published:
        for t in tree.css('[itemprop="datePublished"]'):
            d = norm_date(t.attributes.get("content") or t.attributes.get("datetime") or "")
            if d:
                published, psrc = d, "itemprop"
                break
    if not published:
        for t in tree.css("time"):
            d = norm_date(t.attributes.get("datetime") or "")
            if d:
                published, psrc = d, "time"
                break
    if psrc:
        sources["published"] = psrc
    # authors: JSON-LD persons, then <meta name=author>, never the outlet's own name
    site_names = {s.lower() for s in (site_name, ld.get("publisher")) if s}
    authors: list[str] = []
    sources_in_order = (("jsonld", lambda: ld.get("authors") or []),
                        ("meta", lambda: [first("author", "article:author", "dable:author", "dc.creator", "byl",
                                                "sailthru.author", "parsely-author")]),
                        ("itemprop", lambda: _itemprop_authors(tree)))
    for src, names in sources_in_order:
        if authors:  # the first source that names a person wins
            break
        for n in names():
            n = _clean(n)
            if n and not _site_like(n, site, site_names) and not _CREDIT.match(n) and not _ORG.search(n) \
                    and n not in authors:
                authors.append(n)
                sources.setdefault("author", src)
    hints = {
        "title": titles[0] if titles else None, "titles": titles,
        "published": published, "modified": ld.get("modified") or norm_date(first("article:modified_time")),
        "author": ", ".join(authors[:3]) if authors else None, "authors": authors,
        "site": site, "site_name": site_name, "url": url,
        "description": _clean(first("og:description", "description")) or ld.get("description"),
        "section": ld.get("section") or first("article:section"),
        # the page says it is one article (JSON-LD NewsArticle & co., og:type article): evidence
        # for the page kind, never proof (home pages rarely say so, some article pages do not)
        "declared_article": bool(ld.get("article_type")) or (first("og:type") or "").strip().lower() == "article",
        "sources": sources,
    }
    return hints


def _itemprop_authors(tree) -> list[str]:
    """Visible names marked up with itemprop="author" (or its itemprop="name" child)."""
    out = []
    for el in tree.css('[itemprop="author"]')[:3]:
        name = el.css_first('[itemprop="name"]')
        value = (name.attributes.get("content") or name.text(deep=True)) if name is not None else (
            el.attributes.get("content") or el.text(deep=True))
        value = _clean(value)
        if value and len(value) <= 60:
            out.append(value)
    return out


def _h1(tree) -> str | None:
    h = tree.css_first("h1")
    return h.text(deep=True) if h is not None else None


def _title_tag(tree) -> str | None:
    t = tree.css_first("title")
    if t is None:
        return None
    text = _clean(t.text(deep=True))
    if not text:
        return None
    parts = _TITLE_SPLIT.split(text)
    if len(parts) > 1:  # "Headline - Site name": keep the longest part
        text = max(parts, key=len)
    return text
