"""WARC and WET files (`.warc`, `.warc.gz`, `.wet`, `.wet.gz`), streamed record by record.

`response` (and `resource`) records holding HTML become pages with `html` set; WET `conversion`
records become pages with `text` set. Every such record gives exactly one `Page`: a record that
cannot be used (non-HTML payload, HTTP error status, oversized, broken header, truncated file)
comes out rejected with the reason. `warcinfo`, `request`, `metadata` and `revisit` records
carry no page and are skipped. A broken record header is skipped by scanning to the next
`WARC/1.x` line, so one damaged record does not lose the rest of the file.

id: the uuid of WARC-Record-ID (else a hash of the URL); url: WARC-Target-URI; fetched: WARC-Date.
The parser is our own (a few dozen lines) so that damage can be resynchronised; memory per
record is bounded by the page size limit.
"""
from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from ..model import Page
from . import register
from .decode import MAX_BYTES, check_bytes, decode_bytes
from .html import html_page, open_binary, site_of

PAGE_TYPES = {"response", "resource", "conversion"}
_CHUNK = 1 << 20


@dataclass(slots=True)
class Record:
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes | None = None  # None when not read (oversized or broken)
    error: str | None = None
    offset: int = 0  # record number in the file (0-based), for ids of broken records


def _read_headers(fh: BinaryIO) -> tuple[dict[str, str], str | None, bytes | None]:
    """Header block after the version line. Returns (headers, error, next version line if the
    block was broken and a new record started inside it)."""
    headers: dict[str, str] = {}
    while True:
        line = fh.readline(65536)
        if not line:
            return headers, "truncated: end of file inside a record header", None
        if line in (b"\r\n", b"\n"):
            return headers, None, None
        if line.startswith(b"WARC/1."):
            return headers, "broken header: record has no blank line before the next record", line
        name, sep, value = line.partition(b":")
        if not sep or not name.strip() or b" " in name.strip():
            return headers, f"broken header: bad header line {line[:60]!r}", None
        headers[name.strip().decode("latin-1").lower()] = value.strip().decode("utf-8", "replace")


def _resync(fh: BinaryIO) -> bytes | None:
    """Skip to the next line that starts a WARC record; None at end of file."""
    while True:
        line = fh.readline(65536)
        if not line or line.startswith(b"WARC/1."):
            return line or None


def _skip(fh: BinaryIO, n: int) -> int:
    done = 0
    while done < n:
        got = len(fh.read(min(_CHUNK, n - done)))
        if not got:
            break
        done += got
    return done


def iter_records(fh: BinaryIO, limit: int = MAX_BYTES) -> Iterator[Record]:
    """Records of a WARC stream, in order, never raising for damaged input."""
    n = 0
    line: bytes | None = None
    try:
        while True:
            if line is None:
                line = fh.readline(65536)
                while line in (b"\r\n", b"\n"):
                    line = fh.readline(65536)
            if not line:
                return
            rec = Record(offset=n)
            n += 1
            if not line.startswith(b"WARC/1."):
                rec.error = f"broken header: expected a WARC/1.x version line, got {line[:40]!r}"
                yield rec
                line = _resync(fh)
                continue
            rec.headers, rec.error, line = _read_headers(fh)
            if rec.error:
                yield rec
                if line is None and not rec.error.startswith("truncated"):
                    line = _resync(fh)
                if rec.error.startswith("truncated"):
                    return
                continue
            length = rec.headers.get("content-length", "")
            if not length.strip().isdigit():
                rec.error = f"broken header: Content-Length {length!r}"
                yield rec
                line = _resync(fh)
                continue
            size = int(length)
            if size > limit:
                got = _skip(fh, size)
                rec.error = f"oversized: {size} bytes > {limit}" if got == size else "truncated: file ends inside a record"
                yield rec
                if got < size:
                    return
                continue
            rec.body = fh.read(size)
            if len(rec.body) < size:
                rec.body, rec.error = None, f"truncated: record body has {len(rec.body)} of {size} bytes"
                yield rec
                return
            yield rec
            line = None
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield Record(offset=n, error=f"truncated or corrupt gzip: {type(exc).__name__}: {exc}")


def record_id(headers: dict[str, str], path: Path, offset: int) -> str:
    rid = headers.get("warc-record-id", "").strip("<>")
    if rid:
        return rid.removeprefix("urn:uuid:")
    url = headers.get("warc-target-uri")
    if url:
        return hashlib.sha1(url.encode()).hexdigest()[:16]
    return f"{path.name}#{offset}"


def split_http(payload: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """HTTP status, headers (lower-case names) and body of a response record's payload."""
    head_end = payload.find(b"\r\n\r\n", 0, 65536)
    sep = 4
    if head_end < 0:
        head_end, sep = payload.find(b"\n\n", 0, 65536), 2
    if not payload.startswith(b"HTTP/") or head_end < 0:
        return None, {}, payload
    lines = payload[:head_end].decode("latin-1").splitlines()
    parts = lines[0].split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers = {}
    for ln in lines[1:]:
        k, _, v = ln.partition(":")
        headers[k.strip().lower()] = v.strip()
    body = payload[head_end + sep:]
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    enc = headers.get("content-encoding", "").lower()
    if enc in ("gzip", "x-gzip", "deflate") and body[:2] in (b"\x1f\x8b", b"\x78\x9c", b"\x78\x01", b"\x78\xda"):
        try:
            body = zlib.decompress(body, 47)  # gzip or zlib header, auto-detected
        except zlib.error:
            pass
    return status, headers, body


def _dechunk(body: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        eol = body.find(b"\r\n", pos, pos + 20)
        if eol < 0:
            return body  # not chunked after all (crawlers often store the decoded body)
        try:
            n = int(body[pos:eol].split(b";")[0], 16)
        except ValueError:
            return body
        if n == 0:
            return bytes(out)
        out += body[eol + 2: eol + 2 + n]
        pos = eol + 2 + n + 2


def _looks_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or b"<html" in head


def record_page(rec: Record, path: Path, limit: int = MAX_BYTES) -> Page | None:
    """The Page for one record, or None for record types that carry no page."""
    h = rec.headers
    wtype = h.get("warc-type", "").lower()
    if not rec.error and wtype not in PAGE_TYPES:
        return None
    pid = record_id(h, path, rec.offset)
    url = h.get("warc-target-uri") or None
    meta = {"path": str(path), "warc_type": wtype or None, "warc_record": rec.offset}
    common = dict(id=pid, url=url, site=site_of(url), fetched=h.get("warc-date") or None, meta=meta)
    if rec.error or rec.body is None:
        return Page(**common, reject_reason=rec.error or "no record body")
    if wtype == "conversion":  # WET: the page text as the crawler extracted it
        reason = check_bytes(rec.body, limit)
        if reason:
            return Page(**common, reject_reason=reason)
        text, decision = decode_bytes(rec.body)
        meta["decode"] = decision
        return Page(**common, text=text)
    status, http, body = split_http(rec.body) if wtype == "response" else (None, {}, rec.body)
    if status is not None and not 200 <= status < 300:
        return Page(**common, reject_reason=f"http status {status}")
    ctype = http.get("content-type") or h.get("warc-identified-payload-type") or ""
    if not ("html" in ctype.lower() or (not ctype or "text/plain" in ctype.lower()) and _looks_html(body)):
        return Page(**common, reject_reason=f"not html: {ctype or 'unknown content type'}")
    return html_page(body, pid, url=url, fetched=common["fetched"], content_type=ctype, meta=meta, limit=limit)


def read_warc(path: Path, limit: int = MAX_BYTES) -> Iterator[Page]:
    with open_binary(path) as fh:
        for rec in iter_records(fh, limit):
            try:
                page = record_page(rec, path, limit)
            except Exception as exc:  # one odd record must not end the file
                page = Page(id=record_id(rec.headers, path, rec.offset), meta={"path": str(path)},
                            reject_reason=f"read error: {type(exc).__name__}: {exc}")
            if page is not None:
                yield page


register("warc", read_warc, ".warc", ".warc.gz")
register("wet", read_warc, ".wet", ".wet.gz")
