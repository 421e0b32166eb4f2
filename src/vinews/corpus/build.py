"""`vinews build`: pages in, CORPUS_DIR out. The stages, in order:

1. extract   (per input shard)      pages -> page rows, article rows, per-site line counts
2. ids, learn (per hash partition)  repeated page ids renamed; site boilerplate lines
3. sign      (per shard)            boilerplate removed; exact keys, MinHash, LSH band keys
4. pairs     (per key partition)    candidate pairs from shared buckets, verified into edges
5. dedup     (driver, then tasks)   connected components (driver, numbers only); clustered
                                    articles shuffled by cluster (per shard); originals,
                                    republications, decisions (per cluster partition)
6. write     (driver)               articles, pages, clusters, ... streamed in input order
                                    + vinews.duckdb + stats.json

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
import time
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Page
from ..params import DEFAULT, ExtractParams
from . import dedup as dd
from .boilerplate import learn_partition, merge_learned
from .fingerprint import fingerprints as stage_fingerprints, prepare_work
from .params import DEFAULT_BOILERPLATE, DEFAULT_DEDUP, BoilerplateParams, DedupParams
from ..readers.shards import shards as input_shards


class NoPages(ValueError):
    """The input gave not a single page (not even a rejected one)."""

from .extract import extract_shard
from .finalize import finalize
from .annotate_stage import annotate_shard
from .clusters import components, decide_partition, member_shard
from .ids import merge_renames, rename_partition
from .store import lock_corpus, read_table, use_build_memory_pool, write_text
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


def stage_params(input_key: dict, shard_size: int, parts: int, annotate: bool, extract: ExtractParams = DEFAULT,
                 fields=None, boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE,
                 dedup: DedupParams = DEFAULT_DEDUP) -> dict[str, dict]:
    """The parameters of each stage of the work folder, as fingerprint.STAGES names them: what
    its fingerprint hashes beside its code and its inputs' fingerprints."""
    d, b = dedup.to_dict(), boilerplate.to_dict()
    extract_key = {"input": input_key, "shard_size": shard_size, "parts": parts, "extract": extract.to_dict(),
                   "extract_model": _model_digest(extract), "sample_chars": b.pop("sample_chars")}
    if fields is not None and fields.as_dict():  # other record fields read are other pages
        extract_key["fields"] = fields.as_dict()
    sign = ("ngram", "num_perm", "bands", "rows", "paragraph_min_syllables")
    return {"extract": extract_key, "learn": b, "sign": {k: d.pop(k) for k in sign}, "pairs": d,
            "annotate": {"annotate": annotate}}


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
    use_build_memory_pool()
    out = Path(out)
    work = out / "_work"
    params = DEFAULT if params is None else params
    parts = parts_for(int(fingerprint.get("bytes") or 0))
    wd = WorkDir(work)
    keys = stage_params(fingerprint, shard_size, parts, annotate, params, fields, boilerplate, dedup)
    fps = stage_fingerprints(keys, VERSION)
    prepare_work(wd, fps, keys)
    w = str(work)
    timings: dict[str, float] = {}
    started: dict[str, float] = {}  # epoch seconds: lets a monitor tell the stages apart

    # 1. extract: the driver streams pages; finished shards are read past, not redone.
    t0 = time.perf_counter()
    started["extract"] = time.time()
    n_pages = [0]

    def extract_calls() -> Iterator[tuple]:
        for i, batch in enumerate(input_shards(files or [], fmt, shard_size, pages, fields)):
            n_pages[0] += len(batch)
            if wd.extract(i).exists():
                yield (_done_shard, i, len(batch))
            else:
                yield (extract_shard, i, i * shard_size, batch, w, parts, params, boilerplate.sample_chars)

    results = executor.run(_call, ((c,) for c in extract_calls()), total=fingerprint.get("pages"),
                           label="extract", progress=lambda r: r["pages"])
    shards = [r["shard"] for r in results]
    if not shards:  # files that hold no page at all (an empty JSONL): nothing to build, and no empty tables
        shutil.rmtree(work, ignore_errors=True)
        raise NoPages("the input files hold no pages (no records, no text)")
    timings["extract"] = time.perf_counter() - t0

    # 2. unique ids and site boilerplate, one task per hash partition.
    t0 = time.perf_counter()
    started["boilerplate"] = time.time()
    site_pages, learned_path = ids_and_boilerplate(executor, wd, shards, parts, n_pages[0], boilerplate)
    timings["boilerplate"] = time.perf_counter() - t0

    # 3. sign: boilerplate out, exact keys, MinHash, LSH keys partitioned.
    t0 = time.perf_counter()
    started["sign"] = time.time()
    executor.run(_sign_if_needed, [(s, w, parts, str(learned_path), dedup) for s in shards], len(shards), "sign")
    dd.write_seq_index(w, shards)
    timings["sign"] = time.perf_counter() - t0

    # 4. candidate pairs per key partition.
    t0 = time.perf_counter()
    started["pairs"] = time.time()
    executor.run(_pairs_if_needed, [(p, shards, w, dedup) for p in range(parts)], parts, "pairs")
    timings["pairs"] = time.perf_counter() - t0

    # 5. clusters, then originals and decisions per cluster partition.
    t0 = time.perf_counter()
    started["dedup"] = time.time()
    n_clusters = cluster_and_decide(executor, work, shards, parts, dedup)
    timings["dedup"] = time.perf_counter() - t0

    # 5b. entities and keywords, on the articles dedup kept (a copy is annotated as its original).
    if annotate:
        t0 = time.perf_counter()
        started["annotate"] = time.time()
        executor.run(annotate_shard, [(s, w, parts) for s in shards], len(shards), "annotate")
        timings["annotate"] = time.perf_counter() - t0

    # 6. the tables, written by the driver alone: idle workers give their memory back first.
    executor.close()
    t0 = time.perf_counter()
    started["write"] = time.time()
    stats = finalize(out, work, shards, site_pages, parts, n_clusters)
    timings["write"] = time.perf_counter() - t0
    stats["timings_s"] = {k: round(v, 2) for k, v in timings.items()}
    stats["stage_started"] = {k: round(v, 2) for k, v in started.items()}
    stats["partitions"], stats["shards"] = parts, len(shards)
    stats["pages_in"] = n_pages[0]
    stats["fingerprints"] = fps  # what this build's work was keyed on (work/stages.json)
    write_text(out / "stats.json", json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True))
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return stats


def ids_and_boilerplate(executor, wd: WorkDir, shards: list[int], parts: int, n_pages: int,
                        boilerplate: BoilerplateParams) -> tuple[dict[str, int], Path]:
    """Stage 2 (a build's and an update's): repeated page ids renamed (per hash partition), the
    pages of each site counted over the shards, site boilerplate learned (per hash partition)
    and merged. Returns the pages per site and the merged boilerplate table's path."""
    w = str(wd.root)
    executor.run(rename_partition, [(p, shards, w) for p in range(parts)], parts, "ids")
    merge_renames(wd.root, parts, n_pages)
    site_pages: dict[str, int] = {}
    for s in shards:
        t = read_table(wd.extract(s) / WorkDir.SITES)
        for site, n in zip(t.column("site").to_pylist(), t.column("pages").to_pylist()):
            site_pages[site] = site_pages.get(site, 0) + n
    executor.run(learn_partition, [(p, shards, w, site_pages, boilerplate) for p in range(parts)], parts, "boilerplate")
    return site_pages, merge_learned(wd, parts)


def cluster_and_decide(executor, work: Path, shards: list[int], parts: int, dedup: DedupParams) -> int:
    """Stage 5 (a build's and an update's): connected components of the verified edges (driver),
    clustered articles gathered by cluster (per shard), then originals, republications and
    decisions (per cluster partition). Returns the number of clusters."""
    w = str(work)
    n_clusters = components(work, parts)
    executor.run(member_shard, [(s, w, parts) for s in shards], len(shards), "members")
    executor.run(decide_partition, [(q, shards, w, dedup.num_perm) for q in range(parts)], parts, "decide")
    return n_clusters


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


def input_fingerprint(files: list[Path]) -> dict:
    """What the work folder was made from: file names, sizes and modification times."""
    h = hashlib.sha256()
    total = 0
    for f in files:
        st = f.stat()
        total += st.st_size
        h.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return {"files": len(files), "bytes": total, "sha256": h.hexdigest()}
