"""Stage 5, dedup decisions, split so that no process holds per-article records of the corpus:

components (driver)         the verified edges of every key partition -> connected components
                            on dense integer ids. Numbers only (8 bytes an edge, then a label
                            per clustered article and a similarity per cluster); the one
                            corpus-wide state of the build, as the graph cannot be cut;
members    (per shard)      the shard's clustered articles and their cluster, one record batch
                            per cluster partition (cluster id % partitions);
decide     (per partition)  per cluster: the original, the republication edges, and a decision
                            per member; written sorted for the driver's merge (sorted_io).

The cluster id the tables show is not the dense label but the seq of the cluster's first page
(its smallest seq; labels are ranked by it, so both sort alike): a label moves whenever a page
added by `--update` starts a cluster among older ones, the first page's seq only when the
cluster itself changes (a new page joining two clusters). So an update leaves the rows of the
untouched clusters as they were, and their row groups are copied (finalize, stitch.py).
"""
from __future__ import annotations

from itertools import groupby
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import dedup as dd
from . import schema
from .republication import attribution, choose_original
from .sorted_io import read_batch, write_batches, write_sorted
from .store import atomic_dir, from_rows, read_table
from .workdir import WorkDir

META = ["seq", "id", "site", "url", "published", "source", "n_chars", "exact_key", "credit"]
DECISIONS = pa.schema([("seq", pa.int64()), ("cluster_id", pa.int64()), ("is_canonical", pa.bool_()),
                       ("original_id", pa.string()), ("reason", pa.string())])


def components(work: Path, parts: int) -> int:
    """WorkDir.clusters: nodes.npy (clustered seqs, sorted), labels.npy (their cluster ids),
    low.npy (lowest edge similarity per cluster). Returns the number of clusters."""
    wd = WorkDir(work)
    final = wd.clusters
    if not final.exists():
        # A pair sharing buckets in several key partitions was verified in each: one edge of
        # it is kept, as a 64-bit code (a < b < 2^32), 8 bytes an edge.
        paths = [wd.pairs(p) for p in range(parts)]
        codes = []
        for path in paths:
            t = read_table(path, ["a", "b"])
            codes.append(dd.sorted_unique((t.column("a").to_numpy().astype(np.uint64) << np.uint64(32))
                                            | t.column("b").to_numpy().astype(np.uint64)))
        code = dd.sorted_unique(np.concatenate(codes)) if codes else np.zeros(0, np.uint64)
        del codes
        nodes, labels = dd.components((code >> np.uint64(32)).astype(np.int64),
                                      (code & np.uint64(0xFFFFFFFF)).astype(np.int64))
        del code
        # Lowest edge similarity per cluster, a partition at a time. The rows of one pair agree:
        # a pair found exact in one partition has equal texts, so equal signatures (1.0) in all.
        low = np.ones(int(labels.max()) + 1 if len(labels) else 0)
        for path in paths:
            t = read_table(path, ["a", "similarity"])
            np.minimum.at(low, labels[np.searchsorted(nodes, t.column("a").to_numpy())],
                          t.column("similarity").to_numpy())
        with atomic_dir(final) as tmp:
            np.save(tmp / WorkDir.NODES, nodes)
            np.save(tmp / WorkDir.LABELS, labels)
            np.save(tmp / WorkDir.LOW, low)
    return len(np.load(final / WorkDir.LOW, mmap_mode="r"))


def member_shard(shard: int, work: str, parts: int, skip: str | None = None) -> int:
    """WorkDir.members(shard): batch q = the shard's clustered articles whose cluster id
    % parts == q, with META and `cluster_id`; but those of the clusters labelled in `skip` (a
    .npy of sorted labels: clusters an update keeps, update.reuse_decisions)."""
    wd = WorkDir(work)
    final = wd.members(shard)
    if final.exists():
        return 0
    nodes = np.load(wd.clusters / WorkDir.NODES, mmap_mode="r")
    labels = np.load(wd.clusters / WorkDir.LABELS, mmap_mode="r")
    t = read_table(wd.sign(shard) / WorkDir.ARTICLES, META)
    seq = t.column("seq").to_numpy()
    hit, pos = dd.in_sorted(seq, nodes)
    if skip is not None and hit.any():
        hit[hit] = ~dd.in_sorted(labels[pos[hit]], np.load(skip))[0]
    t = t.filter(pa.array(hit)).append_column("cluster_id", pa.array(labels[pos[hit]], pa.int64()))
    q = pc.remainder(t.column("cluster_id"), parts).to_numpy() if t.num_rows else np.zeros(0, np.int64)
    write_batches(final, t.schema, [t.filter(pa.array(q == k)) for k in range(parts)])
    return t.num_rows


def decide_partition(part: int, shards: list[int], work: str, num_perm: int = dd.DEFAULT_DEDUP.num_perm,
                     reused: str | None = None) -> int:
    """WorkDir.decide(part): clusters.arrow and republications.arrow sorted by cluster id,
    decisions.arrow sorted by seq; with the rows an update kept for this partition's unchanged
    clusters (`reused`/qNN, update.reuse_decisions) added."""
    wd = WorkDir(work)
    final = wd.decide(part)
    if final.exists():
        return 0
    members = pa.concat_tables([read_batch(wd.members(s), part) for s in shards])
    members = members.sort_by([("cluster_id", "ascending"), ("seq", "ascending")])
    low = np.load(wd.clusters / WorkDir.LOW, mmap_mode="r")
    clusters, chosen = [], []
    for label, group in groupby(members.to_pylist(), key=lambda m: m["cluster_id"]):
        ms = list(group)
        cid = ms[0]["seq"]  # the public id: the first page's seq (module docstring)
        orig, how = choose_original(ms)
        clusters.append({"cluster_id": cid, "member_ids": [m["id"] for m in ms], "size": len(ms),
                         "similarity": round(float(low[label]), 4), "canonical_id": orig["id"]})
        chosen.append((cid, orig, how, [m for m in ms if m is not orig]))
    # Copy-to-original similarity for all copies of the partition at once.
    copy_seqs = np.array([m["seq"] for _, _, _, cs in chosen for m in cs], dtype=np.int64)
    orig_seqs = np.array([o["seq"] for _, o, _, cs in chosen for _ in cs], dtype=np.int64)
    sims = iter(_similarities(dd.SignatureStore(work, shards, num_perm), orig_seqs, copy_seqs))
    repubs, decisions = [], []
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
            decisions.append({"seq": m["seq"], "cluster_id": cid, "is_canonical": False, "original_id": orig["id"],
                              "reason": f"{kind} of {orig['id']}"})
        decisions.append({"seq": orig["seq"], "cluster_id": cid, "is_canonical": True, "original_id": None, "reason": None})
    out = {WorkDir.CLUSTERS: from_rows(clusters, schema.CLUSTERS),
           WorkDir.REPUBLICATIONS: from_rows(repubs, schema.REPUBLICATIONS_WORK),
           WorkDir.DECISIONS: from_rows(decisions, DECISIONS)}
    n = len(clusters)
    kept = Path(reused or "") / f"q{part:02d}"
    for name in out:
        if reused and (kept / name).exists():  # a cluster's rows keep their order: the sorts below are stable
            with pa.ipc.open_file(str(kept / name)) as f:
                t = f.read_all()
            out[name] = pa.concat_tables([out[name], t.cast(out[name].schema)])
            n += t.num_rows if name == WorkDir.CLUSTERS else 0
    with atomic_dir(final) as tmp:
        write_sorted(tmp / WorkDir.CLUSTERS, out[WorkDir.CLUSTERS], "cluster_id")
        write_sorted(tmp / WorkDir.REPUBLICATIONS, out[WorkDir.REPUBLICATIONS], "cluster_id")
        write_sorted(tmp / WorkDir.DECISIONS, out[WorkDir.DECISIONS], "seq")
    return n


def _similarities(store: dd.SignatureStore, a: np.ndarray, b: np.ndarray) -> list[float]:
    if not len(a):
        return []
    both, inv = np.unique(np.concatenate((a, b)), return_inverse=True)
    sig, _ = store.get(both)
    return [float(x) for x in (sig[inv[: len(a)]] == sig[inv[len(a):]]).mean(axis=1)]
