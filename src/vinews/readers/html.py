"""HTML files (`.html`, `.htm`, and gzipped): one page per file, id = file name without suffixes.

`html_page` is shared with the WARC and record readers: raw HTML bytes -> a `Page` with `html`
set (decoded to NFC by `vinews.encodings`) or with `reject_reason` saying why it is unusable.
"""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Iterator

from ..encodings import decode_html
from ..model import Page
from ..urls import host_of
from .decode import MAX_BYTES, check_bytes

SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm", ".xhtml")


def html_page(raw: bytes, pid: str, url: str | None = None, fetched: str | None = None,
              content_type: str | None = None, meta: dict | None = None, limit: int = MAX_BYTES) -> Page:
    meta = dict(meta or {})
    reason = check_bytes(raw, limit)
    if reason:
        return Page(id=pid, url=url, site=host_of(url), fetched=fetched, meta=meta, reject_reason=reason)
    html, decision = decode_html(raw, content_type)
    meta["decode"] = decision
    return Page(id=pid, url=url, site=host_of(url), fetched=fetched, html=html, meta=meta)


def is_gzip(path: Path) -> bool:
    """By content, not name: `--format` may force a reader onto any file."""
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def open_binary(path: Path):
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def read_limited(fh, limit: int) -> bytes:
    """Read at most limit+1 bytes (enough to tell an oversized page without holding it all)."""
    return fh.read(limit + 1)


def read_html_file(path: Path, limit: int = MAX_BYTES) -> Iterator[Page]:
    name = path.name
    pid = next((name[: -len(s)] for s in SUFFIXES if name.lower().endswith(s)), path.stem)
    meta = {"path": str(path)}
    if is_gzip(path):
        try:
            with gzip.open(path, "rb") as fh:
                raw = read_limited(fh, limit)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            yield Page(id=pid, meta=meta, reject_reason=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")
            return
    else:
        size = path.stat().st_size
        if size > limit:  # never read it into memory
            yield Page(id=pid, meta=meta, reject_reason=f"oversized: {size} bytes > {limit}")
            return
        raw = path.read_bytes()
    if len(raw) > limit:
        yield Page(id=pid, meta=meta, reject_reason=f"oversized: more than {limit} bytes")
        return
    yield html_page(raw, pid, meta=meta, limit=limit)
