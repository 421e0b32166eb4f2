"""`vinews export`: the articles of a corpus as one JSONL, gzipped JSONL or Parquet file, with
optional filters (canonical copies only, sites, a publish-date range). Streams record batches:
memory does not grow with the corpus.

The Parquet output has one flat schema (the columns of EXPORT_COLUMNS), which is what
`datasets.load_dataset("parquet", data_files="articles.parquet")` and pandas read as one table.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .. import schema as record
from ..urls import site_filter
from . import schema

# articles.parquet less the build's internal columns (vinews.schema's EXPORT record)
EXPORT_COLUMNS = record.names(record.EXPORT)
BATCH_ROWS = 2048


def export_filter(canonical: bool = False, sites: list[str] | None = None, date_from: str | None = None,
                  date_to: str | None = None, published_is_text: bool = False):
    """A pyarrow filter expression (None: every article). Dates are YYYY-MM-DD, inclusive, on
    the day the article was published in Vietnam time (the corpus timestamp's zone); an
    article without a publish time is left out by a date filter. `published_is_text`: a corpus
    built when `published` was ISO text (its first 10 characters are the day)."""
    conds = []
    if canonical:
        conds.append(ds.field("is_canonical") == True)  # noqa: E712
    if sites:
        conds.append(pc.utf8_lower(ds.field("site")).isin([site_filter(s) for s in sites]))
    day = (pc.utf8_slice_codeunits(ds.field("published"), 0, 10) if published_is_text
           else pc.strftime(ds.field("published"), format="%Y-%m-%d"))
    if date_from:
        conds.append(day >= date_from)
    if date_to:
        conds.append(day <= date_to)
    out = None
    for c in conds:
        out = c if out is None else out & c
    return out


def export_articles(corpus: Path | str, out: Path | str | None, fmt: str = "jsonl", canonical: bool = False,
                    sites: list[str] | None = None, date_from: str | None = None, date_to: str | None = None,
                    batch_rows: int = BATCH_ROWS) -> int:
    """Write the selected articles to `out` (None: JSONL on standard output) in `fmt` (jsonl,
    jsonl.gz, parquet); returns the number written. The file appears under its name only when
    complete."""
    src = schema.table_path(corpus, "articles")
    dataset = ds.dataset(src, format="parquet")
    cols = [c for c in EXPORT_COLUMNS if c in dataset.schema.names]
    as_text = "published" in dataset.schema.names and pa.types.is_string(dataset.schema.field("published").type)
    scanner = dataset.scanner(columns=cols, filter=export_filter(canonical, sites, date_from, date_to, as_text),
                              batch_size=batch_rows)
    if out is None:
        return _write_jsonl(scanner, sys.stdout.buffer)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    try:
        if fmt == "parquet":
            n = 0
            with pq.ParquetWriter(tmp, scanner.projected_schema, compression="zstd") as w:
                for batch in scanner.to_batches():
                    if batch.num_rows:
                        w.write_table(pa.Table.from_batches([batch]))
                        n += batch.num_rows
        elif fmt == "jsonl.gz":
            with gzip.GzipFile(tmp, "wb", mtime=0) as fh:
                n = _write_jsonl(scanner, fh)
        else:
            with open(tmp, "wb") as fh:
                n = _write_jsonl(scanner, fh)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_jsonl(scanner, fh: io.RawIOBase) -> int:
    """JSON lines; the publish time as ISO 8601 text (+07:00)."""
    n = 0
    for batch in scanner.to_batches():
        for row in record.with_iso_times(pa.Table.from_batches([batch])).to_pylist():
            fh.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8", "replace"))
            n += 1
    fh.flush()
    return n
