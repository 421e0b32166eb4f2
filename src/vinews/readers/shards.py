"""Shards of input pages that a worker can read by itself.

The build cuts its input into shards of `size` pages. Read in the driver and sent to the workers,
every page is parsed once by the driver and pickled through a pipe: at a million pages that is
a third process competing with the workers for the CPUs. For plain JSONL files the driver only
finds where each shard starts (a scan for line ends, no JSON parsing) and the worker reads its
own byte ranges. Other formats (gzip, WARC, HTML folders, Parquet) are read in the driver as
before. Either way a shard holds the same pages in the same order: the reader's rules (blank
lines skipped, one page per other line, ids from the record number) live in read_jsonl alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Page
from .html import is_gzip
from .records import FieldMap, is_blank, read_jsonl


@dataclass(frozen=True)
class Segment:
    """`count` pages of a plain JSONL file, from byte `start` (record number `record`)."""

    path: str
    start: int
    record: int
    count: int


@dataclass(frozen=True)
class LazyShard:
    """A shard the worker reads itself: consecutive segments, possibly of several files."""

    segments: tuple[Segment, ...]
    fields: FieldMap | None = None  # the record fields, as the driver's reader was told

    def __len__(self) -> int:
        return sum(s.count for s in self.segments)

    def load(self) -> list[Page]:
        out: list[Page] = []
        for s in self.segments:
            out.extend(islice(read_jsonl(Path(s.path), start=s.start, record=s.record, fields=self.fields),
                              s.count))
        return out


def load(shard: "list[Page] | LazyShard") -> list[Page]:
    return shard.load() if isinstance(shard, LazyShard) else shard


def _plain_jsonl(path: Path, fmt: str | None) -> bool:
    name = path.name.lower()
    try:
        return fmt in (None, "jsonl") and name.endswith((".jsonl", ".ndjson")) and not is_gzip(path)
    except OSError:  # unreadable: the driver's reader gives its rejected row
        return False


def shards(files: list[Path], fmt: str | None, size: int, pages: Iterable[Page],
           fields: FieldMap | None = None, first: int | None = None) -> Iterator["list[Page] | LazyShard"]:
    """Shards of `size` pages over `files`. `pages` is the driver-side reading of the same files
    (with the same `fields`), used when they are not all plain JSONL. `first`: the size of the
    first shard (default `size`; an update fills the corpus's last, partial shard with it)."""
    want = size if first is None else first
    if not files or not all(_plain_jsonl(f, fmt) for f in files):
        it = iter(pages)
        while batch := list(islice(it, want)):
            yield batch
            want = size
        return
    segments: list[Segment] = []
    have = 0
    for path in files:
        seg_start = seg_record = None
        count = 0
        offset = 0
        with open(path, "rb") as fh:
            for n, line in enumerate(fh):
                if not is_blank(line):  # read_jsonl yields one page for every other line
                    if seg_start is None:
                        seg_start, seg_record = offset, n
                    count += 1
                    if have + count == want:
                        segments.append(Segment(str(path), seg_start, seg_record, count))
                        yield LazyShard(tuple(segments), fields)
                        segments, have, count, seg_start = [], 0, 0, None
                        want = size
                offset += len(line)
        if count:
            segments.append(Segment(str(path), seg_start, seg_record, count))
            have += count
    if segments:
        yield LazyShard(tuple(segments), fields)


def split(shard: "list[Page] | LazyShard", n: int) -> "list[list[Page] | LazyShard]":
    """The shard as up to `n` consecutive pieces of near-equal size (sizes differ by at most
    one; no empty piece): the same pages in the same order, each piece a shard a worker reads
    by itself when the whole one was. For a LazyShard the driver walks the lines of its
    segments to find where each piece starts (line ends only, no JSON parsing)."""
    n = max(1, n)
    total = len(shard)
    sizes = [size for i in range(n) if (size := total // n + (i < total % n))]
    if not isinstance(shard, LazyShard):
        out, at = [], 0
        for size in sizes:
            out.append(shard[at:at + size])
            at += size
        return out
    if len(sizes) < 2:
        return [shard]
    where: list[tuple[int, int, int]] = []  # each page's (segment, byte offset, line number)
    for k, s in enumerate(shard.segments):
        with open(s.path, "rb") as fh:
            fh.seek(s.start)
            offset, seen = s.start, 0
            for line_no, line in enumerate(fh, s.record):
                if seen == s.count:
                    break
                if not is_blank(line):
                    where.append((k, offset, line_no))
                    seen += 1
                offset += len(line)
        if seen != s.count:
            raise ValueError(f"{s.path}: fewer pages from byte {s.start} than its shard holds")
    out, at = [], 0
    for size in sizes:
        segments: list[Segment] = []
        last_k = -1  # the input segment the piece's last segment lies in
        for k, offset, line_no in where[at:at + size]:
            if k == last_k:
                prev = segments[-1]
                segments[-1] = Segment(prev.path, prev.start, prev.record, prev.count + 1)
            else:
                segments.append(Segment(shard.segments[k].path, offset, line_no, 1))
                last_k = k
        out.append(LazyShard(tuple(segments), shard.fields))
        at += size
    return out
