"""The measurements behind the dedup parameters (docs/dedup.md): shingle size, LSH bands and
the verification rule, on the planted set of bench/planted.py.

    .venv/bin/python bench/dedup_params.py

For each syllable n-gram size: estimated Jaccard (128-bin OPH) and containment between each
planted copy and its original (5th percentile and minimum, by copy type), and the highest
Jaccard / containment between two different source articles. Then, for LSH layouts of 128 bins,
the chance a pair at those similarities becomes a candidate (1 - (1 - J^r)^b), and what the
chosen rule accepts.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from planted import make_corpus  # noqa: E402

from vinews.corpus import minhash  # noqa: E402
from vinews.corpus.params import DEFAULT_DEDUP as D  # noqa: E402
from vinews.model import Page  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402


def main() -> None:
    pages, gold = make_corpus()
    arts = {p["id"]: extract_page(Page(id=p["id"], text=p["text"], url=p["url"], site=p["site"])) for p in pages}
    ids = sorted(i for i, a in arts.items() if a.kind == "article")
    ix = {a: i for i, a in enumerate(ids)}
    texts = [arts[i].text for i in ids]
    originals = [ix[i] for i in ids if i.startswith("o")]
    report: dict = {"pages": len(pages), "articles": len(ids), "by_ngram": {}}
    for n in (2, 3, 4, 5):
        sig, cnt, _ = minhash.sketch(texts, ngram=n)
        row: dict = {}
        for kind in ("exact", "republication", "edited"):
            ps = [(ix[c], ix[o]) for c, o in gold["original"].items() if gold["type"][c] == kind and c in ix and o in ix]
            a, b = np.array([p[0] for p in ps]), np.array([p[1] for p in ps])
            j = minhash.similarity(sig[a], sig[b])
            c = minhash.containment(j, cnt[a], cnt[b])
            accept = (j >= D.jaccard_min) | ((c >= D.containment_min) & (j >= D.jaccard_floor))
            row[kind] = {"jaccard_p5": round(float(np.percentile(j, 5)), 3), "jaccard_min": round(float(j.min()), 3),
                         "containment_min": round(float(c.min()), 3), "rule_accepts": round(float(accept.mean()), 3)}
        s = sig[originals]
        best_j = best_c = 0.0
        for i in range(len(s) - 1):
            j = (s[i + 1:] == s[i]).mean(axis=1)
            c = minhash.containment(j, np.full(len(j), cnt[originals[i]]), cnt[originals][i + 1:])
            best_j, best_c = max(best_j, float(j.max())), max(best_c, float(c[j >= D.jaccard_floor].max(initial=0)))
        row["unrelated"] = {"jaccard_max": round(best_j, 3), "containment_max_where_jaccard_ge_floor": round(best_c, 3)}
        report["by_ngram"][n] = row
    report["lsh_candidate_probability"] = {
        f"{b}x{r}": {str(j): round(1 - (1 - j ** r) ** b, 4) for j in (0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.6)}
        for b, r in ((14, 9), (16, 8), (32, 4), (42, 3), (64, 2))}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
