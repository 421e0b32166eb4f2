"""Plain page text files (`.txt`): one page per file, id = file name without extension."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import Page
from .decode import MAX_BYTES, check_bytes, decode_bytes


def read_text_file(path: Path, limit: int = MAX_BYTES) -> Iterator[Page]:
    pid = path.stem
    size = path.stat().st_size
    if size > limit:  # do not even read it into memory
        yield Page(id=pid, reject_reason=f"oversized: {size} bytes > {limit}", meta={"path": str(path)})
        return
    raw = path.read_bytes()
    reason = check_bytes(raw, limit)
    if reason:
        yield Page(id=pid, reject_reason=reason, meta={"path": str(path)})
        return
    text, decision = decode_bytes(raw)
    yield Page(id=pid, text=text, meta={"path": str(path), "decode": decision})
