"""Record files: JSONL (`.jsonl`, `.jsonl.gz`, `.ndjson`) and Parquet (`.parquet`), one page per
record, with a `text` or `html` column (html wins when both are filled: it carries more evidence)
and optional `id`, `url`, `fetched`. Streaming: JSONL line by line, Parquet by record batches.
A record that cannot be used (bad JSON, no text or html, oversized) comes out rejected.
"""
from __future__ import annotations

import datetime
import gzip
import json
import unicodedata
import zlib
from pathlib import Path
from typing import Any, Iterator

from ..model import Page
from . import register
from .decode import MAX_BYTES, check_bytes, clean_str
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


def _meta_str(rec: dict, name: str, notes: list[str]) -> str | None:
    """A metadata field as a string, or None; a value of another type is dropped with a note
    (bytes are decoded; a numeric id or a numeric or date fetch time is written as text), never
    passed on to crash a later stage (a list as `site` broke the build's per-site counts)."""
    v = rec.get(name)
    if v is None or v == "":
        return None
    if isinstance(v, str):
        return clean_str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        notes.append(f"{name}: bytes decoded as UTF-8")
        return bytes(v).decode("utf-8", "replace")
    if name in ("id", "fetched") and isinstance(v, (int, float, datetime.date)) and not isinstance(v, bool):
        if name != "fetched":  # a Parquet timestamp or epoch is an ordinary fetch time
            notes.append(f"{name}: {type(v).__name__} read as text")
        return str(v)
    notes.append(f"{name}: {type(v).__name__} ignored")
    return None


def _page_str(v: Any, field: str) -> tuple[str | bytes | None, str | None]:
    """(value, reject reason) of a text or html field: a string (surrogates replaced) or bytes;
    anything else is no page text, and says so rather than reading its repr as the page."""
    if isinstance(v, str):
        return clean_str(v), None
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v), None
    return None, f"bad record: field {field!r} is {type(v).__name__}, not a string"


def _record_to_page(rec: Any, default_id: str, meta: dict, limit: int) -> Page:
    if not isinstance(rec, dict):
        return Page(id=default_id, meta=meta, reject_reason=f"record is not an object: {type(rec).__name__}")
    notes: list[str] = []
    pid = _meta_str(rec, "id", notes) or default_id
    url = _meta_str(rec, "url", notes)
    fetched = _meta_str(rec, "fetched", notes)
    site = _meta_str(rec, "site", notes)
    if notes:
        meta = {**meta, "notes": notes}
    col = next((c for c in HTML_COLS if rec.get(c)), None)
    if col is not None:
        html, reason = _page_str(rec[col], col)
        if reason:
            return Page(id=pid, url=url, site=site or site_of(url), fetched=fetched, meta=meta, reject_reason=reason)
        raw = html if isinstance(html, bytes) else html.encode("utf-8")
        page = html_page(raw, pid, url=url, fetched=fetched, meta=meta, limit=limit)
        if isinstance(html, str) and page.html is not None:  # already text: keep it as given
            page.html, page.meta["decode"] = _nfc(html), {"encoding": "str", "how": "record"}
        page.site = site or page.site
        return page
    site = site or site_of(url)
    col = next((c for c in TEXT_COLS if rec.get(c)), None)
    if col is None:
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta,
                    reject_reason=f"empty: no {'/'.join(TEXT_COLS + HTML_COLS)} field")
    text, reason = _page_str(rec[col], col)
    if reason:
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta, reject_reason=reason)
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    blank = not text or text.isspace()  # no stripped copy of the page just to test it
    reason = check_bytes(text.encode("utf-8"), limit) if len(text) * 4 > limit or blank else None
    if reason:
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta, reject_reason=reason)
    return Page(id=pid, text=_nfc(text), url=url, site=site, fetched=fetched, meta=meta)


def is_blank(line: bytes) -> bool:
    """A JSONL line that is no record (no page). No stripped copy of the line to test it."""
    return not line or line.isspace()


def read_jsonl(path: Path, limit: int = MAX_BYTES, start: int = 0, record: int = 0) -> Iterator[Page]:
    """Pages of a JSONL file; `start` (a byte offset where line `record` begins, plain files
    only) lets a build worker read its own shard (readers/shards.py)."""
    stem = clean_str(path.name.split(".")[0])
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
                except RecursionError:  # valid JSON nested deeper than the parser's stack
                    yield Page(id=f"{stem}:{n}", meta=meta, reject_reason="bad json: nested too deep")
                    continue
                yield record_to_page(rec, f"{stem}:{n}", meta, limit)
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield Page(id=f"{stem}:{n + 1}", meta={"path": str(path)},
                   reject_reason=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")


def read_parquet(path: Path, limit: int = MAX_BYTES) -> Iterator[Page]:
    import pyarrow.parquet as pq

    stem = clean_str(path.name.split(".")[0])
    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
    except Exception as exc:  # no readable footer (not parquet, cut short): no row is known, one rejected page
        yield Page(id=stem, meta={"path": str(path)},
                   reject_reason=f"not a readable parquet file: {type(exc).__name__}: {' '.join(str(exc).split())}")
        return
    cols = [c for c in TEXT_COLS + HTML_COLS + META_COLS if c in names]
    if not any(c in names for c in TEXT_COLS + HTML_COLS):
        yield Page(id=stem, meta={"path": str(path)},
                   reject_reason=f"no text or html column (columns: {', '.join(sorted(names))})")
        return
    # Row group by row group: damage in one (a bad page, a checksum, a cut file) costs the rows
    # of that group, each still a rejected row when the footer says how many, not the groups after.
    n = 0
    for g in range(pf.num_row_groups):
        try:
            rows: int | None = pf.metadata.row_group(g).num_rows
        except Exception:
            rows = None
        done = 0
        try:
            for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=cols, row_groups=[g]):
                for rec in batch.to_pylist():
                    yield record_to_page(rec, f"{stem}:{n}", {"path": str(path), "record": n}, limit)
                    n += 1
                    done += 1
        except Exception as exc:
            reason = f"corrupt parquet row group {g}: {type(exc).__name__}: {' '.join(str(exc).split())}"
            if rows is None or rows <= done:
                yield Page(id=f"{stem}:g{g}", meta={"path": str(path), "row_group": g}, reject_reason=reason)
                continue
            for _ in range(rows - done):
                yield Page(id=f"{stem}:{n}", meta={"path": str(path), "record": n, "row_group": g},
                           reject_reason=reason)
                n += 1


register("jsonl", read_jsonl, ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
register("parquet", read_parquet, ".parquet")
