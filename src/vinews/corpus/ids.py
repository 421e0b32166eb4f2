"""Page ids are the corpus keys, so they must be unique: a reduce over hash partitions finds
repeated ids (a/1.txt and b/1.txt; a WARC crawled twice) and renames the later ones 'id~2',
'id~3'... in input order. The driver never holds the set of all ids."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import xxhash

from .store import read_table, write_table

ID_SCHEMA = pa.schema([("id_hash", pa.uint64()), ("seq", pa.int64()), ("id", pa.string())])
RENAME_SCHEMA = pa.schema([("seq", pa.int64()), ("id", pa.string())])


def id_partitions(ids: list[str], seqs: list[int], parts: int) -> list[pa.Table]:
    h = np.array([xxhash.xxh3_64_intdigest(i.encode("utf-8", "surrogatepass")) for i in ids], dtype=np.uint64)
    p = (h % np.uint64(parts)).astype(np.int64) if len(h) else np.zeros(0, np.int64)
    s, i = np.array(seqs, dtype=np.int64), np.array(ids, dtype=object)
    return [pa.table({"id_hash": h[p == k], "seq": s[p == k], "id": pa.array(i[p == k], pa.string())}, schema=ID_SCHEMA)
            for k in range(parts)]


def rename_partition(part: int, shards: list[int], work: str) -> int:
    final = Path(work) / "ids" / f"p{part:02d}.parquet"
    if final.exists():
        return 0
    t = pa.concat_tables([read_table(Path(work) / "extract" / f"s{s:06d}" / f"ids-{part:02d}.parquet") for s in shards]
                         or [ID_SCHEMA.empty_table()])
    t = t.sort_by([("id", "ascending"), ("seq", "ascending")])
    ids, seqs = t.column("id").to_pylist(), t.column("seq").to_pylist()
    renames, n = [], 0
    for k, (i, s) in enumerate(zip(ids, seqs)):
        n = n + 1 if k and ids[k - 1] == i else 1
        if n > 1:
            renames.append((s, f"{i}~{n}"))
    renames.sort()
    write_table(pa.table({"seq": [r[0] for r in renames], "id": [r[1] for r in renames]}, schema=RENAME_SCHEMA), final)
    return len(renames)


def load_renames(work: Path | str, parts: int) -> dict[int, str]:
    """seq -> new id for the pages whose id repeated an earlier one (few)."""
    out: dict[int, str] = {}
    for p in range(parts):
        t = read_table(Path(work) / "ids" / f"p{p:02d}.parquet")
        out.update(zip(t.column("seq").to_pylist(), t.column("id").to_pylist()))
    return out
