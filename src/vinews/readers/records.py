"""Record files: JSONL (`.jsonl`, `.jsonl.gz`, `.ndjson`) and Parquet (`.parquet`), one page per
record, with a `text` or `html` column (html wins when both are filled: it carries more evidence)
and optional `id`, `url`, `fetched`. Streaming: JSONL line by line, Parquet by record batches.
A record that cannot be used (bad JSON, no text or html, oversized) comes out rejected.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
import zlib
from pathlib import Path
from typing import Any, Iterator

from ..model import Page
from . import register
from .decode import MAX_BYTES, check_bytes
from .html import html_page, open_binary, site_of

TEXT_COLS = ("text", "content", "page_text")
HTML_COLS = ("html", "raw_html", "content_html")
META_COLS = ("id", "url", "fetched", "site")
BATCH_ROWS = 256


def _nfc(s: str) -> str:
    # normalize() hands back the same string when its quick check passes: one pass, where
    # is_normalized() and then normalize() could take two (this runs in the build's driver)
    return unicodedata.normalize("NFC", s)


def record_to_page(rec: Any, default_id: str, meta: dict, limit: int = MAX_BYTES) -> Page:
    try:
        return _record_to_page(rec, default_id, meta, limit)
    except Exception as exc:  # one odd record must not end the file
        return Page(id=default_id, meta=meta, reject_reason=f"read error: {type(exc).__name__}: {exc}")


def _record_to_page(rec: Any, default_id: str, meta: dict, limit: int) -> Page:
    if not isinstance(rec, dict):
        return Page(id=default_id, meta=meta, reject_reason=f"record is not an object: {type(rec).__name__}")
    pid = str(rec.get("id") or default_id)
    url = rec.get("url") or None
    url = url if isinstance(url, str) else None
    fetched = rec.get("fetched")
    fetched = str(fetched) if fetched is not None else None
    html = next((rec[c] for c in HTML_COLS if rec.get(c)), None)
    if html is not None:
        raw = html if isinstance(html, bytes) else str(html).encode("utf-8", "surrogatepass")
        page = html_page(raw, pid, url=url, fetched=fetched, meta=meta, limit=limit)
        if isinstance(html, str) and page.html is not None:  # already text: keep it as given
            page.html, page.meta["decode"] = _nfc(html), {"encoding": "str", "how": "record"}
        page.site = rec.get("site") or page.site
        return page
    text = next((rec[c] for c in TEXT_COLS if rec.get(c)), None)
    site = rec.get("site") or site_of(url)
    if text is None:
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta,
                    reject_reason=f"empty: no {'/'.join(TEXT_COLS + HTML_COLS)} field")
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    blank = not text or text.isspace()  # no stripped copy of the page just to test it
    reason = check_bytes(text.encode("utf-8", "surrogatepass"), limit) if len(text) * 4 > limit or blank else None
    if reason:
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta, reject_reason=reason)
    return Page(id=pid, text=_nfc(text), url=url, site=site, fetched=fetched, meta=meta)


def is_blank(line: bytes) -> bool:
    """A JSONL line that is no record (no page). No stripped copy of the line to test it."""
    return not line or line.isspace()


def read_jsonl(path: Path, limit: int = MAX_BYTES, start: int = 0, record: int = 0) -> Iterator[Page]:
    """Pages of a JSONL file; `start` (a byte offset where line `record` begins, plain files
    only) lets a build worker read its own shard (readers/shards.py)."""
    stem = path.name.split(".")[0]
    n = record
    try:
        with open_binary(path) as fh:
            if start:
                fh.seek(start)
            for n, line in enumerate(fh, record):
                if is_blank(line):
                    continue
                meta = {"path": str(path), "record": n}
                if len(line) > limit:
                    yield Page(id=f"{stem}:{n}", meta=meta, reject_reason=f"oversized: {len(line)} bytes > {limit}")
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    yield Page(id=f"{stem}:{n}", meta=meta, reject_reason=f"bad json: {exc}")
                    continue
                yield record_to_page(rec, f"{stem}:{n}", meta, limit)
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield Page(id=f"{stem}:{n + 1}", meta={"path": str(path)},
                   reject_reason=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")


def read_parquet(path: Path, limit: int = MAX_BYTES) -> Iterator[Page]:
    import pyarrow.parquet as pq

    stem = path.name.split(".")[0]
    pf = pq.ParquetFile(path)
    names = set(pf.schema_arrow.names)
    cols = [c for c in TEXT_COLS + HTML_COLS + META_COLS if c in names]
    if not any(c in names for c in TEXT_COLS + HTML_COLS):
        yield Page(id=stem, meta={"path": str(path)},
                   reject_reason=f"no text or html column (columns: {', '.join(sorted(names))})")
        return
    n = 0
    for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=cols):
        for rec in batch.to_pylist():
            yield record_to_page(rec, f"{stem}:{n}", {"path": str(path), "record": n}, limit)
            n += 1


register("jsonl", read_jsonl, ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
register("parquet", read_parquet, ".parquet")
