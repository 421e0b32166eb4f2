#!/usr/bin/env python3
"""Extraction speed: pages per second in one process on the benchmark's page texts.

usage: python bench/extract_speed.py [--bench DIR] [--pages 10000] [--runs 5]

Cycles through every page in ../shared/bench/pages (all splits: speed does not use gold) until
--pages pages were extracted, times that, repeats --runs times and reports the median. Falls
back to the bundled samples/pages when the benchmark is absent.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from vinews.model import Page  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    folder = args.bench / "pages"
    if not folder.is_dir():
        folder = HERE.parent / "samples" / "pages"
        print(f"benchmark absent; timing the bundled samples in {folder}", file=sys.stderr)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    mb = sum(len(t.encode()) for _, t in texts) / len(texts) / 1024
    rates = []
    for run in range(args.runs):
        t0 = time.perf_counter()
        for n in range(args.pages):
            pid, text = texts[n % len(texts)]
            extract_page(Page(id=pid, text=text))
        dt = time.perf_counter() - t0
        rates.append(args.pages / dt)
        print(f"run {run + 1}: {args.pages} pages in {dt:.2f} s = {rates[-1]:.0f} pages/s", file=sys.stderr)
    print(f"pages/s per process (median of {args.runs}): {statistics.median(rates):.0f}  "
          f"[{len(texts)} distinct pages, mean {mb:.1f} KiB; python {platform.python_version()}, "
          f"{platform.machine()}, {platform.processor() or 'cpu'}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
