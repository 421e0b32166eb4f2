"""URL and site helpers, in one place: the site of a URL (host, lower case, without www./m./amp.),
absolute URLs, the outlet-name part of a site, and the form a typed site filter is matched in."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from .fold import ascii_key

# the last part of a path, not of a host name: "the-thao.html" is a page, never a site
_PAGE_SUFFIXES = {"html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cgi", "txt", "json", "xml", "epi",
                  "chn", "vnp", "tpo", "ldo", "htx"}
_HOST_PREFIXES = ("www.", "m.", "amp.")  # the same site on its desktop, mobile and AMP hosts
# host labels that name no outlet (site_key): TLDs, second-level domains, www/m
_TLDS = {"vn", "com", "net", "org", "edu", "gov", "info", "www", "m"}


def site_of(url: str | None) -> str | None:
    """The site of a URL ("https://www.baoa.vn/x" -> baoa.vn; "baoa.vn/x" too). A relative URL
    ("the-thao.html", "/tin/a.html") names no site."""
    if not url:
        return None
    url = url.strip()
    if "//" not in url:
        first = url.split("/", 1)[0].split("?", 1)[0].lower()
        if "." not in first or first.rsplit(".", 1)[1] in _PAGE_SUFFIXES or not first.rsplit(".", 1)[1].isalpha():
            return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # scraped URLs can be junk ("http://[", bad ports): no site rather than a crash
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def host_of(url: str | None) -> str | None:
    """Site of an absolute URL (a relative one names no site)."""
    return site_of(url) if url and "//" in url else None


def absolute_url(url, base: str | None) -> str | None:
    """`url` as an absolute URL: as it is when absolute ("//host/..." too), resolved against an
    absolute `base` when relative, else None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if "//" in url.split("?", 1)[0][:12] or url.startswith("//"):
        return url
    if base and "//" in base:
        try:
            return urljoin(base, url)
        except ValueError:
            return None
    return None


def site_key(site: str | None) -> str:
    """The outlet-name part of a site, as ascii_key: 'tuoitre.vn' -> 'tuoitre', 'm.baoa.com.vn' -> 'baoa'."""
    parts = [p for p in (site or "").casefold().split(".") if p and p not in _TLDS]
    return ascii_key("".join(parts[-1:]) if parts else "")


def site_filter(site: str) -> str:
    """A site as typed in a filter (`--site`, the search box), in the form it is matched in."""
    return site.strip().lower()
