"""Record files: JSONL (`.jsonl`, `.jsonl.gz`, `.ndjson`), JSON (`.json`: one object, an array
of objects, or objects one per line) and Parquet (`.parquet`), one page per record.

Columns (keys are matched case-insensitively: `Content`, `URL` and `url` are one field):
- page text: `text`, `content`, `page_text`; page HTML: `html`, `raw_html`, `content_html`.
  HTML wins when both are filled (it carries more evidence). A text field that holds HTML
  (tags such as `<p>`, `<div>`, `<br>`) is read as HTML, not as text with the tags in it.
- optional `id`, `url`, `fetched` (fetch time), `site`;
- optional crawler metadata: `title` / `headline` and a publish time (`published`, `time`,
  `date`, `publish_time`, `published_at`, `pubdate`): hints that the visible page is checked
  against (the page's own dateline and headline win; a hint fills what the page lacks).
`FieldMap` names other columns (`--text-field`, `--html-field`, `--id-field`, `--url-field`,
`--time-field`, `--title-field`). Streaming: JSONL line by line, Parquet by record batches;
a `.json` document is read whole (up to JSON_MAX_BYTES). A record that cannot be used (bad
JSON, no text or html, oversized) comes out rejected.
"""
from __future__ import annotations

import datetime
import gzip
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..model import Page
from ..urls import host_of
from ..vntime import from_epoch, iso
from .decode import MAX_BYTES, check_bytes, clean_str
from .html import html_page, open_binary

TEXT_COLS = ("text", "content", "page_text")
HTML_COLS = ("html", "raw_html", "content_html")
META_COLS = ("id", "url", "fetched", "site")
TITLE_COLS = ("title", "headline")
TIME_COLS = ("published", "time", "date", "publish_time", "published_at", "pubdate")
BATCH_ROWS = 256
JSON_MAX_BYTES = 1 << 30  # a .json document is parsed whole: past this, convert it to JSONL
# HTML in a text field: this many block tags (the ones pages are made of: <p>, <div>, <br>,
# headings, lists, tables, sections) in the first HTML_SNIFF_CHARS characters. Inline and
# script tags do not count: page text quoting "<b>" or a hostile "<script>…</script>" is text,
# shown as written.
HTML_MIN_TAGS = 2
HTML_SNIFF_CHARS = 1 << 16
_HTML_TAG = re.compile(r"<(?:/?(?:p|div|br|html|body|head|h[1-6]|li|ul|ol|table|tbody|tr|td|th|"
                       r"figure|figcaption|section|article|header|footer|nav|main|blockquote)\b[^<>]{0,2000}>"
                       r"|!doctype\b)", re.I)


def looks_like_html(text: str, min_tags: int = HTML_MIN_TAGS, sniff: int = HTML_SNIFF_CHARS) -> bool:
    """Does a text field hold HTML markup? At least `min_tags` page tags (or a doctype) in its
    first `sniff` characters."""
    head = text[:sniff]
    if "<" not in head:
        return False
    n = 0
    for _ in _HTML_TAG.finditer(head):
        n += 1
        if n >= min_tags:
            return True
    return False


@dataclass(frozen=True)
class FieldMap:
    """Which record field holds what. A name given here is looked up first (case-insensitively);
    None keeps the defaults (TEXT_COLS, HTML_COLS, TITLE_COLS, TIME_COLS, id, url)."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    time: str | None = None
    title: str | None = None

    def names(self, what: str, defaults: tuple[str, ...]) -> tuple[str, ...]:
        given = getattr(self, what)
        return (given,) if given else defaults

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


DEFAULT_FIELDS = FieldMap()


class _Keys:
    """Field lookup in one record: exact names first, then case-insensitively (the lower-cased
    key map is built only when an exact name misses)."""

    __slots__ = ("rec", "_low")

    def __init__(self, rec: dict):
        self.rec = rec
        self._low: dict[str, str] | None = None

    def key(self, names: tuple[str, ...]) -> str | None:
        """The first of `names` that the record fills (not None, not "")."""
        rec = self.rec
        for n in names:
            v = rec.get(n)
            if v is not None and v != "":
                return n
        if self._low is None:
            self._low = {}
            for k in rec:
                if isinstance(k, str):
                    self._low.setdefault(k.lower(), k)
        for n in names:
            k = self._low.get(n.lower())
            if k is not None and rec[k] is not None and rec[k] != "":
                return k
        return None

    def get(self, names: tuple[str, ...]):
        k = self.key(names)
        return None if k is None else self.rec[k]


def _nfc(s: str) -> str:
    # normalize() hands back the same string when its quick check passes: one pass, where
    # is_normalized() and then normalize() could take two (this runs in the build's driver)
    return unicodedata.normalize("NFC", s)


def record_to_page(rec: Any, default_id: str, meta: dict, limit: int = MAX_BYTES,
                   fields: FieldMap | None = None) -> Page:
    try:
        return _record_to_page(rec, default_id, meta, limit, fields or DEFAULT_FIELDS)
    except Exception as exc:  # one odd record must not end the file
        return Page(id=default_id, meta=meta, reject_reason=f"read error: {type(exc).__name__}: {exc}")


def _meta_str(keys: "_Keys", names: tuple[str, ...], notes: list[str], name: str) -> str | None:
    """A metadata field as a string, or None; a value of another type is dropped with a note
    (bytes are decoded; a numeric id or a numeric or date fetch time is written as text), never
    passed on to crash a later stage (a list as `site` broke the build's per-site counts)."""
    v = keys.get(names)
    if v is None:
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


def _time_hint(v: Any) -> str | None:
    """A crawler's publish time as ISO 8601 (Vietnam time): an ISO or d/m/Y string, a date,
    or epoch seconds (milliseconds when it is that large); None when it reads as no date."""
    from ..dates import parse_date
    from ..html.hints import norm_date

    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        try:
            return from_epoch(v / 1000 if abs(v) > 1e11 else v)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(v, datetime.date):  # a datetime (in Vietnam time) or a day
        return iso(v)
    if isinstance(v, str):
        v = v.strip()[:200]
        return norm_date(v) or parse_date(v)
    return None


def _hints(keys: "_Keys", fields: FieldMap, notes: list[str]) -> dict:
    """The crawler's own title and publish time, for the extractor to check the page against."""
    out = {}
    title = keys.get(fields.names("title", TITLE_COLS))
    if isinstance(title, str) and title.strip():
        out["title"] = " ".join(clean_str(title).split())[:1000]
    when = keys.get(fields.names("time", TIME_COLS))
    if when is not None:
        iso = _time_hint(when)
        if iso:
            out["published"] = iso
        else:
            notes.append(f"time: {str(when)[:40]!r} is no date, ignored")
    return out


def _record_to_page(rec: Any, default_id: str, meta: dict, limit: int, fields: FieldMap) -> Page:
    if not isinstance(rec, dict):
        return Page(id=default_id, meta=meta, reject_reason=f"record is not an object: {type(rec).__name__}")
    notes: list[str] = []
    keys = _Keys(rec)
    pid = _meta_str(keys, fields.names("id", ("id",)), notes, "id") or default_id
    url = _meta_str(keys, fields.names("url", ("url",)), notes, "url")
    fetched = _meta_str(keys, ("fetched",), notes, "fetched")
    site = _meta_str(keys, ("site",), notes, "site")
    hints = _hints(keys, fields, notes)
    if notes or hints:
        meta = dict(meta)
        if notes:
            meta["notes"] = notes
        if hints:
            meta["hints"] = hints
    html_names = fields.names("html", HTML_COLS)
    text_names = fields.names("text", TEXT_COLS)
    col = keys.key(html_names)
    if col is None:
        tcol = keys.key(text_names)
        v = rec[tcol] if tcol is not None else None
        if isinstance(v, str) and looks_like_html(v):  # HTML in a text field: read it as HTML
            col = tcol
            meta = {**meta, "notes": [*meta.get("notes", []), f"{tcol}: holds HTML, read as HTML"]}
    if col is not None:
        html, reason = _page_str(rec[col], col)
        if reason:
            return Page(id=pid, url=url, site=site or host_of(url), fetched=fetched, meta=meta, reject_reason=reason)
        raw = html if isinstance(html, bytes) else html.encode("utf-8")
        page = html_page(raw, pid, url=url, fetched=fetched, meta=meta, limit=limit)
        if isinstance(html, str) and page.html is not None:  # already text: keep it as given
            page.html, page.meta["decode"] = _nfc(html), {"encoding": "str", "how": "record"}
        page.site = site or page.site
        return page
    site = site or host_of(url)
    col = keys.key(text_names)
    if col is None:
        wanted = "/".join(text_names + html_names)
        return Page(id=pid, url=url, site=site, fetched=fetched, meta=meta,
                    reject_reason=f"empty: no {wanted} field")
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


def read_jsonl(path: Path, limit: int = MAX_BYTES, start: int = 0, record: int = 0,
               fields: FieldMap | None = None) -> Iterator[Page]:
    """Pages of a JSONL file; `start` (a byte offset where line `record` begins, plain files
    only) lets a build worker read its own shard (readers/shards.py). `fields`: which record
    fields hold what (None: the defaults)."""
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
                yield record_to_page(rec, f"{stem}:{n}", meta, limit, fields)
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield Page(id=f"{stem}:{n + 1}", meta={"path": str(path)},
                   reject_reason=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")


def read_json(path: Path, limit: int = MAX_BYTES, fields: FieldMap | None = None,
              max_bytes: int = JSON_MAX_BYTES) -> Iterator[Page]:
    """Pages of a `.json` file: one object (one page), an array of objects (a page each, ids
    NAME:0, NAME:1, ...), or objects one per line (read as JSONL). Pretty-printed is fine."""
    stem = clean_str(path.name.split(".")[0])
    meta = {"path": str(path)}
    try:
        with open_binary(path) as fh:
            raw = fh.read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield Page(id=stem, meta=meta, reject_reason=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")
        return
    if len(raw) > max_bytes:
        yield Page(id=stem, meta=meta, reject_reason=f"oversized: a .json document over {max_bytes} bytes "
                                                      "(write it as JSONL, one object per line)")
        return
    try:
        doc = json.loads(raw)
    except RecursionError:
        yield Page(id=stem, meta=meta, reject_reason="bad json: nested too deep")
        return
    except ValueError as exc:
        if "Extra data" in str(exc):  # objects one per line in a file named .json
            yield from read_jsonl(path, limit, fields=fields)
            return
        yield Page(id=stem, meta=meta, reject_reason=f"bad json: {exc}")
        return
    if isinstance(doc, list):
        for n, rec in enumerate(doc):
            yield record_to_page(rec, f"{stem}:{n}", {**meta, "record": n}, limit, fields)
    else:
        yield record_to_page(doc, stem, meta, limit, fields)


def read_parquet(path: Path, limit: int = MAX_BYTES, fields: FieldMap | None = None) -> Iterator[Page]:
    import pyarrow.parquet as pq

    stem = clean_str(path.name.split(".")[0])
    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
    except Exception as exc:  # no readable footer (not parquet, cut short): no row is known, one rejected page
        yield Page(id=stem, meta={"path": str(path)},
                   reject_reason=f"not a readable parquet file: {type(exc).__name__}: {' '.join(str(exc).split())}")
        return
    f = fields or DEFAULT_FIELDS
    page_cols = {c.lower() for c in f.names("text", TEXT_COLS) + f.names("html", HTML_COLS)}
    wanted = page_cols | {c.lower() for c in f.names("id", ("id",)) + f.names("url", ("url",))
                          + f.names("time", TIME_COLS) + f.names("title", TITLE_COLS) + META_COLS}
    cols = [c for c in pf.schema_arrow.names if c.lower() in wanted]
    if not any(c.lower() in page_cols for c in names):
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
                    yield record_to_page(rec, f"{stem}:{n}", {"path": str(path), "record": n}, limit, fields)
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


RECORD_FORMATS = ("jsonl", "json", "parquet")  # the readers that take a FieldMap
