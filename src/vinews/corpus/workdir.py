"""Every path of the build's work folder (CORPUS_DIR/_work), in one object.

    extract/sNNNNNN/   pages, articles, sites (.parquet), lines.arrow, ids.arrow  (per input shard)
    ids/pPP.parquet, renames.parquet                                             (per hash partition)
    learn/pPP.parquet, boilerplate.parquet
    sign/sNNNNNN/      articles.parquet, sig.npy, seqs.npy, counts.npy, keys.arrow, removed.parquet
    sigindex/          seqs.npy, offsets.npy
    pairs/pPP.parquet
    clusters/          nodes.npy, labels.npy, low.npy
    members/sNNNNNN.arrow
    decide/qPP/        clusters.arrow, republications.arrow, decisions.arrow      (per cluster partition)
    annotate/sNNNNNN/  entities.parquet, keywords.parquet
    stages.json        the stages' fingerprints (fingerprint.py)

A shard or partition folder is written whole (store.atomic_dir): the file names inside it are the
class constants, written under the temporary folder's name and read under `folder / NAME`.
A WorkDir is a path and pickles as one: the tasks get it (or its str) as an argument.
"""
from __future__ import annotations

from pathlib import Path

SHARD = "s{:06d}"  # an input shard's folder or file
PART = "p{:02d}"  # a hash partition's file (ids, learn, pairs)
CLUSTER_PART = "q{:02d}"  # a cluster partition's folder (decide)


class WorkDir:
    # files inside an extract shard folder
    PAGES, ARTICLES, SITES, LINES, IDS = "pages.parquet", "articles.parquet", "sites.parquet", "lines.arrow", "ids.arrow"
    # files inside a sign shard folder (ARTICLES too)
    SIG, SEQS, COUNTS, KEYS, REMOVED = "sig.npy", "seqs.npy", "counts.npy", "keys.arrow", "removed.parquet"
    # sigindex (SEQS too) and clusters
    OFFSETS, NODES, LABELS, LOW = "offsets.npy", "nodes.npy", "labels.npy", "low.npy"
    # inside a decide partition folder
    CLUSTERS, REPUBLICATIONS, DECISIONS = "clusters.arrow", "republications.arrow", "decisions.arrow"
    # inside an annotate shard folder
    ENTITIES, KEYWORDS = "entities.parquet", "keywords.parquet"

    __slots__ = ("root",)

    def __init__(self, root: "str | Path | WorkDir"):
        self.root = root.root if isinstance(root, WorkDir) else Path(root)

    def __reduce__(self):
        return (WorkDir, (str(self.root),))

    def __eq__(self, other) -> bool:
        return isinstance(other, WorkDir) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"WorkDir({str(self.root)!r})"

    def __fspath__(self) -> str:
        return str(self.root)

    # ---- per stage -------------------------------------------------------------------------
    def extract(self, shard: int) -> Path:
        return self.root / "extract" / SHARD.format(shard)

    def ids(self, part: int) -> Path:
        return self.root / "ids" / f"{PART.format(part)}.parquet"

    @property
    def renames(self) -> Path:
        return self.root / "renames.parquet"

    def learn(self, part: int) -> Path:
        return self.root / "learn" / f"{PART.format(part)}.parquet"

    @property
    def boilerplate(self) -> Path:
        return self.root / "boilerplate.parquet"

    def sign(self, shard: int) -> Path:
        return self.root / "sign" / SHARD.format(shard)

    @property
    def sigindex(self) -> Path:
        return self.root / "sigindex"

    def pairs(self, part: int) -> Path:
        return self.root / "pairs" / f"{PART.format(part)}.parquet"

    @property
    def clusters(self) -> Path:
        return self.root / "clusters"

    def members(self, shard: int) -> Path:
        return self.root / "members" / f"{SHARD.format(shard)}.arrow"

    def decide(self, part: int) -> Path:
        return self.root / "decide" / CLUSTER_PART.format(part)

    def annotate(self, shard: int) -> Path:
        return self.root / "annotate" / SHARD.format(shard)

    @property
    def stages_file(self) -> Path:
        return self.root / "stages.json"

    def outputs(self, stage: str) -> list[Path]:
        """What a stage of fingerprint.STAGES writes: removed when its fingerprint changes."""
        return {
            "extract": [self.extract(0).parent], "ids": [self.ids(0).parent, self.renames],
            "learn": [self.learn(0).parent, self.boilerplate], "sign": [self.sign(0).parent, self.sigindex],
            "pairs": [self.pairs(0).parent], "clusters": [self.clusters], "members": [self.members(0).parent],
            "decide": [self.decide(0).parent], "annotate": [self.annotate(0).parent],
        }[stage]
