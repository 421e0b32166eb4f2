"""The real-text entity gold set: sentences drawn from ../shared/corpora, referenced, not copied.

Publisher text stays out of the repository. Each gold row names its sentence by corpus file
(relative to ../shared/corpora), sentence index in that file's text as `article_text` and
`sentences` cut it, and the sha1 of the sentence, so a changed corpus or splitter is detected
instead of silently scoring the wrong text. Labels are character offsets into the sentence.

    .venv/bin/python bench/entities_gold/real.py --draw   # (re)draw the sample: refs + split only
"""
from __future__ import annotations

import hashlib
import html
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent.parent / "shared" / "corpora"
GOLD = HERE / "gold.jsonl"  # one row per sentence: ref, split, entities


@dataclass(frozen=True)
class DrawParams:
    seed: int = 13  # the number: any fixed seed, so the draw is repeatable
    sentences: int = 320  # >= 300 asked for, a little slack for sentences dropped while labelling
    per_article: int = 2  # at most two sentences an article: many articles, many writers
    min_chars: int = 40  # shorter pieces are headlines' fragments, datelines, captions
    max_chars: int = 260  # longer ones are run-on paragraphs the splitter failed on
    test_share: float = 0.5  # articles (not sentences) go to test with this probability


P = DrawParams()
_SENT = re.compile(r"(?<=[.!?…])\s+(?=[\"“A-ZÀ-Ỹ0-9])")
# a full stop that ends an abbreviation, not a sentence: "TP. HCM", "anh N. (43 tuổi)", "St. Petersburg"
_ABBREV_END = re.compile(r"(?:\b[A-ZĐ]|\bTP|\bTp|\bSt|\bMr|\bMrs|\bDr|\bThS|\bPGS|\bGS|\bTS|\bBS)\.$")


def article_text(rel: str) -> str:
    """The article's plain text, one paragraph a line, from any of the three corpora."""
    path = CORPORA / rel
    if rel.startswith("baomoi_2014_json/"):
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return ""  # one record in that corpus is not valid JSON
        content = d.get("content") or d.get("Content") or ""
        paras = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", content, re.S)]
        return unicodedata.normalize("NFC", "\n".join(" ".join(p.split()) for p in paras if p.strip()))
    text = path.read_text(encoding="utf-8")
    if rel.startswith("vietnews_test_tokenized/"):  # words joined by "_", punctuation spaced out
        text = text.replace("_", " ")
        text = re.sub(r" ([,.;:!?)”])", r"\1", text)
        text = re.sub(r"([(“]) ", r"\1", text)
    text = unicodedata.normalize("NFC", text)  # a few articles carry combining marks
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def sentences(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        pieces = [s for s in _SENT.split(line) if s.strip()]
        while pieces:
            s = pieces.pop(0)
            while pieces and _ABBREV_END.search(s):
                s = s + " " + pieces.pop(0)
            out.append(s)
    return out


def _has_inner_capital(s: str) -> bool:
    return any(w[:1].isupper() for w in s.split()[1:])


def sha1(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def draw(p: DrawParams = P) -> list[dict]:
    """Seeded sample: articles shuffled, up to `per_article` eligible sentences from each, until
    `sentences`; the dev/test split is drawn per article, before any label exists."""
    rng = random.Random(p.seed)
    files = sorted(str(f.relative_to(CORPORA)) for f in CORPORA.rglob("*") if f.is_file())
    rng.shuffle(files)
    out = []
    for rel in files:
        sents = sentences(article_text(rel))
        ok = [i for i, s in enumerate(sents[1:], 1)  # the headline (line 0) is not a sentence
              if p.min_chars <= len(s) <= p.max_chars and _has_inner_capital(s)]
        if not ok:
            continue
        split = "test" if rng.random() < p.test_share else "dev"
        for i in sorted(rng.sample(ok, min(p.per_article, len(ok)))):
            out.append({"file": rel, "sentence": i, "sha1": sha1(sents[i]), "split": split})
        if len(out) >= p.sentences:
            break
    return out


def load(path: Path = GOLD) -> list[dict]:
    """Gold rows with their sentence text resolved from the corpora (raises on drift)."""
    rows = []
    cache: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        sents = cache.setdefault(r["file"], sentences(article_text(r["file"])))
        text = sents[r["sentence"]]
        if sha1(text) != r["sha1"]:
            raise ValueError(f"sentence drifted: {r['file']} #{r['sentence']}")
        ents = [{"start": s, "end": e, "type": t, "text": text[s:e], "attr": a} for s, e, t, a in r["entities"]]
        rows.append({"id": f"{r['file']}#{r['sentence']}", "split": r["split"], "batch": r.get("batch", 1), "file": r["file"],
                     "text": text, "entities": ents})
    return rows


def available() -> bool:
    return CORPORA.is_dir()


if __name__ == "__main__" and "--draw" in sys.argv:
    for r in draw():
        print(json.dumps(r, ensure_ascii=False))


@dataclass(frozen=True)
class MoreParams:
    """The second draw (training sentences for the learned tagger, all dev): only articles that
    hold no gold sentence yet, so no test article's text reaches the training data."""
    seed: int = 1302
    sentences: int = 300
    per_article: int = 2
    min_chars: int = 40
    max_chars: int = 260


M = MoreParams()


M3 = MoreParams(seed=1303, sentences=250)  # the third draw: other sentences of dev articles too
M4 = MoreParams(seed=1304, sentences=250)  # the fourth, drawn like the third
M5 = MoreParams(seed=1305, sentences=200)  # the fifth, drawn like the third


def draw_more(p: MoreParams = M, gold: Path = GOLD, batch: int = 2) -> list[dict]:
    """Batch 2: articles with no gold sentence. Batch 3: any article but the test split's, and
    sentences not in the gold yet."""
    rows = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if r.get("batch", 1) < batch]  # the gold as it was when this batch was drawn
    taken = {r["file"] for r in rows} if batch == 2 else {r["file"] for r in rows if r["split"] == "test"}  # never a test article
    have = {(r["file"], r["sentence"]) for r in rows}
    rng = random.Random(p.seed)
    files = sorted(str(f.relative_to(CORPORA)) for f in CORPORA.rglob("*") if f.is_file())
    rng.shuffle(files)
    out = []
    for rel in files:
        if rel in taken:
            continue
        sents = sentences(article_text(rel))
        ok = [i for i, s in enumerate(sents[1:], 1)
              if p.min_chars <= len(s) <= p.max_chars and _has_inner_capital(s) and (rel, i) not in have]
        if not ok:
            continue
        for i in sorted(rng.sample(ok, min(p.per_article, len(ok)))):
            out.append({"file": rel, "sentence": i, "sha1": sha1(sents[i]), "split": "dev", "batch": batch})
        if len(out) >= p.sentences:
            break
    return out


if __name__ == "__main__" and "--draw-more" in sys.argv:  # --draw-more 2 | 3
    n = int(sys.argv[sys.argv.index("--draw-more") + 1])
    for r in draw_more({2: M, 3: M3, 4: M4, 5: M5}[n], batch=n):
        print(json.dumps(r, ensure_ascii=False))


def from_labels(refs: list[dict], labels: dict[int, str]) -> list[dict]:
    """Turn the labeller's lists ("PER Trump|ông; LOC Mỹ", in reading order) into offset rows.
    Each mention is found after the previous one, on word boundaries; a title must stand right
    before its name. Raises on anything that does not fit, so a typo cannot slip into the gold."""
    out = []
    for n, ref in enumerate(refs):
        text = sentences(article_text(ref["file"]))[ref["sentence"]]
        assert sha1(text) == ref["sha1"], ref
        spec = labels[n].strip()
        ents, pos = [], 0
        for item in ([] if spec == "-" else [x.strip() for x in spec.split(";") if x.strip()]):
            typ, rest = item.split(" ", 1)
            name, _, title = rest.partition("|")
            m = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)").search(text, pos)
            if typ not in ("PER", "ORG", "LOC") or not m:
                raise ValueError(f"#{n}: {item!r} not found in {text!r}")
            if title and not re.search(re.escape(title) + r"\W*$", text[:m.start()]):
                raise ValueError(f"#{n}: title {title!r} not right before {name!r}")
            ents.append([m.start(), m.end(), typ, title or None])
            pos = m.end()
        out.append({**ref, "entities": ents})
    return out


if __name__ == "__main__" and "--labels" in sys.argv:
    refs = [json.loads(x) for x in sys.stdin if x.strip()]
    lines = Path(sys.argv[sys.argv.index("--labels") + 1]).read_text(encoding="utf-8").splitlines()
    labels = {int(x.split(":", 1)[0]): x.split(":", 1)[1] for x in lines if x.strip()}
    rows = from_labels(refs, labels)
    GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows, {sum(len(r['entities']) for r in rows)} mentions to {GOLD}")
