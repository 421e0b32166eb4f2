"""update.reuse_decisions: which of the build's clusters an update keeps, on clusters written by hand."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from vinews.corpus import schema
from vinews.corpus.clusters import DECISIONS
from vinews.corpus.sorted_io import write_sorted
from vinews.corpus.store import from_rows
from vinews.corpus.update import reuse_decisions
from vinews.corpus.workdir import WorkDir

PARTS = 2


def clusters_folder(folder, groups: list[list[int]], low: list[float]) -> None:
    """groups: each cluster's seqs; labels ranked by first seq, as clusters.components does."""
    folder.mkdir(parents=True)
    groups = sorted(groups)
    nodes = np.array(sorted(q for g in groups for q in g), np.int64)
    label = {q: i for i, g in enumerate(groups) for q in g}
    np.save(folder / WorkDir.NODES, nodes)
    np.save(folder / WorkDir.LABELS, np.array([label[q] for q in nodes.tolist()], np.int64))
    np.save(folder / WorkDir.LOW, np.array(low))


def decide_folders(root, groups: list[list[int]]) -> None:
    """Decide outputs of the build for `groups` (labels as in clusters_folder), partition = label % PARTS."""
    for q in range(PARTS):
        rows = [(i, sorted(g)) for i, g in enumerate(sorted(groups)) if i % PARTS == q]
        d = root / f"q{q:02d}"
        d.mkdir(parents=True)
        write_sorted(d / WorkDir.CLUSTERS, from_rows([
            {"cluster_id": g[0], "member_ids": [f"p{x}" for x in g], "size": len(g), "similarity": 0.9,
             "canonical_id": f"p{g[0]}"} for _, g in rows], schema.CLUSTERS), "cluster_id")
        write_sorted(d / WorkDir.REPUBLICATIONS, from_rows([
            {"copy_id": f"p{x}", "original_id": f"p{g[0]}", "cluster_id": g[0], "evidence": "no attribution",
             "similarity": 0.9} for _, g in rows for x in g[1:]], schema.REPUBLICATIONS_WORK), "cluster_id")
        write_sorted(d / WorkDir.DECISIONS, from_rows([
            {"seq": x, "cluster_id": g[0], "is_canonical": x == g[0], "original_id": None if x == g[0] else f"p{g[0]}",
             "reason": None} for _, g in rows for x in g], DECISIONS), "seq")


@pytest.fixture
def case(tmp_path):
    old = [[1, 5], [2, 6, 9], [3, 7], [4, 8], [10, 11], [12, 13]]
    new = [[1, 5],          # the same: kept
           [2, 6, 9],       # the same seqs, but 9 changed (re-signed): decided again
           [3, 7, 20],      # a new page joined: decided again
           [4, 14],         # same first seq and size, another member: decided again
           [10, 11],        # same members, another lowest similarity (its edges changed): decided again
           [12, 13],        # the same: kept
           [21, 22],        # new
           [0, 30]]         # an old page (seen once before) and a new one: first, so every label moves by one
    old_low = [0.9, 0.9, 0.9, 0.9, 0.9, 0.8]
    new_low = [0.95, 0.9, 0.9, 0.9, 0.9, 0.7, 0.8, 0.95]  # by first seq: [0, 30] first
    work = tmp_path / "work"
    clusters_folder(work / "clusters", new, new_low)
    clusters_folder(tmp_path / "old_clusters", old, old_low)
    decide_folders(tmp_path / "old_decide", old)
    (tmp_path / "changed").mkdir()
    np.save(tmp_path / "changed" / "seqs.npy", np.array([9, 20, 21, 22, 30], np.int64))
    n = reuse_decisions(str(work), tmp_path / "old_clusters", tmp_path / "old_decide", tmp_path / "changed", PARTS,
                        tmp_path / "reuse")
    return tmp_path / "reuse", n, sorted(new)


def test_only_clusters_whose_members_records_and_edges_stand_are_kept(case):
    reuse, n, new = case
    labels = np.load(reuse / "labels.npy").tolist()
    assert [new[i] for i in labels] == [[1, 5], [12, 13]]
    assert n == 2


def test_kept_rows_go_to_the_partition_of_their_new_label(case):
    reuse, _, new = case
    got = {}
    for q in range(PARTS):
        path = reuse / f"q{q:02d}" / WorkDir.DECISIONS
        if path.exists():
            with pa.ipc.open_file(str(path)) as f:
                got[q] = sorted(f.read_all().column("seq").to_pylist())
    # [1, 5] is label 1 now (partition 1), [12, 13] label 6 (partition 0); in the build they were labels 0 and 5
    assert got == {1: [1, 5], 0: [12, 13]}
    with pa.ipc.open_file(str(reuse / "q00" / WorkDir.REPUBLICATIONS)) as f:
        assert f.read_all().column("copy_id").to_pylist() == ["p13"]
