#!/usr/bin/env python3
"""Extraction quality on the dev split of ../shared/bench, scored by the benchmark's own score.py.

usage: python bench/extract_quality.py [--bench DIR] [--split dev] [--lopo] [--min-text-f1 X] [--pages]

--lopo prints the per-site breakdown (the macro means show whether a few sites carry the
average). These are the shipped extractor's figures, whose fitted weights saw every dev page:
in-sample. The leave-one-site-out figures, each site's pages extracted with weights fitted on
the other sites, come from bench/fit_extract.py. --min-text-f1 makes the script exit 1 when
text_f1 falls below X (the CI gate). Writes predictions to bench/out/extract_<split>.jsonl.

--render resiliparse re-renders each page from html/ID.html with resiliparse's plain-text
extractor (different line breaking from the benchmark's renderer, like a WET dump) before
extracting: a robustness probe that the cues do not lean on one renderer. score.py compares
bags of words, so the gold still applies. Needs the [bench] extra.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from vinews.model import Page  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402
from vinews.writers import article_record  # noqa: E402


def split_ids(bench: Path, split: str) -> dict[str, str]:
    out = {}
    for line in (bench / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1] == split:
            out[parts[0]] = parts[2]
    return out


def _resiliparse(raw: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(raw.decode("utf-8", "replace"), main_content=False, alt_texts=False,
                              links=False, form_fields=False, noscript=False)


def run_split(bench: Path, split: str, render: str = "pages", params=None) -> tuple[dict[str, str], dict]:
    """Extract every page of the split (page text, or re-rendered from html/ with `render`),
    score it with score.py --json; returns ({id: site}, score.py's JSON). `params`, when given,
    is passed to extract_page (vinews.params.ExtractParams)."""
    ids = split_ids(bench, split)
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    pred_path = out_dir / f"extract_{split}{'' if render == 'pages' else '_' + render}.jsonl"
    with open(pred_path, "w", encoding="utf-8") as fh:
        for pid in sorted(ids):
            text = (bench / "pages" / f"{pid}.txt").read_text(encoding="utf-8")
            html = bench / "html" / f"{pid}.html"
            if render == "resiliparse" and html.exists():
                text = _resiliparse(html.read_bytes())
            page = Page(id=pid, text=text)
            art = extract_page(page) if params is None else extract_page(page, params)
            fh.write(json.dumps(article_record(art), ensure_ascii=False) + "\n")
    gold_dir = out_dir / f"gold_{split}"
    gold_dir.mkdir(exist_ok=True)
    for pid in ids:  # score.py scores every gold file in the folder: give it this split's only
        src = bench / "gold" / f"{pid}.json"
        if src.exists():
            (gold_dir / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    res = subprocess.run([sys.executable, str(bench / "score.py"), str(gold_dir), str(bench / "pages"),
                          str(pred_path), "--json"], capture_output=True, text=True, check=True)
    return ids, json.loads(res.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--lopo", action="store_true", help="per-site breakdown")
    ap.add_argument("--pages", action="store_true", help="print per-page figures")
    ap.add_argument("--min-text-f1", type=float, default=None)
    ap.add_argument("--render", choices=("pages", "resiliparse"), default="pages")
    args = ap.parse_args()
    if not (args.bench / "score.py").exists():
        print(f"benchmark not found at {args.bench}; skipping", file=sys.stderr)
        return 0
    ids, data = run_split(args.bench, args.split, args.render)
    figs = data["figures"]
    if args.pages:
        for pid, s in sorted(data["pages"].items(), key=lambda kv: kv[1].get("text_f1", kv[1].get("nonarticle", 0))):
            print(f"{pid:24s} {ids.get(pid, ''):20s} " + " ".join(f"{k}={v:.2f}" for k, v in s.items()))
    if args.lopo:
        by_site = defaultdict(list)
        for pid, s in data["pages"].items():
            by_site[ids[pid]].append(s)
        print(f"{'site':22s} pages text_f1 title  date   author source nonart")
        for site, rows in sorted(by_site.items()):
            def m(k):
                v = [r[k] for r in rows if k in r]
                return f"{sum(v) / len(v):.3f}" if v else "  -  "
            print(f"{site:22s} {len(rows):5d} {m('text_f1')}  {m('title')}  {m('date')}  {m('author')}  {m('source')}  {m('nonarticle')}")
    print(f"split={args.split} render={args.render} " + " ".join(f"{k}={v}" for k, v in figs.items()))
    if args.min_text_f1 is not None and figs.get("text_f1", 0) < args.min_text_f1:
        print(f"GATE FAILED: text_f1 {figs.get('text_f1')} < {args.min_text_f1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
