"""The stages of a corpus build, each declared once as a small class (datatrove's pipeline
steps are the model):

    name      what stages.json, stats.json, the progress bar and WorkDir.outputs call it
    unit      its unit of work: "shard" (one task per input shard), "partition" (per hash
              partition), "cluster partition" (per partition of the cluster ids) or "driver"
              (the build's own process: numbers and metadata only)
    inputs    the stages whose outputs it reads; its fingerprint hashes theirs
    outputs   WorkDir.outputs(name): what it writes under CORPUS_DIR/_work (removed when its
              fingerprint changes); the write stage writes the corpus itself
    code      the vinews modules whose source, with what they import, its fingerprint hashes
    params    a frozen dataclass it is configured with; key() is the part its fingerprint
              hashes (the parameters that shape what it writes)
    phase     the line of stats.json's timings_s it is timed under

`pipeline(config)` is the build: the tuple of stage objects for one build's parameters, and
`run_pipeline` hands each, in order, the executor and the build's `State` (what the stages tell
each other in the driver: shard numbers, page counts, the learned table's path). Each task
skips a shard or partition whose output folder exists (written whole by store.atomic_dir), so a
killed build resumes where it stopped. `WORK_STAGES` (the stage classes with work outputs, in
dependency order) is what fingerprint.py keys the work folder on.

Boilerplate stripping, signing and annotation are separate steps: `learn` decides the lines,
`sign` strips them (dedup.strip_rows) and signs the stripped text (minhash, dedup.lsh_keys) in
one task per shard, since a stage of its own would write and read every article's text once
more; `annotate` runs after dedup on the kept articles only.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Iterator

from ..params import DEFAULT, ExtractParams
from . import dedup as dd
from .annotate_stage import annotate_shard
from .boilerplate import learn_partition, merge_learned
from .clusters import components, decide_partition, member_shard
from .extract import extract_shard
from .finalize import finalize
from .ids import merge_renames, rename_partition
from .params import DEFAULT_BOILERPLATE, DEFAULT_DEDUP, BoilerplateParams, DedupParams
from .store import read_table
from .workdir import WorkDir


class NoPages(ValueError):
    """The input gave not a single page (not even a rejected one)."""


# ---- what the stages are configured with ---------------------------------------------------

@dataclass(frozen=True)
class ExtractConfig:
    """The extract stage's parameters: which pages (the input's fingerprint and the record
    fields read), how they are cut (shard size, hash partitions) and extracted."""
    input: dict  # build.input_fingerprint of the files read
    shard_size: int  # pages per shard (--shard-size)
    parts: int  # hash partitions of the shuffles (build.parts_for)
    extract: ExtractParams = DEFAULT
    fields: Any = None  # readers.records.FieldMap, or None for the default fields
    sample_chars: int = DEFAULT_BOILERPLATE.sample_chars
    model_digest: str | None = None  # sha256 of the fitted weights the extractor reads

    def key(self) -> dict:
        k = {"input": self.input, "shard_size": self.shard_size, "parts": self.parts,
             "extract": self.extract.to_dict(), "extract_model": self.model_digest, "sample_chars": self.sample_chars}
        if self.fields is not None and self.fields.as_dict():  # other record fields read are other pages
            k["fields"] = self.fields.as_dict()
        return k


@dataclass(frozen=True)
class AnnotateConfig:
    annotate: bool = True  # --no-annotate: the stage runs no task (its tables are written empty)

    def key(self) -> dict:
        return {"annotate": self.annotate}


@dataclass(frozen=True)
class NoParams:
    """A stage with nothing to configure (its output depends on its inputs and code alone)."""

    def key(self) -> dict:
        return {}


SIGN_FIELDS = ("ngram", "num_perm", "bands", "rows", "paragraph_min_syllables")  # DedupParams the sign stage reads


# ---- what the stages hand on, in the driver -----------------------------------------------

@dataclass
class State:
    executor: Any
    wd: WorkDir
    parts: int
    pages: Any = None  # the pages (an iterable of Page) the extract stage reads ...
    files: list[Path] = field(default_factory=list)  # ... or, for plain JSONL, the files workers read
    fmt: str | None = None
    shards: list[int] = field(default_factory=list)
    n_pages: int = 0
    site_pages: dict[str, int] = field(default_factory=dict)
    learned: Path | None = None
    known_lines: Path | None = None  # an update's: the corpus's learned lines, whose texts learn takes first
    n_clusters: int = 0
    total_pages: int | None = None  # for the extract progress bar
    out: Path | None = None
    stats: dict = field(default_factory=dict)


# ---- the stages ------------------------------------------------------------------------------

class Stage:
    name: ClassVar[str]
    unit: ClassVar[str]
    inputs: ClassVar[tuple[str, ...]] = ()
    code: ClassVar[tuple[str, ...]] = ()
    data: ClassVar[tuple[str, ...]] = ()  # package data folders its fingerprint hashes
    phase: ClassVar[str]
    work: ClassVar[bool] = True  # writes under the work folder (False: the corpus tables)

    def __init__(self, params=None):
        self.params = NoParams() if params is None else params

    def key(self) -> dict:
        return self.params.key()

    def enabled(self) -> bool:
        return True

    def outputs(self, wd: WorkDir) -> list[Path]:
        return wd.outputs(self.name)

    def run(self, st: State) -> None:  # pragma: no cover - every stage defines it
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params!r})"


def _call(c: tuple):
    return c[0](*c[1:])


def _done_shard(shard: int, n: int) -> dict:
    return {"shard": shard, "pages": n, "articles": None}


def _sign_if_needed(shard: int, work: str, parts: int, learned: str, dedup: DedupParams) -> dict:
    if WorkDir(work).sign(shard).exists():
        return {"shard": shard}
    return dd.sign_shard(shard, work, parts, learned, dedup)


def _pairs_if_needed(part: int, shards: list[int], work: str, dedup: DedupParams) -> int:
    if WorkDir(work).pairs(part).exists():
        return 0
    return dd.pair_partition(part, shards, work, dedup)


class Extract(Stage):
    """Pages -> page rows, article rows, per-site line counts and page ids (hash-partitioned).
    The driver streams the pages (or, for plain JSONL, names the byte ranges workers read)."""
    name, unit, phase = "extract", "shard", "extract"
    code, data = ("vinews.corpus.extract", "vinews.readers"), ("data",)

    def run(self, st: State) -> None:
        from ..readers.shards import shards as input_shards

        p: ExtractConfig = self.params
        w = str(st.wd.root)

        def calls() -> Iterator[tuple]:
            for i, batch in enumerate(input_shards(st.files or [], st.fmt, p.shard_size, st.pages, p.fields)):
                st.n_pages += len(batch)
                if st.wd.extract(i).exists():
                    yield (_done_shard, i, len(batch))
                else:
                    yield (extract_shard, i, i * p.shard_size, batch, w, st.parts, p.extract, p.sample_chars)

        results = st.executor.run(_call, ((c,) for c in calls()), total=st.total_pages, label="extract",
                                  progress=lambda r: r["pages"])
        st.shards = [r["shard"] for r in results]
        if not st.shards:  # files that hold no page at all (an empty JSONL): nothing to build
            raise NoPages("the input files hold no pages (no records, no text)")


class Ids(Stage):
    """Repeated page ids renamed id~2, id~3... in input order (per hash partition), merged."""
    name, unit, phase, inputs, code = "ids", "partition", "boilerplate", ("extract",), ("vinews.corpus.ids",)

    def run(self, st: State) -> None:
        w = str(st.wd.root)
        st.executor.run(rename_partition, [(p, st.shards, w) for p in range(st.parts)], st.parts, "ids")
        merge_renames(st.wd.root, st.parts, st.n_pages)


class Learn(Stage):
    """Site boilerplate lines learned from the per-site line counts (per hash partition), merged."""
    name, unit, phase, inputs, code = "learn", "partition", "boilerplate", ("extract",), ("vinews.corpus.boilerplate",)

    def key(self) -> dict:
        b = self.params.to_dict()
        b.pop("sample_chars")  # read by the extract stage (its key has it)
        return b

    def run(self, st: State) -> None:
        site_pages: dict[str, int] = {}
        for s in st.shards:
            t = read_table(st.wd.extract(s) / WorkDir.SITES)
            for site, n in zip(t.column("site").to_pylist(), t.column("pages").to_pylist()):
                site_pages[site] = site_pages.get(site, 0) + n
        st.site_pages = site_pages
        known = None if st.known_lines is None else str(st.known_lines)
        st.executor.run(learn_partition, [(p, st.shards, str(st.wd.root), site_pages, self.params, known)
                                          for p in range(st.parts)], st.parts, "boilerplate")
        st.learned = merge_learned(st.wd, st.parts)


class Sign(Stage):
    """Learned boilerplate stripped from each article; exact keys, MinHash signature, LSH band
    keys (hash-partitioned); then the driver indexes where each seq's signature is."""
    name, unit, phase, inputs, code = "sign", "shard", "sign", ("ids", "learn"), ("vinews.corpus.dedup",)

    def key(self) -> dict:
        d = self.params.to_dict()
        return {k: d[k] for k in SIGN_FIELDS}

    def run(self, st: State) -> None:
        w = str(st.wd.root)
        st.executor.run(_sign_if_needed, [(s, w, st.parts, str(st.learned), self.params) for s in st.shards],
                        len(st.shards), "sign")
        dd.write_seq_index(w, st.shards)


class Pairs(Stage):
    """Candidate pairs from shared LSH buckets, verified into edges (per key partition)."""
    name, unit, phase, inputs, code = "pairs", "partition", "pairs", ("sign",), ("vinews.corpus.dedup",)

    def key(self) -> dict:
        d = self.params.to_dict()
        return {k: v for k, v in d.items() if k not in SIGN_FIELDS}

    def run(self, st: State) -> None:
        st.executor.run(_pairs_if_needed, [(p, st.shards, str(st.wd.root), self.params) for p in range(st.parts)],
                        st.parts, "pairs")


class Clusters(Stage):
    """Connected components of the verified edges (numbers only)."""
    name, unit, phase, inputs, code = "clusters", "driver", "dedup", ("pairs",), ("vinews.corpus.clusters",)

    def run(self, st: State) -> None:
        st.n_clusters = components(st.wd.root, st.parts)


class Members(Stage):
    """Each shard's clustered articles sent to their cluster's partition."""
    name, unit, phase, inputs, code = "members", "shard", "dedup", ("clusters", "sign"), ("vinews.corpus.clusters",)

    def run(self, st: State) -> None:
        st.executor.run(member_shard, [(s, str(st.wd.root), st.parts) for s in st.shards], len(st.shards), "members")


class Decide(Stage):
    """Originals, republication edges and each article's decision, per cluster partition."""
    name, unit, phase, inputs, code = "decide", "cluster partition", "dedup", ("members",), ("vinews.corpus.clusters",)

    def key(self) -> dict:
        return {}  # reads num_perm, which the sign stage's key holds (and this stage hashes sign's)

    def run(self, st: State) -> None:
        st.executor.run(decide_partition, [(q, st.shards, str(st.wd.root), self.params.num_perm)
                                           for q in range(st.parts)], st.parts, "decide")


class Annotate(Stage):
    """Entities and keywords of the articles dedup kept (a copy is annotated as its original)."""
    name, unit, phase = "annotate", "shard", "annotate"
    inputs, code = ("decide", "sign"), ("vinews.corpus.annotate_stage",)

    def enabled(self) -> bool:
        return self.params.annotate

    def run(self, st: State) -> None:
        st.executor.run(annotate_shard, [(s, str(st.wd.root), st.parts) for s in st.shards], len(st.shards),
                            "annotate")


class Write(Stage):
    """The corpus tables, streamed in input order, vinews.duckdb; by the driver alone, after
    the idle workers have given their memory back."""
    name, unit, phase, work = "write", "driver", "write", False
    inputs = ("extract", "learn", "sign", "decide", "annotate")

    def outputs(self, wd: WorkDir) -> list[Path]:
        return []  # the corpus folder's tables (schema.py), not the work folder

    def run(self, st: State) -> None:
        st.executor.close()
        st.stats = finalize(st.out, st.wd.root, st.shards, st.site_pages, st.parts, st.n_pages)


WORK_STAGES: tuple[type[Stage], ...] = (Extract, Ids, Learn, Sign, Pairs, Clusters, Members, Decide, Annotate)


def pipeline(extract: ExtractConfig, boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE,
             dedup: DedupParams = DEFAULT_DEDUP, annotate: AnnotateConfig = AnnotateConfig()) -> tuple[Stage, ...]:
    """The build's stages, in the order they run, configured."""
    return (Extract(extract), Ids(), Learn(boilerplate), Sign(dedup), Pairs(dedup), Clusters(), Members(),
            Decide(dedup), Annotate(annotate), Write())


def keys(stages: tuple[Stage, ...]) -> dict[str, dict]:
    """stage name -> the parameters its fingerprint hashes (work stages only)."""
    return {s.name: s.key() for s in stages if s.work}


def run_pipeline(stages: tuple[Stage, ...], st: State) -> tuple[dict, dict]:
    """Run the enabled stages in order. Returns (seconds per phase,
    epoch seconds each phase started: lets a monitor tell them apart)."""
    timings: dict[str, float] = {}
    started: dict[str, float] = {}
    for s in stages:
        if not s.enabled():
            continue
        started.setdefault(s.phase, time.time())
        t0 = time.perf_counter()
        s.run(st)
        timings[s.phase] = timings.get(s.phase, 0.0) + time.perf_counter() - t0
    return timings, started
