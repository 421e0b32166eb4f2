"""Stage 6 in the driver: the tables, in input order, from the shards and the sorted outputs
of the dedup stages (clusters.py). Everything streams: a shard of articles and pages at a time,
a slice of each sorted work file at a time, so the driver's memory does not grow with the corpus.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from .. import schema as record
from . import schema
from .clusters import DECISIONS
from .sorted_io import SortedReader, merge_below, merge_to_parquet
from .stats import corpus_stats
from .store import PAGE_ROW_GROUP, TableWriter, from_rows, read_table, write_duckdb, write_table
from .workdir import WorkDir


def finalize(out: Path, work: Path, shards: list[int], site_pages: dict[str, int], parts: int,
             n_clusters: int) -> dict:
    wd = WorkDir(work)
    decide = [wd.decide(q) for q in range(parts)]
    merge_to_parquet(out / "clusters.parquet", [SortedReader(d / WorkDir.CLUSTERS, "cluster_id") for d in decide],
                     schema.CLUSTERS, n_clusters)
    merge_to_parquet(out / "republications.parquet",
                     [SortedReader(d / WorkDir.REPUBLICATIONS, "cluster_id") for d in decide], schema.REPUBLICATIONS,
                     n_clusters, read_schema=schema.REPUBLICATIONS_WORK,
                     transform=lambda t: record.with_timestamps(t, schema.REPUBLICATION_TIMES))
    # Pages (and entities) are written on threads beside the articles: Parquet encoding
    # releases the GIL. One thread for pages keeps their shards in order.
    with ThreadPoolExecutor(1) as page_pool, ThreadPoolExecutor(1) as side_pool:
        side = [side_pool.submit(_write_entities, out, wd, shards),
                side_pool.submit(_write_boilerplate, out, wd, shards, site_pages)]
        pages = TableWriter(out / "pages.parquet", schema.PAGES, PAGE_ROW_GROUP)
        articles = TableWriter(out / "articles.parquet", schema.ARTICLES)
        decisions = [SortedReader(d / WorkDir.DECISIONS, "seq") for d in decide]
        renames = SortedReader(wd.renames, "seq")
        pending = []
        for s in shards:
            t = read_table(wd.extract(s) / WorkDir.PAGES)
            bound = int(t.column("seq").to_numpy().max()) + 1 if t.num_rows else 0
            status_of = _write_articles(articles, wd, s, merge_below(decisions, bound, DECISIONS))
            pending.append(page_pool.submit(_write_pages, pages, t, status_of, renames.take_below(bound)))
            while len(pending) > 2:  # bound the shards waiting for the page thread
                pending.pop(0).result()
        for j in pending + side:
            j.result()
        articles.close()
        pages.close()
    write_duckdb(out, list(schema.TABLES), schema.DUCKDB_FILE)
    return corpus_stats(out)


def _write_articles(writer: TableWriter, wd: WorkDir, shard: int, decided: pa.Table) -> dict[int, tuple[str, str]]:
    """One shard of articles.parquet; returns seq -> (status, reason) for its articles not
    plainly kept."""
    d = {r["seq"]: r for r in decided.to_pylist()}
    status_of: dict[int, tuple[str, str]] = {}
    t = read_table(wd.sign(shard) / WorkDir.ARTICLES)
    seqs = t.column("seq").to_pylist()
    kw_path = wd.annotate(shard) / WorkDir.KEYWORDS
    if kw_path.exists():  # keywords of the kept articles, from the annotate stage
        k = read_table(kw_path)
        kw = dict(zip(k.column("seq").to_pylist(), k.column("keywords").to_pylist()))
        col = t.schema.get_field_index("keywords")
        t = t.set_column(col, t.schema.field(col), pa.array([kw.get(q, []) for q in seqs], t.schema.field(col).type))
    empty = [n == 0 for n in t.column("n_chars").to_pylist()]
    stripped = t.column("boilerplate_lines").to_pylist()
    cid, canon, orig = [], [], []
    for seq, e, b in zip(seqs, empty, stripped):
        x = d.get(seq)
        if e:
            status_of[seq] = ("rejected", "no article text left after removing site boilerplate" if b
                              else "article without lead or body text")
        elif x and not x["is_canonical"]:
            status_of[seq] = ("duplicate", x["reason"])
        cid.append(x["cluster_id"] if x else None)
        canon.append(bool(x["is_canonical"]) if x else not e)
        orig.append(x["original_id"] if x else None)
    keep = pa.array([not e for e in empty], pa.bool_())
    t = record.with_timestamps(t)  # publish times: ISO text in the work files, timestamps in the table
    t = t.append_column("cluster_id", pa.array(cid, pa.int64())).append_column(
        "is_canonical", pa.array(canon, pa.bool_())).append_column("original_id", pa.array(orig, pa.string()))
    writer.write(t.filter(keep))
    return status_of


def _write_pages(writer: TableWriter, t: pa.Table, status_of: dict[int, tuple[str, str]],
                 renamed: pa.Table | None) -> None:
    """One shard of pages.parquet: status and reason for every page, renamed ids."""
    if renamed is not None and renamed.num_rows:
        new = dict(zip(renamed.column("seq").to_pylist(), renamed.column("id").to_pylist()))
        ids = [new.get(q, i) for q, i in zip(t.column("seq").to_pylist(), t.column("id").to_pylist())]
        t = t.set_column(t.schema.get_field_index("id"), "id", pa.array(ids, pa.string()))
    kinds, reasons = t.column("kind").to_pylist(), t.column("reason").to_pylist()
    status, reason = [], []
    for seq, k, r in zip(t.column("seq").to_pylist(), kinds, reasons):
        if k == "article":
            st, why = status_of.get(seq, ("kept", None))
        else:
            st, why = k, r or f"extractor: {k}"
        status.append(st)
        reason.append(why)
    t = t.set_column(t.schema.get_field_index("reason"), "reason", pa.array(reason, pa.string()))
    writer.write(t.append_column("status", pa.array(status, pa.string())))


def _write_entities(out: Path, wd: WorkDir, shards: list[int]) -> None:
    paths = [p for p in (wd.annotate(s) / WorkDir.ENTITIES for s in shards)
             if p.exists()]  # none when the build ran with --no-annotate
    # One key per entity across the corpus ("Trump" in one shard, "Donald Trump" in another):
    # the distinct person keys first (a small set), then the rows with one-word keys resolved.
    from ..annotate.link import relink

    distinct: set[tuple[str, str]] = set()
    for p in paths:
        t = read_table(p, ["type", "key"])
        distinct.update(zip(t.column("type").to_pylist(), t.column("key").to_pylist()))
    full = relink(sorted(distinct))
    ents = TableWriter(out / "entities.parquet", schema.ENTITIES)
    for p in paths:
        t = read_table(p)
        if full:
            keys = [full.get(k, k) if ty == "PER" else k
                    for ty, k in zip(t.column("type").to_pylist(), t.column("key").to_pylist())]
            t = t.set_column(t.schema.get_field_index("key"), "key", pa.array(keys, pa.string()))
        ents.write(t)
    ents.close()


def _write_boilerplate(out: Path, wd: WorkDir, shards: list[int], site_pages: dict[str, int]) -> None:
    learned = read_table(wd.boilerplate)
    removed: dict[tuple[str, int], list[int]] = {}
    for s in shards:
        t = read_table(wd.sign(s) / WorkDir.REMOVED)
        for site, h, n, c in zip(*(t.column(x).to_pylist() for x in ("site", "line_hash", "removed", "removed_chars"))):
            r = removed.setdefault((site, h), [0, 0])
            r[0] += n
            r[1] += c
    rows = []
    for site, h, n, tp, line in zip(*(learned.column(x).to_pylist() for x in ("site", "line_hash", "pages", "text_pages", "line"))):
        total = site_pages.get(site, 0)
        r = removed.get((site, h), [0, 0])
        rows.append({"site": site, "line": line, "line_hash": h, "count": n, "pages": total,
                     "share": round(n / total, 4) if total else 0.0, "text_pages": tp, "removed": r[0], "removed_chars": r[1]})
    rows.sort(key=lambda r: (r["site"], -r["count"], r["line_hash"]))
    write_table(from_rows(rows, schema.SITE_BOILERPLATE), out / "site_boilerplate.parquet")
