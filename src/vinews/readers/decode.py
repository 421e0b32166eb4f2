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
    """Decode page bytes; returns (text, decision) where decision says which encoding and why."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), {"encoding": "utf-8", "how": "bom"}
    if _is_utf16(raw):
        return raw.decode("utf-16", "replace"), {"encoding": "utf-16", "how": "bom"}
    try:
        return raw.decode("utf-8"), {"encoding": "utf-8", "how": "valid"}
    except UnicodeDecodeError:
        pass
    # Vietnamese-aware detection: legacy encodings (cp1258, VNI, TCVN3, VISCII) are scored on how
    # Vietnamese the decoded text looks; charset-normalizer decides when none of them fits.
    from ..encodings import detect

    text, encoding = detect(raw)
    return text, {"encoding": encoding, "how": "detected"}
