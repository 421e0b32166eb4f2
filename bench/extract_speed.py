#!/usr/bin/env python3
"""Extraction speed: pages per CPU-second (and per wall second) in one process, plain text path.

usage: python bench/extract_speed.py [--shape stream|bench-pages] [--pages N] [--runs 5] [--no-cache]
                                     [--seed 1] [--sites 60] [--bench DIR] [--corpora DIR]

--shape stream (the default): N distinct pages (default 5,000) from bench/stream.py, a
deterministic crawl across --sites synthetic sites: real article text from ../shared/corpora in
page furniture drawn per site and per page (menus, datelines, bylines, teaser lists, comments,
footers), ~170 lines a page, 5% non-articles, 5% re-crawls, 5% edited copies. The pages are
generated before the clock starts; every run extracts the same N pages. Without ../shared the
stream falls back to the bundled samples' text (it says so).

--shape bench-pages: the old figure, cycling through the 96 page texts of ../shared/bench/pages
(all splits: speed does not use gold) until N pages (default 10,000) were extracted; falls back
to samples/pages when the benchmark is absent. Repeating 96 pages makes the per-line memo hit
~99%, so this figure flatters the extractor; it stays for comparison with older numbers.

The garbage collector runs at the thresholds builds and `vinews extract` use (vinews.process;
--python-gc: Python's defaults, ~9% slower). Each run starts with the memos cleared
(memo.clear_all); the report is the median of --runs runs, CPU time first (steadier on a
shared machine). --no-cache turns the per-line memos off
(src/vinews/memo.py): every line normalised and described afresh. With the memos on, the memo
hit rate is measured afterwards, in one more untimed pass with the memos cleared first, by
counting the lookups each memo answers (memo.py keeps no counters; the count wraps each memo's
`get` from outside, so the timed runs pay nothing for it).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from vinews.model import Page  # noqa: E402
from vinews import memo, native  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402


def bench_pages(bench: Path, n: int) -> tuple[list[Page], str]:
    folder = bench / "pages"
    if not folder.is_dir():
        folder = HERE.parent / "samples" / "pages"
        print(f"benchmark absent; timing the bundled samples in {folder}", file=sys.stderr)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    pages = [Page(id=texts[k % len(texts)][0], text=texts[k % len(texts)][1]) for k in range(n)]
    return pages, f"{len(texts)} distinct pages cycled"


def stream_pages(n: int, seed: int, sites: int, corpora: Path | None) -> tuple[list[Page], str]:
    import stream

    t0 = time.process_time()
    s = stream.Stream(seed=seed, sites=sites, corpora=corpora)
    pages = list(s.pages(n))
    dc = time.process_time() - t0
    print(f"stream: {n} pages generated in {dc:.1f} s CPU ({s.origin})", file=sys.stderr)
    return pages, f"{len({p.text for p in pages})} distinct texts, stream seed {seed}, {sites} sites"


def hit_rate(pages: list[Page]) -> str:
    """Memo hits / lookups over one untimed pass, per memo and in all, or why not."""
    memos = [m for m in getattr(memo, "_ALL", []) if callable(getattr(m, "get", None))]
    if not memos:
        return "memo hit rate: not measurable (no memos found in vinews.memo._ALL)"
    counts = {id(m): [0, 0] for m in memos}

    def counting(m, c):
        get = type(m).get

        def counted(key, default=None):
            v = get(m, key, default)
            c[0] += 1
            c[1] += v is not None
            return v
        return counted

    memo.clear_all()
    for m in memos:
        m.get = counting(m, counts[id(m)])  # instance attribute: shadows dict.get for m only
    try:
        for p in pages:
            extract_page(p)
    finally:
        for m in memos:
            m.__dict__.pop("get", None)
    parts, tot = [], [0, 0]
    for m in memos:
        n, h = counts[id(m)]
        if n:
            parts.append(f"{getattr(m, 'name', '?')} {100 * h / n:.0f}% of {n}")
            tot[0] += n
            tot[1] += h
    if not tot[0]:
        return "memo hit rate: no lookups seen (the memos are not read through .get any more)"
    return f"memo hit rate {100 * tot[1] / tot[0]:.1f}% of {tot[0]} lookups ({'; '.join(parts)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", choices=("stream", "bench-pages"), default="stream")
    ap.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    ap.add_argument("--corpora", type=Path, default=None, help="article corpora for the stream (default ../shared/corpora)")
    ap.add_argument("--pages", type=int, default=None, help="pages per run (default 5000 stream, 10000 bench-pages)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=60)
    ap.add_argument("--no-cache", action="store_true", help="turn off the per-line memos (normalisation and features)")
    ap.add_argument("--python-gc", action="store_true",
                    help="keep Python's garbage-collector thresholds (default: vinews.process.tune_gc, as builds "
                         "and `vinews extract` set them)")
    args = ap.parse_args()
    if not args.python_gc:
        from vinews.process import tune_gc

        tune_gc()
    n = args.pages or (5000 if args.shape == "stream" else 10_000)
    if args.shape == "stream":
        pages, what = stream_pages(n, args.seed, args.sites, args.corpora)
    else:
        pages, what = bench_pages(args.bench, n)
    kib = sum(len(p.text.encode()) for p in pages) / len(pages) / 1024
    lines = sum(1 for p in pages for ln in p.text.split("\n") if ln.strip()) / len(pages)
    memo.enabled = not args.no_cache
    wall, cpu = [], []
    for run in range(args.runs):
        memo.clear_all()
        t0, c0 = time.perf_counter(), time.process_time()
        for p in pages:
            extract_page(p)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        wall.append(n / dt)
        cpu.append(n / dc)
        print(f"run {run + 1}: {n} pages in {dc:.2f} s CPU ({cpu[-1]:.0f} pages/s), "
              f"{dt:.2f} s wall ({wall[-1]:.0f} pages/s)", file=sys.stderr)
    mode = ("memo off" if args.no_cache else "memo on") + (", Python's gc thresholds" if args.python_gc else "")
    print(f"{args.shape}: pages per process, median of {args.runs} runs of {n} pages ({mode}): "
          f"{statistics.median(cpu):.0f} per CPU-second, {statistics.median(wall):.0f} per wall second  "
          f"[{what}; mean {kib:.1f} KiB, {lines:.0f} non-blank lines; python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {native.describe()}]")
    if not args.no_cache:
        print(hit_rate(pages))
    memo.enabled = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
