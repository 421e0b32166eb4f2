"""Writers at the output edge: Articles -> JSONL, gzipped JSONL or Parquet (the benchmark's
prediction format, plus fields). `open_writer` picks one from the output name (`.jsonl`,
`.jsonl.gz`, `.parquet`; any other name is JSONL) or a forced format; "-" is standard output.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import IO

from . import schema
from .model import Article

FIELDS = schema.names(schema.EXTRACTED)  # the record's fields, declared in vinews.schema
_JSON = tuple(f.name for f in schema.fields_of(schema.EXTRACTED) if f.type == schema.JSON)


def article_record(a: Article, audit: bool = False) -> dict:
    rec = schema.values(a, schema.EXTRACTED)
    if audit:
        rec["roles"] = a.roles
    return rec


class JsonlWriter:
    """Writes to a temporary file beside `path` (`.NAME.tmpPID`), renamed to `path` only when
    the `with` block ends without an error: a failed or killed run never leaves a partial file
    under the final name, and an input given as the output is not truncated before it is read."""

    compress = False

    def __init__(self, path: Path | str | None, audit: bool = False, stdout: IO[str] | None = None):
        """`path` None writes nothing (unless `stdout` is given: then lines go there)."""
        self.path = Path(path) if path else None
        self.audit = audit
        self._fh: IO[str] | None = None
        self._tmp: Path | None = None
        self._stdout = stdout

    def __enter__(self) -> "JsonlWriter":
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
            # errors="replace": the last guard for a string no reader cleaned (a lone surrogate)
            if self.compress:  # mtime=0: the same articles give the same bytes
                raw = gzip.GzipFile(self._tmp, "wb", mtime=0)
                self._fh = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            else:
                self._fh = open(self._tmp, "w", encoding="utf-8", errors="replace")
        return self

    def write(self, a: Article) -> None:
        line = json.dumps(article_record(a, self.audit), ensure_ascii=False) + "\n"
        if self._fh:
            self._fh.write(line)
        elif self._stdout is not None:  # UTF-8 whatever the locale says
            buf = getattr(self._stdout, "buffer", None)
            if buf is not None:
                buf.write(line.encode("utf-8", "replace"))
            else:
                self._stdout.write(line.encode("utf-8", "replace").decode("utf-8"))

    def __exit__(self, exc_type, *exc) -> None:
        if not self._fh:
            if self._stdout is not None:
                getattr(self._stdout, "buffer", self._stdout).flush()
            return
        try:
            self._fh.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            if self._tmp.exists():
                self._tmp.unlink()


class GzipJsonlWriter(JsonlWriter):
    """JSONL, gzip-compressed (`.jsonl.gz`)."""

    compress = True


PARQUET_BATCH_ROWS = 1000  # articles buffered per Parquet row group


def parquet_schema(audit: bool = False):
    import pyarrow as pa

    out = schema.arrow_schema(schema.EXTRACTED)
    return out.append(pa.field("roles", pa.string())) if audit else out


class ParquetWriter:
    """Articles as a Parquet file (`.parquet`): the columns of FIELDS (vinews.schema; `body`,
    `captions` lists of strings, `decode` JSON text, `published` ISO text) and, with audit,
    `roles` as JSON text. Same temp-then-rename rule as
    JsonlWriter; rows are buffered `batch_rows` at a time."""

    def __init__(self, path: Path | str, audit: bool = False, batch_rows: int = PARQUET_BATCH_ROWS):
        self.path = Path(path)
        self.audit = audit
        self.batch_rows = batch_rows
        self.schema = parquet_schema(audit)
        self._rows: list[dict] = []
        self._writer = None
        self._tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")

    def __enter__(self) -> "ParquetWriter":
        import pyarrow.parquet as pq

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(self._tmp, self.schema, compression="zstd")
        return self

    def write(self, a: Article) -> None:
        rec = article_record(a, self.audit)
        for k in _JSON + ("roles",):
            if k in rec:
                rec[k] = json.dumps(rec[k], ensure_ascii=False)
        self._rows.append(rec)
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def __exit__(self, exc_type, *exc) -> None:
        try:
            if exc_type is None:
                self._flush()
            self._writer.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            if self._tmp.exists():
                self._tmp.unlink()


OUTPUT_FORMATS = ("jsonl", "jsonl.gz", "parquet")


def output_format(path: Path | str | None, forced: str | None = None) -> str:
    """jsonl / jsonl.gz / parquet: `forced` if given, else from the name (other names: jsonl)."""
    if forced:
        if forced not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {forced!r}; known: {', '.join(OUTPUT_FORMATS)}")
        return forced
    name = str(path or "").lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
        return "jsonl.gz"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return "jsonl"


def open_writer(path: Path | str | None, fmt: str | None = None, audit: bool = False):
    """The writer for an output: None or "-" is JSONL on standard output."""
    kind = output_format(path, fmt)
    if path is None or str(path) == "-":
        if kind != "jsonl":
            raise ValueError(f"{kind} cannot go to standard output: give a file name with -o")
        return JsonlWriter(None, audit=audit, stdout=sys.stdout)
    if kind == "parquet":
        return ParquetWriter(path, audit=audit)
    return (GzipJsonlWriter if kind == "jsonl.gz" else JsonlWriter)(path, audit=audit)
