"""Entity quality: precision, recall, F1 per type (exact spans) and title accuracy, on the
hand-written gold set (tests/data) and on the real-text gold set (bench/entities_gold, dev and
test apart; needs ../shared/corpora), then speed in articles per CPU-second on the real
articles of ../shared/corpora (every article once, caches cleared first).

    .venv/bin/python bench/entities_quality.py            # evaluate tests/data/entities_gold.jsonl
    .venv/bin/python bench/entities_quality.py --write    # regenerate the JSONL from the markup files
    .venv/bin/python bench/entities_quality.py --errors   # print every miss and false alarm
    .venv/bin/python bench/entities_quality.py --baseline # underthesea's offline NER alone, for comparison
    .venv/bin/python bench/entities_quality.py --real-only --split dev --errors   # the real dev split's errors
    .venv/bin/python bench/entities_quality.py --rules-only   # the rules alone, without the learned tagger

The learned tagger is fitted on the real dev split (bench/fit_entities.py), so its real/dev
figures here are training-set figures; its honest dev figures are fit_entities.py's
cross-validated ones. real/test is never trained or tuned on.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from functools import partial  # noqa: E402

from vinews.annotate.entities import find_entities  # noqa: E402
from vinews.annotate.goldset import read_jsonl, read_markup  # noqa: E402

sys.path.insert(0, str(ROOT / "bench" / "entities_gold"))
import real  # noqa: E402

DATA = ROOT / "tests" / "data"
GOLD = DATA / "entities_gold.jsonl"
# dev: rules tuned on it; test: errors seen once, general fixes made after; holdout: scored once, never tuned on
SPLITS = ("dev", "test", "holdout")


def write_jsonl() -> None:
    rows = [r for split in SPLITS for r in read_markup(DATA / f"entities_gold_{split}.txt", split)]
    GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} sentences to {GOLD}")


def underthesea_ner(text: str) -> list:
    """Baseline: underthesea's offline CRF NER (BIO over words), as character spans."""
    from types import SimpleNamespace

    from underthesea import ner

    out, pos, cur = [], 0, None
    for word, _pos, _chunk, tag in ner(text):
        start = text.find(word, pos)
        if start < 0:
            continue
        pos = start + len(word)
        kind = tag[2:] if tag != "O" else None
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur.type != kind)):
            cur = SimpleNamespace(start=start, end=pos, type=kind, attr=None)
            out.append(cur)
        elif tag.startswith("I-"):
            cur.end = pos
        else:
            cur = None
    return [e for e in out if e.type in ("PER", "ORG", "LOC")]


def score(rows: list[dict], errors: bool, find=find_entities) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    attr_ok = attr_n = 0
    for row in rows:
        gold = {(e["start"], e["end"], e["type"]): e for e in row["entities"]}
        pred = {(e.start, e.end, e.type): e for e in find(row["text"])}
        for k in gold.keys() & pred.keys():
            tp[k[2]] += 1
            if gold[k]["attr"]:
                attr_n += 1
                attr_ok += (pred[k].attr or "").casefold() == gold[k]["attr"].casefold()
        for k in pred.keys() - gold.keys():
            fp[k[2]] += 1
            if errors:
                print(f"  FP {k[2]} {row['text'][k[0]:k[1]]!r}   | {row['text']}")
        for k in gold.keys() - pred.keys():
            fn[k[2]] += 1
            if errors:
                print(f"  FN {k[2]} {row['text'][k[0]:k[1]]!r}   | {row['text']}")
    out = {}
    for t in ("PER", "ORG", "LOC", "ALL"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "ALL" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                  "gold": a + c}
    out["person_title_accuracy"] = round(attr_ok / attr_n, 3) if attr_n else None
    return out


def speed(find=find_entities) -> dict:
    """Articles per CPU-second over every real article (plain text as real.article_text gives it)."""
    from vinews.annotate.entities import tag_line, words_of
    from vinews.annotate.tagger import model

    model()  # the weights are read once, on first use: not per article
    files = sorted(str(f.relative_to(real.CORPORA)) for f in real.CORPORA.rglob("*") if f.is_file())
    texts = [t for t in (real.article_text(f) for f in files) if t]
    words_of.cache_clear(), tag_line.cache_clear()
    find("Khởi động.")  # model loading is a one-off cost, not per article
    t0 = time.process_time()
    for t in texts:
        find(t)
    cpu = time.process_time() - t0
    out = {"articles": len(texts), "chars_per_article": round(sum(map(len, texts)) / len(texts)),
           "cpu_seconds": round(cpu, 2), "articles_per_cpu_second": round(len(texts) / cpu, 1)}
    if find is find_entities:  # the build's whole stage: linked entities and keywords, as annotate_stage runs it
        from vinews.annotate import AnnotateParams, annotate_articles

        rows = [{"id": str(n), "text": t} for n, t in enumerate(texts)]
        for name, params in (("annotate_articles_per_cpu_second", AnnotateParams()),
                             ("annotate_articles_per_cpu_second_gc_on", AnnotateParams(pause_gc=False))):
            t0 = time.process_time()
            annotate_articles(rows, across=False, params=params)
            out[name] = round(len(texts) / (time.process_time() - t0), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--split", default=None, help="dev | test | holdout | all")
    ap.add_argument("--baseline", action="store_true", help="score underthesea's own NER instead of vinews")
    ap.add_argument("--real-only", action="store_true", help="only the real-text gold set, no speed run")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--rules-only", action="store_true", help="the rules alone, without the learned tagger")
    args = ap.parse_args()
    if args.write:
        write_jsonl()
    find = underthesea_ner if args.baseline else partial(find_entities, rules_only=True) if args.rules_only \
        else find_entities
    report = {}
    if not args.real_only:
        rows = read_jsonl(GOLD)
        for split in ([args.split] if args.split in SPLITS else [*SPLITS, "all"]):
            sel = [r for r in rows if split == "all" or r["split"] == split]
            report[f"written/{split}"] = {"sentences": len(sel), **score(sel, args.errors, find)}
    if real.available():
        rows = real.load()
        for split in ([args.split] if args.split in ("dev", "test") else ["dev", "test"]):
            sel = [r for r in rows if r["split"] == split]
            report[f"real/{split}"] = {"sentences": len(sel), **score(sel, args.errors, find)}
        if not (args.real_only or args.no_speed):
            report["speed"] = speed(find)
    else:
        report["real"] = f"skipped: {real.CORPORA} not found"
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
