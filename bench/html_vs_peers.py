#!/usr/bin/env python3
"""vinews vs the common HTML article extractors on the benchmark's HTML, in one run.

usage: python bench/html_vs_peers.py [--bench DIR] [--split dev] [--tools vinews,trafilatura,...]
                                     [--repeat N]
       python bench/html_vs_peers.py --speed [--runs 5] [--tools vinews,resiliparse,lexbor-parse]

Runs each tool on html/ID.html of the pages in the split (splits.tsv), writes its predictions
in the benchmark JSONL format to bench/out/TOOL.jsonl, scores each with
`score.py GOLD PAGES PRED --html --json` against the split's gold restricted to pages that have
HTML (the two seed pages exist only as text), and prints the figures and pages/s side by side.
Timing is single-process wall time over the pages (best of --repeat runs; the classifier's line
cache carries over between repeats, so quote --repeat 1 or --no-line-cache); vinews is timed from
the HTML file on disk (reading, decoding, parsing, extracting), the peers from the decoded
string. Peers are benchmark-only dependencies: pip install -e .[bench]

--speed times instead of scoring: CPU time (time.process_time), every page of html/ (all splits,
no gold read) once per run, --runs runs (default 5), the tools taking turns within each run so a
change in the machine's load falls on all of them alike; it prints each tool's median pages per
CPU-second and vinews / resiliparse. vinews goes from the page's bytes in memory (decoding,
guard, parse, DOM walk, hints, classify, metadata: vinews.readers.html.html_page + extract_page),
its per-line memos cleared before each run; resiliparse from the decoded string (parse +
main-content text); `lexbor-parse` is selectolax's parse alone, the floor under the HTML path.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = Path(os.environ.get("VINEWS_BENCH", HERE.parents[1] / "shared" / "bench"))
FIGURES = ("text_f1", "text_p", "text_r", "full_f1", "title", "date", "datetime", "author", "source", "nonarticle")


def _pred(pid, title=None, published=None, author=None, lead=None, body=(), captions=(), kind=None):
    body = [b for b in (x.strip() for x in body) if b]
    return {"id": pid, "kind": kind or ("article" if body or lead else "nonarticle"), "title": title,
            "published": published, "author": author, "source": None, "lead": lead, "body": body,
            "captions": list(captions)}


def _lines(text):
    return [ln for ln in (text or "").split("\n") if ln.strip()]


# --- tools: (pid, path, html str, url) -> prediction dict --------------------------------------

def run_vinews():
    from vinews.pipeline import extract_page
    from vinews.readers import read_path
    from vinews.writers import article_record

    def f(pid, path, html, url):
        for page in read_path(path):
            page.id = pid
            rec = article_record(extract_page(page))
            return rec
    return f


def run_trafilatura(precise: bool = False):
    import trafilatura

    def f(pid, path, html, url):
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_images=True,
                                          include_comments=False, favor_precision=precise, as_dict=True)
        if not doc:
            return _pred(pid)
        return _pred(pid, doc.get("title"), doc.get("date"), doc.get("author"), body=_lines(doc.get("text")))
    return f


def run_readability():
    import lxml.html
    from readability import Document

    sys.path.insert(0, str(ARGS.bench))
    from render import render  # the benchmark's own block renderer, for the summary HTML

    def f(pid, path, html, url):
        doc = Document(html)
        summary = doc.summary(html_partial=True)
        text = render(summary) if summary and lxml.html.fromstring(summary).text_content().strip() else ""
        return _pred(pid, doc.short_title() or doc.title(), body=_lines(text.replace("\n\n", "\n")))
    return f


def run_newspaper():
    import newspaper

    def f(pid, path, html, url):
        a = newspaper.Article(url or "https://example.com/article", language="vi", fetch_images=False)
        a.download(input_html=html)
        a.parse()
        pub = a.publish_date.isoformat() if a.publish_date else None
        return _pred(pid, a.title, pub, ", ".join(a.authors) or None, body=_lines(a.text))
    return f


def run_resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def f(pid, path, html, url):
        tree = HTMLTree.parse(html)
        text = extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False)
        return _pred(pid, tree.title or None, body=_lines(text))
    return f


def speed(args) -> None:
    """Median pages per CPU-second of each tool over all html/ pages (see the module doc)."""
    import statistics

    from vinews import memo
    from vinews.pipeline import extract_page
    from vinews.readers.html import html_page

    paths = sorted((args.bench / "html").glob("*.html"))
    raws = [(p.stem, p.read_bytes()) for p in paths]
    texts = [r.decode("utf-8", "replace") for _, r in raws]

    def vinews_run():
        memo.clear_all()
        for pid, raw in raws:
            extract_page(html_page(raw, pid))

    def resiliparse_run():
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        for html in texts:
            tree = HTMLTree.parse(html)
            extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False)
            tree.title

    def lexbor_run():
        from selectolax.lexbor import LexborHTMLParser

        for html in texts:
            LexborHTMLParser(html)

    runs = {"vinews": vinews_run, "resiliparse": resiliparse_run, "lexbor-parse": lexbor_run}
    names = [n for n in args.tools.split(",") if n in runs] if args.tools != ",".join(TOOLS) else list(runs)
    rates: dict[str, list[float]] = {n: [] for n in names}
    for n in names:  # warm up: imports, lazily built tables
        runs[n]()
    for r in range(args.runs):
        for n in names:
            c0 = time.process_time()
            runs[n]()
            rates[n].append(len(raws) / (time.process_time() - c0))
        print(f"run {r + 1}: " + "  ".join(f"{n} {rates[n][-1]:.0f}" for n in names), file=sys.stderr)
    med = {n: statistics.median(v) for n, v in rates.items()}
    print(f"{len(raws)} pages of {args.bench / 'html'}, pages per CPU-second, median of {args.runs} runs "
          f"[load {os.getloadavg()[0]:.1f}]: " + ", ".join(f"{n} {v:.0f}" for n, v in med.items()))
    if "vinews" in med and "resiliparse" in med:
        print(f"speed vinews / resiliparse: {med['vinews'] / med['resiliparse']:.2f}x")


TOOLS = {"vinews": run_vinews, "trafilatura": run_trafilatura,
         "trafilatura-precise": lambda: run_trafilatura(precise=True), "readability": run_readability,
         "newspaper4k": run_newspaper, "resiliparse": run_resiliparse}


def load_split(bench: Path, split: str):
    rows = []
    for line in (bench / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1] == split and (bench / "html" / f"{parts[0]}.html").exists():
            url = parts[3] if len(parts) > 3 and parts[3].startswith("http") else None
            rows.append((parts[0], bench / "html" / f"{parts[0]}.html", url))
    return rows


def gold_subset(bench: Path, ids: list[str], out: Path) -> Path:
    """The split's gold for the pages that have HTML (symlinks; score.py reads a folder)."""
    gdir = out / "gold_html"
    gdir.mkdir(parents=True, exist_ok=True)
    for old in gdir.glob("*.json"):
        old.unlink()
    for pid in ids:
        src = bench / "gold" / f"{pid}.json"
        if src.exists():
            (gdir / f"{pid}.json").symlink_to(src)
    return gdir


def run_tool(name, rows, htmls, repeat):
    fn = TOOLS[name]()
    best, preds, errors = None, [], 0
    for _ in range(repeat):
        preds, errors = [], 0
        t0 = time.perf_counter()
        for (pid, path, url), html in zip(rows, htmls):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    p = fn(pid, path, html, url)
            except Exception as exc:  # a peer failing on a page scores zero there
                errors += 1
                p = None
                print(f"  {name} failed on {pid}: {type(exc).__name__}: {str(exc)[:80]}", file=sys.stderr)
            if p:
                p["id"] = pid
                preds.append(p)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return preds, len(rows) / best, errors


def score(bench: Path, gold: Path, pred_path: Path) -> dict:
    out = subprocess.run([sys.executable, str(bench / "score.py"), str(gold), str(bench / "pages"), str(pred_path),
                          "--html", "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["figures"]


def main(argv=None):
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--no-line-cache", action="store_true",
                    help="turn off the classifier's per-process line cache (it also carries over between repeats)")
    ap.add_argument("--speed", action="store_true", help="time only: CPU time, all html/ pages, median of --runs")
    ap.add_argument("--runs", type=int, default=5)
    ARGS = ap.parse_args(argv)
    if ARGS.speed:
        speed(ARGS)
        return
    if ARGS.no_line_cache:
        import vinews.memo

        vinews.memo.enabled = False
    rows = load_split(ARGS.bench, ARGS.split)
    ARGS.out.mkdir(parents=True, exist_ok=True)
    gold = gold_subset(ARGS.bench, [r[0] for r in rows], ARGS.out)
    htmls = [p.read_bytes().decode("utf-8", "replace") for _, p, _ in rows]
    results = {}
    for name in ARGS.tools.split(","):
        preds, pps, errors = run_tool(name, rows, htmls, ARGS.repeat)
        path = ARGS.out / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        results[name] = dict(score(ARGS.bench, gold, path), pages_per_s=round(pps, 1), errors=errors)
        print(f"  {name}: {pps:.1f} pages/s -> {path}", file=sys.stderr)
    cols = ("pages_per_s",) + FIGURES
    print(f"{ARGS.split} split, {len(rows)} pages with HTML (score.py --html)")
    print(f"{'tool':19s} " + " ".join(f"{c:>11s}" for c in cols))
    for name, r in results.items():
        print(f"{name:19s} " + " ".join(f"{r.get(c, float('nan')):11.4g}" if c in r else f"{'-':>11s}" for c in cols))
    if "vinews" in results and "trafilatura" in results:
        print(f"speed vinews / trafilatura: {results['vinews']['pages_per_s'] / results['trafilatura']['pages_per_s']:.1f}x")
    peers = [r["full_f1"] for n, r in results.items() if n != "vinews" and "full_f1" in r]
    if "vinews" in results and peers:
        best = max(peers)
        print(f"full_f1 error vinews / best peer: {(1 - results['vinews']['full_f1']) / max(1e-9, 1 - best):.2f} "
              f"(target <= 0.5; best peer full_f1 {best:.4f})")
    (ARGS.out / "summary.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
