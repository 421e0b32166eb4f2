"""Readers turn input files into `Page`s. `iter_pages` picks one by file type.

Each reader is a generator over one path (constant memory); a page it cannot use comes out
as a `Page` with `reject_reason` set, never as an exception that stops the run.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import Page
from .decode import clean_str
from .html import SUFFIXES as HTML_SUFFIXES, read_html_file
from .records import RECORD_FORMATS, read_json, read_jsonl, read_parquet
from .text import read_text_file
from .warc import read_warc

Reader = Callable[[Path], Iterator[Page]]

# format name -> reader (RECORD_FORMATS also take a records.FieldMap)
READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "json": read_json,
    "warc": read_warc,
    "wet": read_warc,  # the same reader: a WET file is a WARC file of conversion records
}
# file suffix (lower case, longest first wins) -> format name
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    **dict.fromkeys(HTML_SUFFIXES, "html"),  # the HTML reader strips the same suffixes off the page id
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl", ".ndjson.gz": "jsonl",
    ".parquet": "parquet",
    ".json": "json", ".json.gz": "json",
    ".warc": "warc", ".warc.gz": "warc",
    ".wet": "wet", ".wet.gz": "wet",
}


UNKNOWN_TYPE = "unknown file type"


def known_suffixes() -> str:
    """'.html, .json, ...': the file names a folder's files are read by."""
    return ", ".join(sorted(SUFFIXES))


def detect_format(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def expand(paths: Iterable[Path | str], fmt: str | None = None,
           skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files named directly, plus the files in folders that a reader knows (sorted, stable).

    What a folder holds but cannot be read (a file of no known type, a subfolder without
    permission, a symlink to nothing) is added to `skipped` as (path, reason) when a list is given, for the caller to
    warn about and count; a file named directly is always listed (its reader says what is wrong)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found: list[Path] = []

            def unreadable(e: OSError) -> None:
                if skipped is not None:
                    skipped.append((Path(e.filename or p), f"unreadable folder: {e.strerror or e}"))

            for root, _dirs, names in os.walk(p, onerror=unreadable):
                for name in names:
                    f = Path(root) / name
                    if not (fmt or detect_format(f)):
                        if skipped is not None:  # said, not silently passed over
                            skipped.append((f, UNKNOWN_TYPE))
                        continue
                    if f.is_file():
                        found.append(f)
                    elif skipped is not None and f.is_symlink() and not f.exists():
                        skipped.append((f, "dangling symlink"))
            out.extend(sorted(found))
        else:
            out.append(p)
    if skipped is not None:
        skipped.sort()
    return out


def iter_pages(paths: Iterable[Path | str], fmt: str | None = None, fields=None) -> Iterator[Page]:
    """Pages of every file (folders expanded). `fields`: a records.FieldMap naming the record
    fields of JSONL/JSON/Parquet input (None: the defaults)."""
    for path in expand(paths, fmt):
        yield from read_path(path, fmt, fields)


def read_path(path: Path, fmt: str | None = None, fields=None) -> Iterator[Page]:
    for page in _read_path(path, fmt, fields):
        # ids and reasons made from file names hold whatever bytes the file system allows
        # (undecodable ones as lone surrogates): never written as UTF-8 as they are
        page.id = clean_str(page.id)
        if page.reject_reason:
            page.reject_reason = clean_str(page.reject_reason)
        yield page


def _read_path(path: Path, fmt: str | None = None, fields=None) -> Iterator[Page]:
    name = fmt or detect_format(path)
    if not path.exists():
        yield Page(id=path.stem, reject_reason=f"not found: {path}", meta={"path": str(path)})
        return
    if name is None or name not in READERS:
        yield Page(id=path.stem, reject_reason=f"unknown input format: {path.name}", meta={"path": str(path)})
        return
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:  # listed but not readable (permissions, a folder given with --format)
        yield Page(id=path.stem, reject_reason=f"unreadable: {exc.strerror or exc}", meta={"path": str(path)})
        return
    try:
        if fields is not None and name in RECORD_FORMATS:
            yield from READERS[name](path, fields=fields)
        else:
            yield from READERS[name](path)
    except Exception as exc:  # a broken file must not stop the run: record it
        yield Page(id=path.stem, reject_reason=f"read error: {type(exc).__name__}: {exc}", meta={"path": str(path)})
