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
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from ..model import Page
from ..urls import host_of
from .decode import MAX_BYTES, check_bytes, decode_bytes
from .html import html_page, open_binary

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


class _Pushback:
    """A binary stream that bytes can be put back in front of: what a record whose
    Content-Length lies (too long) swallowed of the records after it is read again."""

    def __init__(self, fh: BinaryIO):
        self.fh, self.buf, self.pos = fh, b"", 0

    def unread(self, data: bytes) -> None:
        if data:
            self.buf, self.pos = bytes(data) + self.buf[self.pos:], 0

    def readline(self, limit: int = -1) -> bytes:
        if self.pos >= len(self.buf):
            return self.fh.readline(limit)
        end = len(self.buf) if limit < 0 else min(len(self.buf), self.pos + limit)
        i = self.buf.find(b"\n", self.pos, end)
        if i >= 0 or end < len(self.buf):
            stop = i + 1 if i >= 0 else end
            line, self.pos = self.buf[self.pos:stop], stop
            return line
        line, self.buf, self.pos = self.buf[self.pos:], b"", 0
        return line + self.fh.readline(-1 if limit < 0 else limit - len(line))

    def read(self, n: int) -> bytes:
        if self.pos >= len(self.buf):
            return self.fh.read(n)
        head = self.buf[self.pos:self.pos + n]
        self.pos += len(head)
        if self.pos >= len(self.buf):
            self.buf, self.pos = b"", 0
        return head + self.fh.read(n - len(head)) if len(head) < n else head


_NEXT_RECORD = re.compile(rb"WARC/1\.[01]\r?\n[A-Za-z][A-Za-z0-9-]*:")


def _next_record_at(data: bytes, start: int = 0) -> int | None:
    """Where a WARC record starts inside `data` (after a blank line, a version line then a
    header line): a record that holds one had a Content-Length running into the next."""
    i = data.find(b"\nWARC/1.", start)
    while i >= 0:
        if (data[max(i - 1, 0):i] == b"\n" or data[max(i - 2, 0):i] == b"\n\r") and _NEXT_RECORD.match(data, i + 1):
            return i + 1
        i = data.find(b"\nWARC/1.", i + 1)
    return None


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)")


def _runs_to_end(body: bytes, at: int) -> bool:
    """Whether the record that starts at `at` inside a block runs to the block's end: then the
    block's length swallowed it. A record only quoted in a payload (a page about WARC) has more
    of the payload after it."""
    end = _HEADER_END.search(body, at)
    length = _LENGTH.search(body, at, end.start()) if end else None
    if not length:
        return True
    return end.end() + int(length.group(1)) >= len(body) - 4


def _skip(fh: "_Pushback", n: int) -> tuple[int, bool, bytes]:
    """Skip n bytes (an oversized record) unless a next record starts inside them: then the
    bytes from there are put back. Returns (bytes skipped, whether a next record was found,
    the last bytes skipped)."""
    done, tail = 0, b""
    while done < n:
        chunk = fh.read(min(_CHUNK, n - done))
        if not chunk:
            break
        data = tail + chunk
        at = _next_record_at(data)
        if at is not None:
            fh.unread(data[at:])
            return done - len(tail) + at, True, b""
        done += len(chunk)
        tail = data[-256:]
    return done, False, tail


_WARC_HEADER = re.compile(rb"(?:^|\n)WARC-[A-Za-z-]+:")


def _after_body(fh: "_Pushback") -> tuple[bool, bool, bytes, bytes, bytes]:
    """After a record's block come blank lines, then the next version line or the end of the
    file. Returns (whether so, whether a blank line came first, the next non-blank line or b""
    at the end, and when that line is not a version line all bytes read (the blank lines, it
    and the few lines after it, to look at) and those lines after it)."""
    line = fh.readline(65536)
    blank = line in (b"\r\n", b"\n")
    read = [line]
    while line in (b"\r\n", b"\n"):
        line = fh.readline(65536)
        read.append(line)
    if not line or line.startswith(b"WARC/1."):
        return True, blank, line, b"", b""
    peek = b"".join(fh.readline(65536) for _ in range(4))
    read.append(peek)
    return False, blank, line, b"".join(read), peek


def iter_records(fh: BinaryIO, limit: int = MAX_BYTES) -> Iterator[Record]:
    """Records of a WARC stream, in order, never raising for damaged input."""
    n = 0
    line: bytes | None = None
    fh = _Pushback(fh)
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
            too_long = f"broken record: Content-Length {size} runs into the next record"
            if size > limit:
                got, resync, tail = _skip(fh, size)
                if resync:
                    rec.error = too_long
                    yield rec
                    line = None
                    continue
                if got < size:
                    rec.error = "truncated: file ends inside a record"
                    yield rec
                    return
                rec.error = f"oversized: {size} bytes > {limit}"
            else:
                body = fh.read(size)
                at = _next_record_at(body)
                if at is not None:
                    ok, _, nxt, seen, _ = _after_body(fh)
                    if ok and len(body) == size and not _runs_to_end(body, at):
                        # the length lands on a record boundary: the payload only quotes a WARC
                        # record (a page about the format), it swallowed nothing
                        rec.body = body
                        yield rec
                        line = nxt
                        continue
                    # the records it swallowed are read again, one row each
                    fh.unread(seen if not ok else nxt)
                    fh.unread(body[at:])
                    rec.error = too_long
                    yield rec
                    line = None
                    continue
                if len(body) < size:
                    rec.error = f"truncated: record body has {len(body)} of {size} bytes"
                    yield rec
                    return
                rec.body, tail = body, body[-64:]
            ok, blank, line, seen, peek = _after_body(fh)
            if not ok:
                data = tail[-64:] + seen
                at = _next_record_at(data)
                if at is not None and at < len(tail[-64:]):
                    # a few bytes too long, into the next record's version line: read it again
                    fh.unread(data[at:])
                    rec.body, rec.error, line = None, too_long, None
                    yield rec
                    continue
                fh.unread(peek)
                # WARC headers right after the line, with no good version line before them: that
                # line is the next record's, damaged; else the line is left of this block
                if not (blank and _WARC_HEADER.search(seen) and _next_record_at(seen) is None):
                    # too short: the block goes on right after it
                    rec.body = None
                    rec.error = f"broken record: Content-Length {size} ends inside the record"
                    yield rec
                    line = _resync(fh)
                    continue
                # else this block ended well and the next record's version line is damaged:
                # the main loop gives that record its own broken-header row
            yield rec
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
    common = dict(id=pid, url=url, site=host_of(url), fetched=h.get("warc-date") or None, meta=meta)
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
