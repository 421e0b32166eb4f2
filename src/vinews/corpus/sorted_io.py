"""Work files sorted by an integer key, read back in key order a slice at a time.

The shuffle outputs of the dedup stages (decisions per cluster partition, member lists per
shard) are Arrow IPC files of record batches. Reading them through `SortedReader` and
`merge_below` holds one batch per file, never a whole table, so the driver that writes the
final tables in input order keeps flat memory at any corpus size.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

BATCH = 1024  # rows per record batch of a sorted work file: the driver holds one per file


def write_batches(path: Path | str, schema: pa.Schema, batches: list[pa.Table], compression: str | None = None) -> Path:
    """An IPC file with one record batch per table given (empty ones too, so batch i of the
    file is table i: partition q of a shuffle output is `read_batch(path, q)`). One file per
    shard, not one per partition: a thousand shards times 128 partitions of small Parquet
    files cost more in opening and closing than in data."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    opts = pa.ipc.IpcWriteOptions(compression=compression)
    with pa.OSFile(str(tmp), "wb") as f, pa.ipc.new_file(f, schema, options=opts) as w:
        for t in batches:
            t = t.cast(schema).combine_chunks()
            w.write_batch(t.to_batches()[0] if t.num_rows else pa.RecordBatch.from_pylist([], schema=schema))
    os.replace(tmp, path)
    return path


def write_sorted(path: Path | str, table: pa.Table, key: str) -> Path:
    """`table` sorted by `key` (stable), as batches of BATCH rows."""
    table = table.sort_by([(key, "ascending")]) if table.num_rows else table
    return write_batches(path, table.schema, [table.slice(i, BATCH) for i in range(0, table.num_rows, BATCH)])


def read_batch(path: Path | str, i: int) -> pa.Table:
    with pa.memory_map(str(path)) as f:
        return pa.Table.from_batches([pa.ipc.open_file(f).get_batch(i)])


class SortedReader:
    """Rows of a file sorted by `key`, taken in order: `take_below(bound)` returns the rows
    with key < bound not taken yet. Reads Arrow IPC (work files) or Parquet a batch at a time."""

    def __init__(self, path: Path | str, key: str):
        self.key = key
        self._batches = self._open(Path(path))
        self._buf: pa.Table | None = None
        self._done = False

    def _open(self, path: Path) -> Iterator[pa.RecordBatch]:
        if path.suffix == ".parquet":
            yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH)
            return
        with pa.OSFile(str(path)) as f:
            r = pa.ipc.open_file(f)
            for i in range(r.num_record_batches):
                yield r.get_batch(i)

    def take_below(self, bound: int) -> pa.Table | None:
        parts = []
        while True:
            if self._buf is None or self._buf.num_rows == 0:
                b = None if self._done else next(self._batches, None)
                if b is None:
                    self._done = True
                    break
                self._buf = pa.Table.from_batches([b])
            keys = self._buf.column(self.key).to_numpy()
            n = int(np.searchsorted(keys, bound, side="left"))
            parts.append(self._buf.slice(0, n))
            self._buf = self._buf.slice(n)
            if self._buf.num_rows:  # the rest of this batch is at or past the bound
                break
        parts = [p for p in parts if p.num_rows]
        return pa.concat_tables(parts) if parts else None


def merge_below(readers: list[SortedReader], bound: int, schema: pa.Schema) -> pa.Table:
    """Rows with key < bound from all readers, sorted by key (stable: ties keep file order)."""
    parts = [t for t in (r.take_below(bound) for r in readers) if t is not None]
    if not parts:
        return schema.empty_table()
    t = pa.concat_tables([p.select(schema.names).cast(schema) for p in parts])
    return t.take(pc.sort_indices(t, [(readers[0].key, "ascending")])) if len(parts) > 1 else t


def merge_to_parquet(path: Path | str, readers: list[SortedReader], schema: pa.Schema, n_keys: int,
                     step: int = BATCH, read_schema: pa.Schema | None = None, transform=None) -> Path:
    """All rows of `readers` (keys below n_keys) into one Parquet file in key order, `step`
    keys at a time. `read_schema`: the readers' schema when it is not the file's, and
    `transform` (table -> table) what turns one into the other."""
    from .store import TableWriter

    w = TableWriter(path, schema)
    for bound in range(step, n_keys + step, step):
        t = merge_below(readers, bound, read_schema or schema)
        w.write(transform(t) if transform else t)
    return w.close()
