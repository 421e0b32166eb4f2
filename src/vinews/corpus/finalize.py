"""Stages 5-6 in the driver: verify candidates, cluster, pick originals, write the tables.

Only clustered articles are held in memory (their ids and a few fields); articles and pages
stream shard by shard into their Parquet files, in input order.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import dedup as dd
from . import schema
from .ids import load_renames
from .republication import attribution, choose_original
from .stats import corpus_stats
from .store import TableWriter, from_rows, read_table, write_duckdb, write_table

_META = ["seq", "id", "site", "published", "source", "n_chars", "exact_key", "credit"]


def _cluster_members(work: Path, shards: list[int], seqs: np.ndarray) -> dict[int, dict]:
    out: dict[int, dict] = {}
    want = pa.array(seqs)
    for s in shards:
        t = read_table(work / "sign" / f"s{s:06d}" / "articles.parquet", _META)
        t = t.filter(pc.is_in(t.column("seq"), want))
        for r in t.to_pylist():
            out[r["seq"]] = r
    return out


def dedup_decisions(work: Path, shards: list[int]) -> tuple[dict[int, dict], list[dict], list[dict]]:
    """seq -> {cluster_id, is_canonical, original_seq, reason} for clustered articles, plus the
    clusters and republications rows."""
    pairs = pa.concat_tables([read_table(work / "pairs" / f"p{p:02d}.parquet") for p in range(dd_parts(work))])
    # A pair shares buckets in several partitions: one row each.
    pairs = dd.unique_pairs(*(pairs.column(c).to_numpy() for c in ("a", "b", "exact")))
    store = dd.SignatureStore(str(work), shards)
    edges = dd.verify(pairs, store)
    nodes, labels = dd.components(edges)
    members = _cluster_members(work, shards, nodes)
    # Lowest edge similarity per cluster.
    pos = np.searchsorted(nodes, edges.column("a").to_numpy())
    edge_label = labels[pos] if len(pos) else np.zeros(0, np.int64)
    low = np.ones(labels.max() + 1 if len(labels) else 0)
    np.minimum.at(low, edge_label, edges.column("similarity").to_numpy())
    decisions: dict[int, dict] = {}
    clusters, repubs = [], []
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order], prepend=-1)) if len(order) else np.zeros(0, np.int64)
    groups = np.split(nodes[order], bounds[1:]) if len(order) else []
    chosen = []
    for cid, group in enumerate(groups):
        ms = [members[int(s)] for s in group]
        orig, how = choose_original(ms)
        clusters.append({"cluster_id": cid, "member_ids": [m["id"] for m in ms], "size": len(ms),
                         "similarity": round(float(low[cid]), 4), "canonical_id": orig["id"]})
        chosen.append((cid, orig, how, [m for m in ms if m is not orig]))
    # Copy-to-original similarity for all copies at once (one pass over the signature files).
    copy_seqs = np.array([m["seq"] for _, _, _, cs in chosen for m in cs], dtype=np.int64)
    orig_seqs = np.array([o["seq"] for _, o, _, cs in chosen for _ in cs], dtype=np.int64)
    sims = iter(_similarities(store, orig_seqs, copy_seqs))
    for cid, orig, how, copies in chosen:
        for m in copies:
            sim = next(sims)
            exact = m["exact_key"] == orig["exact_key"]
            credit = attribution(m)
            evidence = ("exact; " if exact else "") + how + (f" ({credit})" if how == "attribution" and credit else "")
            repubs.append({"copy_id": m["id"], "original_id": orig["id"], "cluster_id": cid, "evidence": evidence,
                           "similarity": 1.0 if exact else round(sim, 4), "copy_published": m["published"],
                           "original_published": orig["published"], "attribution": credit})
            kind = "exact duplicate" if exact else f"near duplicate (similarity {sim:.2f})"
            decisions[m["seq"]] = {"cluster_id": cid, "is_canonical": False, "original_id": orig["id"],
                                   "reason": f"{kind} of {orig['id']}"}
        decisions[orig["seq"]] = {"cluster_id": cid, "is_canonical": True, "original_id": None, "reason": None}
    return decisions, clusters, repubs


def dd_parts(work: Path) -> int:
    return len(list((work / "pairs").glob("p*.parquet")))


def _similarities(store: dd.SignatureStore, a: np.ndarray, b: np.ndarray) -> list[float]:
    if not len(a):
        return []
    both, inv = np.unique(np.concatenate((a, b)), return_inverse=True)
    sig, _ = store.get(both)
    return [float(x) for x in (sig[inv[: len(a)]] == sig[inv[len(a):]]).mean(axis=1)]


def finalize(out: Path, work: Path, shards: list[int], site_pages: dict[str, int],
             log: Callable[[str], None] = lambda s: None) -> dict:
    decisions, clusters, repubs = dedup_decisions(work, shards)
    write_table(from_rows(clusters, schema.CLUSTERS), out / "clusters.parquet")
    write_table(from_rows(repubs, schema.REPUBLICATIONS), out / "republications.parquet")
    status_of = _write_articles(out, work, shards, decisions)
    # Pages and entities stream in parallel threads (Parquet encoding releases the GIL).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(_write_pages, out, work, shards, status_of), pool.submit(_write_entities, out, work, shards)]
        _write_boilerplate(out, work, shards, site_pages)
        for j in jobs:
            j.result()
    write_duckdb(out, list(schema.TABLES), schema.DUCKDB_FILE)
    return corpus_stats(out)


def _write_articles(out: Path, work: Path, shards: list[int], decisions: dict[int, dict]) -> dict[int, tuple[str, str | None]]:
    """articles.parquet; returns seq -> (status, reason) for articles not plainly kept."""
    status_of: dict[int, tuple[str, str | None]] = {}
    writer = TableWriter(out / "articles.parquet", schema.ARTICLES)
    for s in shards:
        t = read_table(work / "sign" / f"s{s:06d}" / "articles.parquet")
        seqs = t.column("seq").to_pylist()
        empty = [n == 0 for n in t.column("n_chars").to_pylist()]
        stripped = t.column("boilerplate_lines").to_pylist()
        cid, canon, orig = [], [], []
        for seq, e, b in zip(seqs, empty, stripped):
            d = decisions.get(seq)
            if e:
                status_of[seq] = ("rejected", "no article text left after removing site boilerplate" if b
                                  else "article without lead or body text")
            elif d and not d["is_canonical"]:
                status_of[seq] = ("duplicate", d["reason"])
            cid.append(d["cluster_id"] if d else None)
            canon.append(bool(d["is_canonical"]) if d else not e)
            orig.append(d["original_id"] if d else None)
        keep = pa.array([not e for e in empty], pa.bool_())
        t = t.append_column("cluster_id", pa.array(cid, pa.int64())).append_column(
            "is_canonical", pa.array(canon, pa.bool_())).append_column("original_id", pa.array(orig, pa.string()))
        writer.write(t.filter(keep))
    writer.close()
    return status_of


def _write_pages(out: Path, work: Path, shards: list[int], status_of: dict[int, tuple[str, str | None]]) -> None:
    writer = TableWriter(out / "pages.parquet", schema.PAGES)
    renames = load_renames(work, dd_parts(work))
    for s in shards:
        t = read_table(work / "extract" / f"s{s:06d}" / "pages.parquet")
        if renames:
            ids = [renames.get(q, i) for q, i in zip(t.column("seq").to_pylist(), t.column("id").to_pylist())]
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
    writer.close()


def _write_entities(out: Path, work: Path, shards: list[int]) -> None:
    ents = TableWriter(out / "entities.parquet", schema.ENTITIES)
    for s in shards:
        ents.write(read_table(work / "sign" / f"s{s:06d}" / "entities.parquet"))
    ents.close()


def _write_boilerplate(out: Path, work: Path, shards: list[int], site_pages: dict[str, int]) -> None:
    learned = read_table(work / "boilerplate.parquet")
    removed: dict[tuple[str, int], list[int]] = {}
    for s in shards:
        t = read_table(work / "sign" / f"s{s:06d}" / "removed.parquet")
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
