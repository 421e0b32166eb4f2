"""`vinews build`: pages in, CORPUS_DIR out. The stages (stages.py declares each: unit of
work, inputs, outputs, params), in order:

1. extract   (per input shard)      pages -> page rows, article rows, per-site line counts
2. ids, learn (per hash partition)  repeated page ids renamed; site boilerplate lines
3. sign      (per shard)            boilerplate removed; exact keys, MinHash, LSH band keys
4. pairs     (per key partition)    candidate pairs from shared buckets, verified into edges
5. dedup     (driver, then tasks)   connected components (driver, numbers only); clustered
                                    articles shuffled by cluster (per shard); originals,
                                    republications, decisions (per cluster partition)
5b. annotate (per shard)            entities and keywords of the kept articles
6. write     (driver)               articles, pages, clusters, ... streamed in input order
                                    + vinews.duckdb + stats.json

`build_corpus` configures them (stages.pipeline), keys the work folder on their fingerprints
and runs them in order through the executor (local pool or Ray: the same tasks).

Every stage writes files under CORPUS_DIR/_work and a finished shard or partition is skipped
on a rerun, so a build killed at any point resumes and gives byte-identical tables. A stage's
work is reused only under the same fingerprint (fingerprint.py: its params, code, versions and
upstream stages); a stage whose fingerprint changed is redone with everything downstream.
"""
from __future__ import annotations

import functools
import hashlib
import json
import shutil
from pathlib import Path
from typing import Iterable

from ..model import Page
from ..params import DEFAULT, ExtractParams
from .fingerprint import fingerprints as stage_fingerprints, prepare_work
from .params import DEFAULT_BOILERPLATE, DEFAULT_DEDUP, BoilerplateParams, DedupParams
from .stages import (AnnotateConfig, Clusters, Decide, ExtractConfig, Ids, Learn, Members, NoPages, State,
                     keys as stage_keys, pipeline, run_pipeline)
from .stages import _call, _done_shard, _pairs_if_needed, _sign_if_needed  # noqa: F401  (update.py's tasks)
from .store import lock_corpus, prepare_build_process, write_text
from .workdir import WorkDir

VERSION = 4  # of the work folder layout (4: per-stage fingerprints in stages.json): part of every fingerprint
SHARD_SIZE = 2000  # pages per extract shard
MIN_PARTS, MAX_PARTS = 8, 512
PART_BYTES = 64 << 20  # input bytes per hash partition: keeps each reduce task's memory flat


def parts_for(input_bytes: int) -> int:
    """Hash partitions of the shuffles (line counts, ids, LSH keys), a power of two growing
    with the input so a reduce task holds about the same number of rows at any corpus size
    (fixed 8 partitions made the reduce tasks grow to ~1 GB at a million pages). 64 MB of
    input a partition puts 100k pages (370 MB, the 8-partition floor) and 1M pages (3.7 GB)
    at 46 and 58 MB a partition; 32 MB cost 40% more time in the pairs and dedup stages for
    every task opens a file of every shard. The tables do not depend on it: every output is
    sorted."""
    n = MIN_PARTS
    while n < MAX_PARTS and n * PART_BYTES < input_bytes:
        n *= 2
    return n


def stages_for(input_key: dict, shard_size: int, parts: int, annotate: bool, extract: ExtractParams = DEFAULT,
               fields=None, boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE,
               dedup: DedupParams = DEFAULT_DEDUP) -> tuple:
    """The build's configured stages (stages.pipeline) for these parameters."""
    cfg = ExtractConfig(input=input_key, shard_size=shard_size, parts=parts, extract=extract, fields=fields,
                        sample_chars=boilerplate.sample_chars, model_digest=_model_digest(extract))
    return pipeline(cfg, boilerplate, dedup, AnnotateConfig(annotate))


def stage_params(input_key: dict, shard_size: int, parts: int, annotate: bool, extract: ExtractParams = DEFAULT,
                 fields=None, boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE,
                 dedup: DedupParams = DEFAULT_DEDUP) -> dict[str, dict]:
    """The parameters of each work stage (stages.WORK_STAGES): what its fingerprint hashes
    beside its code and its inputs' fingerprints."""
    return stage_keys(stages_for(input_key, shard_size, parts, annotate, extract, fields, boilerplate, dedup))


def _model_digest(extract: ExtractParams) -> str | None:
    """The fitted weights the extractor reads (a refit or an upgrade changes them under the same
    model_file name): shards extracted with other weights are not reused."""
    if not (extract.use_fitted_title or extract.use_fitted_caption or extract.use_fitted_kind):
        return None
    from ..fitted import model_bytes

    return hashlib.sha256(model_bytes(extract.model_file)).hexdigest()


def _one_build_per_folder(fn):
    """Run `fn(pages, out, ...)` holding the lock of `out` (store.lock_corpus): a second build
    into the same folder fails at once with CorpusLocked; the lock goes when fn returns or raises."""
    @functools.wraps(fn)
    def locked(pages, out, *args, **kwargs):
        lock = lock_corpus(Path(out))
        try:
            return fn(pages, out, *args, **kwargs)
        finally:
            lock.close()
    return locked


@_one_build_per_folder
def build_corpus(pages: Iterable[Page], out: Path | str, fingerprint: dict, executor,
                 annotate: bool = True, shard_size: int = SHARD_SIZE, keep_work: bool = False,
                 files: list[Path] | None = None, fmt: str | None = None,
                 params: ExtractParams | None = None, fields=None,
                 boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE, dedup: DedupParams = DEFAULT_DEDUP) -> dict:
    """Run every stage; returns the stats dict (also written to stats.json). When `files` (what
    `pages` was read from) are plain JSONL, workers read their own shards (readers/shards.py).
    `params`: the extractor's parameters (None: defaults), passed to every extract task.
    `fields`: the readers.records.FieldMap `pages` was read with (workers reading their own
    JSONL shards use it too). `boilerplate`, `dedup`: the later stages' parameters. A rerun into
    the same folder reuses the work of every stage whose fingerprint (fingerprint.py: params,
    code, versions, upstream stages) is unchanged and redoes the rest."""
    prepare_build_process()
    out = Path(out)
    work = out / "_work"
    params = DEFAULT if params is None else params
    parts = parts_for(int(fingerprint.get("bytes") or 0))
    wd = WorkDir(work)
    stages = stages_for(fingerprint, shard_size, parts, annotate, params, fields, boilerplate, dedup)
    keys = stage_keys(stages)
    fps = stage_fingerprints(keys, VERSION)
    prepare_work(wd, fps, keys)
    st = State(executor, wd, parts, pages=pages, files=files or [], fmt=fmt, total_pages=fingerprint.get("pages"),
               out=out)
    try:
        timings, started = run_pipeline(stages, st)
    except NoPages:  # nothing to build, and no empty tables
        shutil.rmtree(work, ignore_errors=True)
        raise
    stats = st.stats
    stats["timings_s"] = {k: round(v, 2) for k, v in timings.items()}
    stats["stage_started"] = {k: round(v, 2) for k, v in started.items()}
    stats["partitions"], stats["shards"] = parts, len(st.shards)
    stats["pages_in"] = st.n_pages
    stats["fingerprints"] = fps  # what this build's work was keyed on (work/stages.json)
    write_text(out / "stats.json", json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True))
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return stats


def ids_and_boilerplate(executor, wd: WorkDir, shards: list[int], parts: int, n_pages: int,
                        boilerplate: BoilerplateParams, known_lines: Path | None = None) -> tuple[dict[str, int], Path]:
    """The ids and learn stages (a build's and an update's): repeated page ids renamed, the
    pages of each site counted over the shards, site boilerplate learned and merged. Returns
    the pages per site and the merged boilerplate table's path. `known_lines`: an update's
    corpus's learned table (learn_partition)."""
    st = State(executor, wd, parts, shards=shards, n_pages=n_pages, known_lines=known_lines)
    run_pipeline((Ids(), Learn(boilerplate)), st)
    return st.site_pages, st.learned


def cluster_and_decide(executor, work: Path, shards: list[int], parts: int, dedup: DedupParams) -> int:
    """The clusters, members and decide stages (a build's and an update's): connected
    components of the verified edges, clustered articles gathered by cluster, then originals,
    republications and decisions. Returns the number of clusters."""
    st = State(executor, WorkDir(work), parts, shards=shards)
    run_pipeline((Clusters(), Members(), Decide(dedup)), st)
    return st.n_clusters


def input_fingerprint(files: list[Path]) -> dict:
    """What the work folder was made from: file names, sizes and modification times."""
    h = hashlib.sha256()
    total = 0
    for f in files:
        st = f.stat()
        total += st.st_size
        h.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return {"files": len(files), "bytes": total, "sha256": h.hexdigest()}
