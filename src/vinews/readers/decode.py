"""Bytes -> text, recording how: BOM, valid UTF-8, else detection."""
from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024  # pages above this are rejected, not parsed


def check_bytes(raw: bytes, limit: int = MAX_BYTES) -> str | None:
    """The reason a raw page cannot be used, or None when it can."""
    if not raw.strip():
        return "empty"
    if len(raw) > limit:
        return f"oversized: {len(raw)} bytes > {limit}"
    if b"\x00" in raw[:65536] and not _is_utf16(raw):
        return "binary: NUL bytes"
    return None


def _is_utf16(raw: bytes) -> bool:
    return raw[:2] in (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(raw: bytes) -> tuple[str, dict]:
    """Decode page bytes; returns (text, decision) where decision says which encoding and why.

    The same decisions as for HTML (BOM, valid UTF-8, Vietnamese-aware detection of legacy
    encodings with charset-normalizer as the last resort)."""
    from ..encodings import decode_html

    return decode_html(raw)
