"""Stage 5b, per shard after dedup: entities and keywords of the articles kept.

Annotating after dedup spends nothing on duplicates (a republished story is annotated once,
as its canonical copy) nor on articles left empty by boilerplate removal. Writes
WorkDir.annotate(shard) (entities.parquet, keywords.parquet) atomically, so a killed build
resumes at the first shard not written.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .store import atomic_dir, from_rows, read_table, write_table
from .workdir import WorkDir

KEYWORDS = pa.schema([("seq", pa.int64()), ("keywords", pa.list_(pa.string()))])


def _annotator():
    try:
        import importlib

        return getattr(importlib.import_module("vinews.annotate"), "annotate_articles", None)
    except ModuleNotFoundError:
        return None


def not_kept(work: "str | Path | WorkDir", parts: int, lo: int, hi: int) -> set[int]:
    """Seqs in [lo, hi] that dedup marked as a non-canonical copy."""
    import pyarrow.ipc as ipc

    wd = WorkDir(work)
    out: set[int] = set()
    for q in range(parts):
        path = wd.decide(q) / WorkDir.DECISIONS
        if not path.exists():
            continue
        with ipc.open_file(str(path)) as f:
            t = f.read_all()
        t = t.filter(pc.and_(pc.and_(pc.greater_equal(t["seq"], lo), pc.less_equal(t["seq"], hi)),
                             pc.invert(t["is_canonical"])))
        out.update(t.column("seq").to_pylist())
    return out


def annotate_shard(shard: int, work: str, parts: int) -> dict:
    from .schema import ENTITIES

    wd = WorkDir(work)
    final = wd.annotate(shard)
    if final.exists():
        return {"shard": shard}
    t = read_table(wd.sign(shard) / WorkDir.ARTICLES, ["seq", "id", "text", "n_chars"])
    rows = t.to_pylist()
    copies = not_kept(wd, parts, rows[0]["seq"], rows[-1]["seq"]) if rows else set()
    kept = [r for r in rows if r["n_chars"] and r["seq"] not in copies]
    fn = _annotator()
    # person names are linked across articles once, over the whole corpus (finalize._write_entities)
    keywords, entities = fn(kept, across=False) if fn and kept else ([], [])
    with atomic_dir(final) as tmp:
        write_table(from_rows(entities, ENTITIES), tmp / WorkDir.ENTITIES)
        write_table(from_rows([{"seq": r["seq"], "keywords": list(k)} for r, k in zip(kept, keywords)], KEYWORDS),
                    tmp / WorkDir.KEYWORDS)
    return {"shard": shard, "annotated": len(kept)}
