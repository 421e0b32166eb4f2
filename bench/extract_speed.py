#!/usr/bin/env python3
"""Extraction speed: pages per second in one process on the benchmark's page texts.

usage: python bench/extract_speed.py [--bench DIR] [--pages 10000] [--runs 5] [--no-cache]

Cycles through every page in ../shared/bench/pages (all splits: speed does not use gold) until
--pages pages were extracted, times that, repeats --runs times and reports the median of wall
time and of CPU time (the CPU figure is steadier on a shared machine). Falls back to the bundled
samples/pages when the benchmark is absent.

The extractor memoises per-line work, normalisation and features, for lines up to 160
characters (site templates repeat their menu and footer lines on every page; see
src/vinews/memo.py). Cycling through the same pages makes those memos hit more than a real crawl
would (there, an article's own short lines are new), so --no-cache gives the cold figure: every
line normalised and described afresh on every page.
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

from vinews.model import Page  # noqa: E402
from vinews import memo  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-cache", action="store_true", help="turn off the per-line memos (normalisation and features)")
    args = ap.parse_args()
    memo.enabled = not args.no_cache
    folder = args.bench / "pages"
    if not folder.is_dir():
        folder = HERE.parent / "samples" / "pages"
        print(f"benchmark absent; timing the bundled samples in {folder}", file=sys.stderr)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    mb = sum(len(t.encode()) for _, t in texts) / len(texts) / 1024
    wall, cpu = [], []
    for run in range(args.runs):
        memo.clear_all()
        t0, c0 = time.perf_counter(), time.process_time()
        for n in range(args.pages):
            pid, text = texts[n % len(texts)]
            extract_page(Page(id=pid, text=text))
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        wall.append(args.pages / dt)
        cpu.append(args.pages / dc)
        print(f"run {run + 1}: {args.pages} pages in {dt:.2f} s wall ({wall[-1]:.0f} pages/s), "
              f"{dc:.2f} s CPU ({cpu[-1]:.0f} pages/s)", file=sys.stderr)
    mode = "cache off" if args.no_cache else "line cache on"
    print(f"pages/s per process, median of {args.runs} runs of {args.pages} pages ({mode}): "
          f"{statistics.median(wall):.0f} wall, {statistics.median(cpu):.0f} CPU  "
          f"[{len(texts)} distinct pages, mean {mb:.1f} KiB; python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
