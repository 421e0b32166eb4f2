#!/usr/bin/env python3
"""Extraction robustness checks that need no new gold (issue 15, item 4).

usage: python bench/extract_robustness.py [--bench DIR] [--corpora DIR] [--splits dev,unlabelled]
           [--params FILE.toml] [--json] [--max-dropped N] [--max-render-drop X]
           [--min-clean-kept X] [--min-clean-recall X] [--min-kind-agreement X] [--min-title-agreement X]

All extraction goes through the public pipeline (readers -> extract_page -> article_record).
1. text vs HTML: every page of --splits (any of dev, blind, unlabelled: no gold is read) that has
   both pages/ID.txt and html/ID.html is extracted both ways (read_path, so decoding is the real
   one); kind agreement (article vs not) and title agreement (NFC casefold, whitespace-normalised)
   with every disagreement listed.
2. re-rendered pages: the dev split scored by score.py on pages/ID.txt and on the same pages
   re-rendered from html/ by resiliparse (bench/extract_quality.py's --render resiliparse);
   figures of both and the deltas. --max-render-drop gates the text_f1 drop.
3. clean corpora (../shared/corpora): articles with nothing but article text, so every one should
   come out an article with its whole lead+body. magizbox_baomoi_txt (title, sapo, body lines) and
   vietnews_test_tokenized (`_` joins words: replaced by spaces first) through the text path;
   baomoi_2014_json records (url, time, title, article HTML) through the HTML path, the fragment
   wrapped in a minimal document whose <title> is the record's title. Per corpus: share kept as
   article, mean lead+body word recall (score.py's bag of `\\w+` over NFC casefolded text) against
   the record's own text after the title (recall_all also counts captions, author and source, to
   tell a line filed elsewhere from a line lost), title exact-match rate; the non-articles with
   their reason and the lowest-recall files. --min-clean-kept / --min-clean-recall gate every corpus.
4. gold articles dropped: dev pages whose gold is an article but come out kind != article, text
   path and HTML path; --max-dropped gates the total over both paths.
Gates default to none (report only); a failed gate exits 1. --json prints one JSON object.
"""
from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from vinews.model import Page  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402
from vinews.readers import read_path  # noqa: E402
from vinews.writers import article_record  # noqa: E402

WORD = re.compile(r"\w+")
FIGS = ("text_f1", "title", "date", "author", "nonarticle")
SPLITS = ("dev", "blind", "unlabelled")
PARAMS = None  # vinews.params.ExtractParams when --params is given


def norm(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


def bag(texts) -> Counter:
    return Counter(WORD.findall(norm(" ".join(t for t in texts if t))))


def recall(pred: Counter, ref: Counter) -> float:
    return sum((pred & ref).values()) / sum(ref.values()) if ref else 1.0


def extract(page: Page) -> dict:
    art = extract_page(page) if PARAMS is None else extract_page(page, PARAMS)
    return article_record(art)


def extract_file(path: Path, pid: str) -> dict:
    for page in read_path(path):
        page.id = pid
        return extract(page)
    return {"id": pid, "kind": "rejected", "reason": "reader yielded no page"}


def is_article(rec: dict) -> bool:
    return rec.get("kind") == "article"


def cut(s: str | None, n: int = 60) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def load_splits(bench: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in (bench / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0], parts[1], parts[2]))
    return rows


# --- 1 and 4: text vs HTML on the benchmark pages -------------------------------------------------

def text_vs_html(bench: Path, rows, splits: set[str], cache: dict) -> dict:
    def both(pid):
        if pid not in cache:
            txt, htm = bench / "pages" / f"{pid}.txt", bench / "html" / f"{pid}.html"
            cache[pid] = (extract_file(txt, pid) if txt.exists() else None,
                          extract_file(htm, pid) if htm.exists() else None)
        return cache[pid]

    n = kind_ok = title_ok = 0
    disagree = []
    for pid, split, site in rows:
        if split not in splits:
            continue
        t, h = both(pid)
        if t is None or h is None:
            continue
        n += 1
        k = is_article(t) == is_article(h)
        ti = norm(t.get("title")) == norm(h.get("title"))
        kind_ok += k
        title_ok += ti
        if not (k and ti):
            disagree.append({"id": pid, "split": split, "site": site, "kind_text": t.get("kind"),
                             "kind_html": h.get("kind"), "title_text": cut(t.get("title")),
                             "title_html": cut(h.get("title")), "kind_agrees": k, "title_agrees": ti})
    return {"splits": sorted(splits), "pages": n, "kind_agreement": round(kind_ok / n, 4) if n else None,
            "title_agreement": round(title_ok / n, 4) if n else None, "disagreements": disagree}


def gold_dropped(bench: Path, rows, cache: dict) -> dict:
    out = {"gold_articles": 0, "text": [], "html": [], "html_pages": 0}
    for pid, split, site in rows:
        g = bench / "gold" / f"{pid}.json"
        if split != "dev" or not g.exists() or json.loads(g.read_text(encoding="utf-8")).get("article") is False:
            continue
        out["gold_articles"] += 1
        if pid not in cache:
            txt, htm = bench / "pages" / f"{pid}.txt", bench / "html" / f"{pid}.html"
            cache[pid] = (extract_file(txt, pid) if txt.exists() else None,
                          extract_file(htm, pid) if htm.exists() else None)
        for path, rec in zip(("text", "html"), cache[pid]):
            if rec is None:
                continue
            out["html_pages"] += path == "html"
            if not is_article(rec):
                out[path].append({"id": pid, "site": site, "kind": rec.get("kind"), "reason": rec.get("reason")})
    out["dropped"] = len(out["text"]) + len(out["html"])
    return out


# --- 2: re-rendered pages ----------------------------------------------------------------------

def render_check(bench: Path) -> dict:
    import extract_quality

    try:
        import resiliparse  # noqa: F401  (the [bench] extra)
    except ImportError:
        return {"skipped": "resiliparse is not installed (pip install -e '.[bench]')"}
    res = {}
    for render in ("pages", "resiliparse"):
        _, data = extract_quality.run_split(bench, "dev", render, PARAMS)
        res[render] = {k: data["figures"].get(k) for k in FIGS + ("pages",)}
    res["delta"] = {k: round(res["resiliparse"][k] - res["pages"][k], 4) for k in FIGS
                    if res["pages"].get(k) is not None and res["resiliparse"].get(k) is not None}
    res["text_f1_drop"] = round(res["pages"]["text_f1"] - res["resiliparse"]["text_f1"], 4)
    return res


# --- 3: clean corpora --------------------------------------------------------------------------

def _score_clean(items) -> dict:
    """items: (id, prediction, title, reference lines after the title)."""
    rows = []
    for cid, rec, title, ref in items:
        rb = bag(ref)
        main = [rec.get("lead") or ""] + list(rec.get("body") or [])
        extra = list(rec.get("captions") or []) + [rec.get("author") or "", rec.get("source") or ""]
        rows.append({"id": cid, "kind": rec.get("kind"), "reason": rec.get("reason"),
                     "recall": recall(bag(main), rb), "recall_all": recall(bag(main + extra), rb),
                     "title": norm(rec.get("title")) == norm(title), "ref_words": sum(rb.values())})
    n = len(rows)
    if not n:
        return {"files": 0}
    return {"files": n,
            "kept": round(sum(r["kind"] == "article" for r in rows) / n, 4),
            "recall": round(sum(r["recall"] for r in rows) / n, 4),
            "recall_all": round(sum(r["recall_all"] for r in rows) / n, 4),
            "recall_min": round(min(r["recall"] for r in rows), 4),
            "title": round(sum(r["title"] for r in rows) / n, 4),
            "nonarticles": [{"id": r["id"], "kind": r["kind"], "reason": r["reason"]}
                            for r in rows if r["kind"] != "article"],
            "lowest_recall": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()
                               if k in ("id", "kind", "recall", "recall_all", "ref_words")}
                              for r in sorted(rows, key=lambda r: r["recall"])[:5]]}


def corpus_magizbox(d: Path) -> dict:
    items = []
    for f in sorted(d.glob("*.txt")):
        lines = f.read_text(encoding="utf-8").split("\n")
        items.append((f.stem, extract_file(f, f.stem), lines[0], lines[1:]))
    return _score_clean(items)


def corpus_vietnews(d: Path) -> dict:
    items = []
    for f in sorted(d.glob("*.seg")):
        text = f.read_text(encoding="utf-8").replace("_", " ")
        lines = text.split("\n")
        pid = f.name.split(".")[0]
        items.append((pid, extract(Page(id=pid, text=text)), lines[0], lines[1:]))
    return _score_clean(items)


def _baomoi_reference(fragment: str) -> list[str]:
    """The record's own article text: the sapo and the body paragraphs of a 2025 record (photo and
    video captions left out, they are captions), all the text of a 2014 record's fragment."""
    import lxml.html

    tree = lxml.html.fromstring(fragment)
    body = tree.find_class("content-body")
    if not body:
        return [tree.text_content()]
    ref = [el.text_content() for el in tree.find_class("sapo")]
    for el in body[0].iter("p"):
        inside = [a for a in el.iterancestors() if "wrapper" in (a.get("class") or "")]
        if "media-caption" not in (el.get("class") or "") and not inside:
            ref.append(el.text_content())
    return ref


def corpus_baomoi(d: Path) -> dict:
    items, unreadable = [], []
    for f in sorted(d.glob("*.json")):
        try:
            rec = {k.lower(): v for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
        except ValueError as exc:
            unreadable.append({"id": f.stem, "error": f"{type(exc).__name__}: {str(exc)[:60]}"})
            continue
        title, frag, url = rec.get("title") or "", rec.get("content") or "", rec.get("url")
        doc = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{htmllib.escape(title)}</title>'
               f"</head><body>{frag}</body></html>")
        items.append((f.stem, extract(Page(id=f.stem, html=doc, url=url)), title, _baomoi_reference(frag)))
    out = _score_clean(items)
    out["unreadable"] = unreadable
    return out


CORPORA = {"magizbox_baomoi_txt": corpus_magizbox, "vietnews_test_tokenized": corpus_vietnews,
           "baomoi_2014_json": corpus_baomoi}


# --- report ------------------------------------------------------------------------------------

def print_report(r: dict) -> None:
    a = r["text_vs_html"]
    print(f"== 1. text vs HTML, same page ({','.join(a['splits'])}: {a['pages']} pages with both)")
    print(f"kind agreement {a['kind_agreement']}   title agreement {a['title_agreement']}")
    for x in a["disagreements"]:
        what = ("" if x["kind_agrees"] else "KIND ") + ("" if x["title_agrees"] else "TITLE")
        print(f"  {x['id']:24s} {x['split']:10s} {x['site']:20s} {what:10s} kind {x['kind_text']}/{x['kind_html']}")
        if not x["title_agrees"]:
            print(f"      text: {x['title_text']!r}\n      html: {x['title_html']!r}")
    b = r["render"]
    if "skipped" in b:
        print(f"\n== 2. dev split re-rendered from HTML by resiliparse: skipped, {b['skipped']}")
    else:
        print(f"\n== 2. dev split re-rendered from HTML by resiliparse ({b['pages']['pages']} pages, score.py)")
        print(f"{'render':12s} " + " ".join(f"{k:>10s}" for k in FIGS))
        for name in ("pages", "resiliparse"):
            print(f"{name:12s} " + " ".join(f"{b[name].get(k, float('nan')):10.4f}" for k in FIGS))
        print(f"{'delta':12s} " + " ".join(f"{b['delta'].get(k, float('nan')):+10.4f}" for k in FIGS))
    print("\n== 3. clean corpora (every file an article with its whole text)")
    print(f"{'corpus':26s} {'files':>5s} {'kept':>7s} {'recall':>7s} {'rec_all':>7s} {'rec_min':>7s} {'title':>7s}")
    for name, c in r["clean"].items():
        if not c.get("files"):
            print(f"{name:26s}     0  (not found)")
            continue
        print(f"{name:26s} {c['files']:5d} {c['kept']:7.4f} {c['recall']:7.4f} {c['recall_all']:7.4f} "
              f"{c['recall_min']:7.4f} {c['title']:7.4f}")
    for name, c in r["clean"].items():
        if not c.get("files"):
            continue
        for x in c.get("unreadable", []):
            print(f"  {name}: {x['id']} unreadable ({x['error']})")
        for x in c["nonarticles"]:
            print(f"  {name}: {x['id']} {x['kind']}: {x['reason']}")
        low = ", ".join(f"{x['id']} {x['recall']:.3f}/{x['recall_all']:.3f}" for x in c["lowest_recall"])
        print(f"  {name} lowest recall (lead+body/all): {low}")
    d = r["dropped"]
    print(f"\n== 4. dev gold articles not extracted as articles ({d['gold_articles']} gold articles, "
          f"{d['html_pages']} with HTML): {d['dropped']}")
    for path in ("text", "html"):
        for x in d[path]:
            print(f"  {path:4s} {x['id']:24s} {x['site']:20s} {x['kind']}: {x['reason']}")
    print(f"\n{r['seconds']:.1f} s")


def main(argv=None) -> int:
    global PARAMS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=HERE.parents[1] / "shared" / "bench")
    ap.add_argument("--corpora", type=Path, default=None, help="default: BENCH/../corpora")
    ap.add_argument("--splits", default="dev,unlabelled", help="for the text-vs-HTML check; of dev,blind,unlabelled")
    ap.add_argument("--params", type=Path, default=None, help="extraction parameters (TOML) for extract_page")
    ap.add_argument("--json", action="store_true", help="print everything as one JSON object")
    ap.add_argument("--max-dropped", type=int, default=None, help="gold articles dropped, text + HTML paths")
    ap.add_argument("--max-render-drop", type=float, default=None, help="text_f1 pages minus resiliparse")
    ap.add_argument("--gate-corpora", default=None,
                    help="comma-separated corpus names the --min-clean-* gates apply to (default: every corpus)")
    ap.add_argument("--min-clean-kept", type=float, default=None, help="share kept as articles, each corpus")
    ap.add_argument("--min-clean-recall", type=float, default=None, help="mean lead+body recall, each corpus")
    ap.add_argument("--min-kind-agreement", type=float, default=None)
    ap.add_argument("--min-title-agreement", type=float, default=None)
    args = ap.parse_args(argv)
    if not (args.bench / "score.py").exists():
        print(f"benchmark not found at {args.bench}; skipping", file=sys.stderr)
        return 0
    splits = {s for s in args.splits.split(",") if s}
    if splits - set(SPLITS):
        ap.error(f"--splits: unknown {','.join(sorted(splits - set(SPLITS)))}; use {','.join(SPLITS)}")
    if args.params is not None:
        try:
            from vinews.params import ExtractParams
        except ImportError:
            print("--params given but vinews.params is not available in this checkout", file=sys.stderr)
            return 2
        import inspect

        if len(inspect.signature(extract_page).parameters) < 2:
            print("--params given but this checkout's extract_page takes no parameters", file=sys.stderr)
            return 2
        PARAMS = ExtractParams.from_toml(args.params)
    corpora = args.corpora or args.bench.parent / "corpora"

    t0 = time.perf_counter()
    rows = load_splits(args.bench)
    cache: dict = {}
    report = {"params": str(args.params) if args.params else None,
              "text_vs_html": text_vs_html(args.bench, rows, splits, cache),
              "render": render_check(args.bench),
              "clean": {name: (fn(corpora / name) if (corpora / name).is_dir() else {"files": 0})
                        for name, fn in CORPORA.items()},
              "dropped": gold_dropped(args.bench, rows, cache)}
    report["seconds"] = round(time.perf_counter() - t0, 1)

    failed = []
    if args.max_dropped is not None and report["dropped"]["dropped"] > args.max_dropped:
        failed.append(f"gold articles dropped {report['dropped']['dropped']} > {args.max_dropped}")
    if args.max_render_drop is not None and "skipped" in report["render"]:
        failed.append(f"--max-render-drop given but the render check was skipped: {report['render']['skipped']}")
    elif args.max_render_drop is not None and report["render"]["text_f1_drop"] > args.max_render_drop:
        failed.append(f"resiliparse text_f1 drop {report['render']['text_f1_drop']} > {args.max_render_drop}")
    gated = set(args.gate_corpora.split(",")) if args.gate_corpora else set(CORPORA)
    if gated - set(CORPORA):
        ap.error(f"--gate-corpora: unknown {','.join(sorted(gated - set(CORPORA)))}; use {','.join(CORPORA)}")
    for name, c in report["clean"].items():
        if not c.get("files") or name not in gated:
            continue
        if args.min_clean_kept is not None and c["kept"] < args.min_clean_kept:
            failed.append(f"{name}: kept {c['kept']} < {args.min_clean_kept}")
        if args.min_clean_recall is not None and c["recall"] < args.min_clean_recall:
            failed.append(f"{name}: recall {c['recall']} < {args.min_clean_recall}")
    a = report["text_vs_html"]
    if args.min_kind_agreement is not None and (a["kind_agreement"] or 0) < args.min_kind_agreement:
        failed.append(f"kind agreement {a['kind_agreement']} < {args.min_kind_agreement}")
    if args.min_title_agreement is not None and (a["title_agreement"] or 0) < args.min_title_agreement:
        failed.append(f"title agreement {a['title_agreement']} < {args.min_title_agreement}")
    report["gates_failed"] = failed

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    for f in failed:
        print(f"GATE FAILED: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
