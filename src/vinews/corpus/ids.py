"""Page ids are the corpus keys, so they must be unique: a reduce over hash partitions finds
repeated ids (a/1.txt and b/1.txt; a WARC crawled twice) and renames the later ones 'id~2',
'id~3'... in input order. The driver never holds the set of all ids, nor all renames."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash

from .sorted_io import SortedReader, merge_to_parquet, read_batch
from .store import write_table
from .workdir import WorkDir

ID_SCHEMA = pa.schema([("id_hash", pa.uint64()), ("seq", pa.int64()), ("id", pa.string())])
RENAME_SCHEMA = pa.schema([("seq", pa.int64()), ("id", pa.string())])


def id_partitions(ids: list[str], seqs: list[int], parts: int) -> list[pa.Table]:
    h = np.array([xxhash.xxh3_64_intdigest(i.encode("utf-8", "surrogatepass")) for i in ids], dtype=np.uint64)
    p = (h % np.uint64(parts)).astype(np.int64) if len(h) else np.zeros(0, np.int64)
    s, i = np.array(seqs, dtype=np.int64), np.array(ids, dtype=object)
    return [pa.table({"id_hash": h[p == k], "seq": s[p == k], "id": pa.array(i[p == k], pa.string())}, schema=ID_SCHEMA)
            for k in range(parts)]


def rename_partition(part: int, shards: list[int], work: str) -> int:
    wd = WorkDir(work)
    final = wd.ids(part)
    if final.exists():
        return 0
    t = pa.concat_tables([read_batch(wd.extract(s) / WorkDir.IDS, part) for s in shards]
                         or [ID_SCHEMA.empty_table()])
    t = t.sort_by([("id", "ascending"), ("seq", "ascending")])
    # The rank of each row in its run of equal ids, on whole columns: Python strings are made
    # only for the renamed rows (few), not for every id of the partition.
    ids = t.column("id")
    same = np.zeros(t.num_rows, dtype=bool)
    if t.num_rows > 1:
        same[1:] = pc.equal(ids.slice(1), ids.slice(0, t.num_rows - 1)).to_numpy(zero_copy_only=False)
    pos = np.arange(t.num_rows)
    run_start = np.maximum.accumulate(np.where(same, 0, pos)) if t.num_rows else pos
    rank = pos - run_start + 1
    hit = np.flatnonzero(rank > 1)
    old = ids.take(pa.array(hit)).to_pylist()
    renames = sorted(zip(t.column("seq").to_numpy()[hit].tolist(), (f"{i}~{n}" for i, n in zip(old, rank[hit].tolist()))))
    write_table(pa.table({"seq": [r[0] for r in renames], "id": [r[1] for r in renames]}, schema=RENAME_SCHEMA), final)
    return len(renames)


def merge_renames(work: Path | str, parts: int, n_pages: int, step: int = 1 << 16) -> Path:
    """One renames file sorted by seq, merged from the partitions a slice of seqs at a time
    (a crawl can repeat many ids: the driver never holds them all)."""
    wd = WorkDir(work)
    final = wd.renames
    if final.exists():
        return final
    readers = [SortedReader(wd.ids(p), "seq") for p in range(parts)]
    return merge_to_parquet(final, readers, RENAME_SCHEMA, n_pages, step)


def renames_between(work: Path | str, lo: int, hi: int) -> dict[int, str]:
    """seq -> new id for the renamed pages with lo <= seq <= hi (Parquet row-group statistics
    skip the rest of the file)."""
    t = pq.read_table(WorkDir(work).renames, filters=[("seq", ">=", lo), ("seq", "<=", hi)])
    return dict(zip(t.column("seq").to_pylist(), t.column("id").to_pylist()))
