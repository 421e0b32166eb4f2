"""Planted-duplicates benchmark: build a corpus with `vinews build` and score its clusters.

    .venv/bin/python bench/dedup_quality.py [--seed 7] [--jobs 2] [--keep DIR]

Pages come from bench/planted.py (real clean articles from ../shared/corpora wrapped in site
templates, with planted exact copies, republications and edited copies). Scores:
- pair precision: of all pairs of pages put in one cluster, the share that are planted
  duplicates of each other (same source article);
- recall per copy type: the share of planted copies in the same cluster as their original
  (copies where the copy or the original is not an article for the extractor are counted
  apart, in copies_not_articles);
- original accuracy: of the planted copies found, the share whose cluster canonical (the
  republication graph's original) is the planted original.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))
from planted import make_corpus, write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def score(corpus: Path, gold: dict) -> dict:
    clusters = pq.read_table(corpus / "clusters.parquet").to_pylist()
    where = {m: c["cluster_id"] for c in clusters for m in c["member_ids"]}
    canonical = {c["cluster_id"]: c["canonical_id"] for c in clusters}
    origin = {}
    for orig, members in gold["groups"].items():
        for m in members:
            origin[m] = orig
    pred_pairs = true_pairs = 0
    false_examples = []
    for c in clusters:
        for a, b in combinations(sorted(c["member_ids"]), 2):
            pred_pairs += 1
            if origin.get(a, a) == origin.get(b, b):
                true_pairs += 1
            elif len(false_examples) < 10:
                false_examples.append((a, b))
    # A copy whose page or original the extractor did not take as an article (a list page,
    # too little text) is not the dedup stage's to find: counted apart, not as a miss.
    status = dict(zip(*(pq.read_table(corpus / "pages.parquet", columns=["id", "status"]).column(c).to_pylist()
                        for c in ("id", "status"))))
    found = defaultdict(list)
    not_articles: dict[str, int] = defaultdict(int)
    right = total_found = 0
    for copy, kind in gold["type"].items():
        orig = gold["original"][copy]
        if status.get(copy) not in ("kept", "duplicate") or status.get(orig) not in ("kept", "duplicate"):
            not_articles[kind] += 1
            continue
        hit = copy in where and where.get(orig) == where[copy]
        found[kind].append(hit)
        if hit:
            total_found += 1
            right += canonical[where[copy]] == orig
    gold_pairs = sum(len(m) * (len(m) - 1) // 2 for m in gold["groups"].values())
    return {
        "pair_precision": round(true_pairs / pred_pairs, 4) if pred_pairs else 1.0,
        "pair_recall": round(true_pairs / gold_pairs, 4) if gold_pairs else 1.0,
        "predicted_pairs": pred_pairs, "gold_pairs": gold_pairs,
        "recall": {k: round(sum(v) / len(v), 4) for k, v in sorted(found.items())},
        "copies": {k: len(v) for k, v in sorted(found.items())},
        "copies_not_articles": dict(sorted(not_articles.items())),
        "original_accuracy": round(right / total_found, 4) if total_found else 0.0,
        "false_pairs_sample": false_examples,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="write the pages and corpus here instead of a temp folder")
    args = ap.parse_args()
    pages, gold = make_corpus(seed=args.seed)
    with tempfile.TemporaryDirectory() as td:
        base = args.keep or Path(td)
        src = write_jsonl(pages, base / "planted.jsonl")
        out = base / "corpus"
        t0 = time.perf_counter()
        subprocess.run([str(ROOT / ".venv/bin/vinews"), "build", str(src), "--out", str(out), "--jobs", str(args.jobs),
                        "--no-annotate"], check=True)
        wall = time.perf_counter() - t0
        res = score(out, gold)
    res.update({"pages": len(pages), "build_wall_s": round(wall, 2), "seed": args.seed})
    print(json.dumps(res, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
