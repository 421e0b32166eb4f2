"""Bytes -> text, recording how: BOM, valid UTF-8, else detection."""
from __future__ import annotations

import re

MAX_BYTES = 20 * 1024 * 1024  # pages above this are rejected, not parsed


def check_bytes(raw: bytes, limit: int = MAX_BYTES) -> str | None:
    """The reason a raw page cannot be used, or None when it can."""
    if not raw.strip():
        return "empty"
    if len(raw) > limit:
        return f"oversized: {len(raw)} bytes > {limit}"
    if not _is_wide(raw):
        sample = raw[:65536]
        # A ratio, not any NUL: one stray NUL (or a few control bytes) in a text page is damage
        # to keep reading past; images, archives and PDFs are full of them.
        ctrl = len(sample) - len(sample.translate(None, _CONTROL))
        if ctrl * 100 > len(sample) * BINARY_PERCENT:
            return "binary: NUL bytes" if b"\x00" in sample else "binary: control bytes"
    return None


# C0 control bytes that text does not hold: not tab, newlines, form feed, ESC, nor the six that
# VISCII uses for capital letters (0x02 0x05 0x06 0x14 0x19 0x1E).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27, 0x02, 0x05, 0x06, 0x14, 0x19, 0x1E))
BINARY_PERCENT = 2  # over this share of control bytes in the first 64 KB: binary


def _is_wide(raw: bytes) -> bool:
    """UTF-16 or UTF-32 by its byte-order mark: NUL bytes are part of the text."""
    return raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4] == b"\x00\x00\xfe\xff"


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_str(s: str) -> str:
    """`s` with lone surrogates (valid in JSON, `"\\ud800"`, never encodable as UTF-8) replaced by
    U+FFFD; the same string back when it has none."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def decode_bytes(raw: bytes) -> tuple[str, dict]:
    """Decode page bytes; returns (text, decision) where decision says which encoding and why.

    The same decisions as for HTML (BOM, valid UTF-8, Vietnamese-aware detection of legacy
    encodings with charset-normalizer as the last resort)."""
    from ..encodings import decode_html

    return decode_html(raw)
