"""The corpus's own accented readings of unaccented words: "viet nam" -> "việt nam".

A query typed without marks matches every word that folds to it ("nam" is "Nam" and "năm",
the commonest word of Vietnamese news). At index time the commonest accented spelling of each
folded word and word pair is counted from the articles (readings.json beside the index); at
query time unaccented words read as the corpus mostly writes them, pairs first, so "viet nam"
ranks and highlights "Việt Nam", not every "năm".
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..fold import fold, words

FILE = "readings.json"


@dataclass(frozen=True)
class ReadingParams:
    min_count: int = 2  # a spelling seen once says nothing about the corpus's usage
    max_pairs: int = 200_000  # the commonest pairs kept: bounds the file (~10 MB) on big corpora
    max_words: int = 100_000  # the commonest words kept
    min_share: float = 0.5  # a reading must be most of its folded form's uses to be trusted


P = ReadingParams()


def count(texts: Iterable[str], p: ReadingParams = P) -> dict:
    """{"pairs": {folded pair: reading}, "words": {folded word: reading}} from article texts."""
    pairs: dict[str, Counter] = {}
    single: dict[str, Counter] = {}
    for text in texts:
        ws = words(text)
        for i, w in enumerate(ws):
            single.setdefault(fold(w), Counter())[w] += 1
            if i + 1 < len(ws):
                pair = w + " " + ws[i + 1]
                pairs.setdefault(fold(pair), Counter())[pair] += 1
    return {"pairs": _dominant(pairs, p.max_pairs, p), "words": _dominant(single, p.max_words, p)}


def _dominant(table: dict[str, Counter], limit: int, p: ReadingParams) -> dict[str, str]:
    out = []
    for folded, c in table.items():
        reading, n = c.most_common(1)[0]
        total = sum(c.values())
        if n >= p.min_count and n / total >= p.min_share:
            out.append((total, folded, reading))
    out.sort(key=lambda x: (-x[0], x[1]))
    return {f: r for _, f, r in out[:limit]}


def write(index_dir: Path, readings: dict) -> None:
    (Path(index_dir) / FILE).write_text(json.dumps(readings, ensure_ascii=False), encoding="utf-8")


def load(index_dir: Path) -> dict:
    path = Path(index_dir) / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"pairs": {}, "words": {}}


def read_as(terms: list[str], readings: dict, pairs_only: bool = False) -> dict[int, str]:
    """Position -> accented reading for the unaccented query words the corpus reads one way;
    a pair reading wins over the words' own ("viet nam" -> "việt", "nam", not "năm")."""
    out: dict[int, str] = {}
    pairs, single = readings.get("pairs", {}), readings.get("words", {})
    for i in range(len(terms) - 1):
        if terms[i].isascii() and terms[i + 1].isascii():
            r = pairs.get(fold(terms[i] + " " + terms[i + 1]))
            if r and len(r.split()) == 2:
                a, b = r.split()
                out.setdefault(i, a)
                out.setdefault(i + 1, b)
    for i, t in enumerate(terms):
        if not pairs_only and i not in out and t.isascii() and fold(t) in single:
            out[i] = single[fold(t)]
    return out
