"""Readers turn input files into `Page`s. `iter_pages` picks one by file type.

Each reader is a generator over one path (constant memory); a page it cannot use comes out
as a `Page` with `reject_reason` set, never as an exception that stops the run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import Page
from .text import read_text_file

Reader = Callable[[Path], Iterator[Page]]

# format name -> reader. Other modules register more (html, warc, wet, jsonl, parquet).
READERS: dict[str, Reader] = {"text": read_text_file}
# file suffix (lower case, longest first wins) -> format name
SUFFIXES: dict[str, str] = {".txt": "text"}


def register(fmt: str, reader: Reader, *suffixes: str) -> None:
    READERS[fmt] = reader
    for s in suffixes:
        SUFFIXES[s] = fmt


def detect_format(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def expand(paths: Iterable[Path | str], fmt: str | None = None) -> list[Path]:
    """Files named directly, plus the files in folders that a reader knows (sorted, stable)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*")) if f.is_file() and (fmt or detect_format(f)))
        else:
            out.append(p)
    return out


def iter_pages(paths: Iterable[Path | str], fmt: str | None = None) -> Iterator[Page]:
    for path in expand(paths, fmt):
        yield from read_path(path, fmt)


def read_path(path: Path, fmt: str | None = None) -> Iterator[Page]:
    name = fmt or detect_format(path)
    if not path.exists():
        yield Page(id=path.stem, reject_reason=f"not found: {path}", meta={"path": str(path)})
        return
    if name is None or name not in READERS:
        yield Page(id=path.stem, reject_reason=f"unknown input format: {path.name}", meta={"path": str(path)})
        return
    try:
        yield from READERS[name](path)
    except Exception as exc:  # a broken file must not stop the run: record it
        yield Page(id=path.stem, reject_reason=f"read error: {type(exc).__name__}: {exc}", meta={"path": str(path)})


# The other readers register themselves on import (kept at the bottom: they import `register`).
from . import html, records, warc  # noqa: E402,F401
