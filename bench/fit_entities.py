"""Fit the learned entity tagger (src/vinews/annotate/tagger.py) on the real-text gold set's
dev split, report its cross-validated dev figures next to the rules alone, and write the
weights to src/vinews/data/entity_tagger.json. The test split is never read here.

    .venv/bin/python bench/fit_entities.py              # 5-fold CV on dev, then fit on all dev and write
    .venv/bin/python bench/fit_entities.py --no-write   # CV only
    .venv/bin/python bench/fit_entities.py --grid       # CV over the settings grid (c1, c2, written set)

Folds are drawn per article (every sentence of an article in one fold), so a fold's names were
never seen in training. Needs python-crfsuite (the `bench` extra) for training only: the
package decodes the written weights in plain Python. Needs ../shared/corpora (the dev text).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "bench" / "entities_gold"))

import real  # noqa: E402
from entities_quality import score  # noqa: E402
from vinews.annotate import tagger as tg  # noqa: E402
from vinews.annotate.entities import _rule_lines, learned_entities, rule_entities  # noqa: E402
from vinews.annotate.goldset import read_jsonl  # noqa: E402
from vinews.annotate.line import Entity  # noqa: E402

WRITTEN = ROOT / "tests" / "data" / "entities_gold.jsonl"
DEFAULT = {"c1": 0.05, "c2": 0.1, "written": False, "iters": 150}


def sequences(rows: list[dict]) -> tuple[list, int, int]:
    """(features, labels) per window of every row; and gold entity tokens covered / all."""
    out, covered, total = [], 0, 0
    for row in rows:
        gold_all = [Entity(e["start"], e["end"], e["type"], e["text"], e.get("attr")) for e in row["entities"]]
        for ln, rules in _rule_lines(row["text"]):
            tags = tg.rule_tags(ln, rules)
            gold = tg.rule_tags(ln, [e for e in gold_all if ln.off <= e.start < ln.off + len(ln.text)])
            wins = tg.windows(ln, [t != "O" for t in tags])
            inwin = {k for a, b in wins for k in range(a, b)}
            total += sum(g != "O" for g in gold)
            covered += sum(g != "O" for k, g in enumerate(gold) if k in inwin)
            for lo, hi in wins:
                out.append((tg.features(ln, lo, hi, tags), gold[lo:hi]))
    return out, covered, total


def train(seqs: list, c1: float, c2: float, iters: int) -> tg.Tagger:
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        tr.append(x, list(y))
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as d:
        path = str(Path(d) / "m.crfsuite")
        tr.train(path)
        t = pycrfsuite.Tagger()
        t.open(path)
        info = t.info()
        t.close()
    state: dict[str, dict[str, float]] = {}
    for (attr, label), w in info.state_features.items():
        if abs(w) >= 1e-4:
            state.setdefault(attr, {})[label] = round(w, 4)
    trans: dict[str, dict[str, float]] = {}
    for (a, b), w in info.transitions.items():
        trans.setdefault(a, {})[b] = round(w, 4)
    d = {"labels": list(tg.LABELS), "state": state, "trans": trans}
    tagger = tg.Tagger.from_json(d)
    tagger.raw = d
    return tagger


def fold_of(row: dict, k: int) -> int:
    return zlib.crc32(row["file"].encode()) % k


def predictor(m: tg.Tagger):
    return lambda text: learned_entities(text, m)


def cross_validate(dev: list[dict], written: list[dict], k: int, c1: float, c2: float, iters: int, use_written: bool):
    preds: dict[str, list] = {}
    for f in range(k):
        train_rows = [r for r in dev if fold_of(r, k) != f] + (written if use_written else [])
        m = train(sequences(train_rows)[0], c1, c2, iters)
        find = predictor(m)
        for r in dev:
            if fold_of(r, k) == f:
                preds[r["id"]] = find(r["text"])
    find = lambda text, _p=preds, _t={r["text"]: r["id"] for r in dev}: _p[_t[text]]  # noqa: E731
    return find


def report(dev: list[dict], find, errors: bool = False) -> dict:
    """All dev, and its fresh part apart: batches 2-5 were labelled after the rules were
    written, so the rules' figures there are not flattered by tuning (batch 1 is what the rules
    were tuned on); the fresh figures are the ones to read."""
    out = {"dev": score(dev, False, find), "dev batch 1 (rules tuned on it)": score([r for r in dev if r["batch"] == 1], False, find),
           "dev fresh (batches 2-5)": score([r for r in dev if r["batch"] > 1], errors, find)}
    return out


def brief(rep: dict) -> str:
    parts = []
    for name, s in rep.items():
        parts.append(f"{name}: " + " ".join(f"{t} {s[t]['precision']:.3f}/{s[t]['recall']:.3f}/{s[t]['f1']:.3f}"
                                            for t in ("PER", "ORG", "LOC")) + f" title {s['person_title_accuracy']}")
    return "\n  ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print the cross-validated dev errors")
    ap.add_argument("--c1", type=float, default=DEFAULT["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT["c2"])
    ap.add_argument("--iters", type=int, default=DEFAULT["iters"])
    ap.add_argument("--written", action="store_true", default=DEFAULT["written"],
                    help="also train on the hand-written set's dev and test splits (never its holdout)")
    args = ap.parse_args()
    if not real.available():
        sys.exit(f"{real.CORPORA} not found: the dev text lives there")
    dev = [r for r in real.load() if r["split"] == "dev"]  # the test split is never loaded into training
    written = [dict(r, batch=0, file="written:" + r["id"]) for r in read_jsonl(WRITTEN) if r["split"] in ("dev", "test")]
    seqs, cov, tot = sequences(dev)
    print(f"dev: {len(dev)} sentences, {len(seqs)} windows; gold entity tokens inside windows {cov}/{tot}")
    print("rules only:\n  " + brief(report(dev, lambda t: rule_entities(t))))
    grid = [(c1, c2, w) for c1 in (0.01, 0.05, 0.2) for c2 in (0.01, 0.05, 0.2) for w in (False, True)] if args.grid \
        else [(args.c1, args.c2, args.written)]
    for c1, c2, w in grid:
        t0 = time.time()
        find = cross_validate(dev, written, args.folds, c1, c2, args.iters, w)
        rep = report(dev, find, args.errors and not args.grid)
        print(f"CRF c1={c1} c2={c2} written={w} ({args.folds}-fold CV, {time.time() - t0:.0f}s):\n  " + brief(rep))
        sys.stdout.flush()
    if not args.no_write:
        m = train(sequences(dev + (written if args.written else []))[0], args.c1, args.c2, args.iters)
        raw = dict(m.raw, meta={"trained_on": "bench/entities_gold dev split" + (" + tests/data written dev/test"
                                                                                  if args.written else ""),
                                "sentences": len(dev) + (len(written) if args.written else 0),
                                "c1": args.c1, "c2": args.c2, "iterations": args.iters})
        tg.MODEL.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        print(f"wrote {tg.MODEL} ({tg.MODEL.stat().st_size // 1024} KB, {len(raw['state'])} features)")


if __name__ == "__main__":
    main()
