"""Fitted decisions: the title choice and the page kind are scored by small linear models whose
weights `bench/fit_extract.py` fits on labelled lines (logistic regression, leave-one-site-out
cross-validated) and ships as `vinews/data/extract_model.json`. Nothing is downloaded; the file
is read once per process, when the first page needs it.

The features below are the models' whole contract: the fit script computes them with these
same functions, so training and inference cannot drift apart. Each is a cue that holds on any
site (shape of the line, its place relative to the text, what the markup says), never a site's
own vocabulary. See docs/extraction.md for the algorithm and the figures.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from . import cues
from .byline import looks_like_byline
from .features import Feat
from .model import Block

BUILTIN = "builtin"  # ExtractParams.model_file value meaning the file shipped in the package


@dataclass(frozen=True, slots=True)
class Linear:
    """A logistic-regression scorer over named, standardised features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, x: Sequence[float]) -> float:
        z = self.intercept
        for v, m, s, w in zip(x, self.mean, self.scale, self.coef):
            z += w * (v - m) / s
        return z

    def prob(self, x: Sequence[float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def to_dict(self) -> dict:
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept}

    @classmethod
    def from_dict(cls, d: dict) -> "Linear":
        return cls(tuple(d["names"]), tuple(map(float, d["mean"])), tuple(map(float, d["scale"])),
                   tuple(map(float, d["coef"])), float(d["intercept"]))


@dataclass(frozen=True, slots=True)
class Models:
    title: Linear
    caption: Linear
    kind: Linear
    meta: dict


@lru_cache(maxsize=8)
def load_models(path: str = BUILTIN) -> Models:
    """The fitted models from a JSON file (`builtin`: the one shipped in the package)."""
    if path == BUILTIN:
        raw = resources.files("vinews").joinpath("data/extract_model.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    d = json.loads(raw)
    for name, names in (("title", TITLE_FEATURES), ("caption", CAPTION_FEATURES), ("kind", KIND_FEATURES)):
        if name not in d or tuple(d[name]["names"]) != names:
            raise ValueError(f"{path}: the {name} model was fitted on other features than this code computes; "
                             f"refit it with bench/fit_extract.py")
    return Models(Linear.from_dict(d["title"]), Linear.from_dict(d["caption"]), Linear.from_dict(d["kind"]),
                  d.get("meta", {}))


# --- title ---------------------------------------------------------------------------------

TITLE_FEATURES = (
    "dist_log", "rank", "words_log", "short", "long", "upper", "cap_first", "end_punct", "numbered",
    "byline", "furniture", "date", "caption", "paragraph", "dup", "lead_overlap", "h1", "h_other",
    "meta_title", "title_cue", "link_density", "site_suffix",
)
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)/:]\s")
_TOKEN = re.compile(r"\w+")


def _wordset(text: str) -> set[str]:
    return {w for w in _TOKEN.findall(text.casefold()) if len(w) > 1 and not w.isdigit()}


def title_candidates(feats: list[Feat], start: int, lookback: int) -> list[int]:
    """Blocks above the text's first paragraph that could be its headline: the `lookback`
    nearest, and any the markup names as the title (<h1>, og:title, JSON-LD headline)."""
    lo = max(0, start - lookback)
    out = [i for i in range(start - 1, lo - 1, -1) if 1 <= feats[i].words <= 60]
    out += [i for i in range(lo - 1, -1, -1) if feats[i].dom_title and 1 <= feats[i].words <= 60]
    return out


def text_words(blocks: list[Block], feats: list[Feat], start: int, n: int = 3) -> set[str]:
    """Words of the first `n` paragraphs from `start`: a headline shares words with its lead."""
    words: set[str] = set()
    seen = 0
    for j in range(start, len(blocks)):
        if feats[j].paragraph:
            words |= _wordset(blocks[j].text)
            seen += 1
            if seen >= n:
                break
    return words


def title_features(blocks: list[Block], feats: list[Feat], i: int, start: int, rank: int,
                   lead_words: set[str]) -> list[float]:
    b, f = blocks[i], feats[i]
    text = b.text.rstrip()
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    first = next((c for c in text if c.isalnum()), "")
    own = _wordset(text)
    dom = b.features or {}
    heading = int(dom.get("heading") or 0)
    furniture = f.boiler or f.related or f.section_end or f.dom_boiler or cues.is_toolbar(text)
    return [
        math.log1p(max(0, start - i)),
        min(rank, 6) / 6,
        math.log1p(f.words),
        float(f.words < 4),
        float(f.words > 25),
        float(upper > 0.8),
        float(first.isupper() or first.isdigit()),
        float(text.endswith((".", ":", ",", ";")) and not text.endswith("...")),
        float(bool(_NUMBERED.match(text))),
        float(looks_like_byline(text, f.words)),
        float(furniture),
        float(f.date > 0),
        float(f.caption_cue or f.dom_caption),
        float(f.paragraph),
        float(f.dup > 1),
        len(own & lead_words) / len(own) if own else 0.0,
        float(heading == 1),
        float(1 < heading <= 6),
        float(f.dom_title and bool(dom.get("meta_title"))),
        float(bool(dom.get("title_cue"))),
        f.link_density,
        float(" | " in text or " - " in text),
    ]


def choose_title(models: Models, blocks: list[Block], feats: list[Feat], start: int, lookback: int,
                 min_prob: float) -> int | None:
    """The candidate the title model scores highest, if it scores at least `min_prob`."""
    cands = title_candidates(feats, start, lookback)
    if not cands:
        return None
    lead_words = text_words(blocks, feats, start)
    best, best_z = None, -math.inf
    for rank, i in enumerate(cands):
        z = models.title.logit(title_features(blocks, feats, i, start, rank, lead_words))
        if z > best_z:
            best, best_z = i, z
    floor = math.log(min_prob / (1 - min_prob)) if 0 < min_prob < 1 else -math.inf
    return best if best_z >= floor else None


# --- caption or body ----------------------------------------------------------------------
# A picture's caption and a paragraph of the story can look alike. The page decides: in a photo
# story whose narrative is carried by the captions (no other running text), they are the body;
# in an ordinary article, short descriptive lines under pictures are captions. The caption
# model reads the page's balance of caption words and running text, after the rules set the
# roles, and says whether the captions carry the story.

CAPTION_FEATURES = ("caption_share",)


def _cued(f: Feat) -> bool:
    return f.caption_cue or f.dom_caption


def caption_features(blocks: list[Block], feats: list[Feat], html: bool) -> list[float] | None:
    """The share of the text's words in captions (lead excluded: every story has one); None
    when the page has no caption. One feature: on the labelled pages it alone separates photo
    stories (0.81 and up) from articles with pictures (0.31 and below), and more features
    fitted on a dozen photo stories would learn their sites, not their shape."""
    cap = body = n_caps = 0
    for bl, f in zip(blocks, feats):
        if bl.role == "caption":
            cap += f.words
            n_caps += 1
        elif bl.role == "body":
            body += f.words
    if not n_caps:
        return None
    return [cap / (cap + body)]


def revise_captions(models: Models, blocks: list[Block], feats: list[Feat], html: bool,
                    credit_max_words: int) -> None:
    """The context-sensitive pass over captions: when the caption model says the captions carry
    the story, every caption but a bare photo credit becomes body."""
    x = caption_features(blocks, feats, html)
    if x is None or models.caption.prob(x) < 0.5:
        return
    for bl, f in zip(blocks, feats):
        if bl.role == "caption" and not (f.caption_cue and f.words <= credit_max_words):
            bl.role, bl.reason = "body", "photo story: the captions carry the text (caption model)"


# --- page kind -----------------------------------------------------------------------------

KIND_FEATURES = (
    "content_words_log", "run_score_log", "has_title", "has_date", "header", "captions_log", "run_share",
    "outside_teasers_log", "under_headline", "tagged", "paragraphs_log", "dated_lines_log",
    "headlines_log", "isolated_share", "run_paragraph_share", "declared_article", "html",
)


def kind_features(blocks: list[Block], feats: list[Feat], a: int, b: int, score: float,
                  hints: dict | None, html: bool) -> list[float]:
    """What the page as a whole says about being one article, read after the roles are set."""
    roles = [bl.role for bl in blocks]
    content_words = sum(f.words for f, r in zip(feats, roles) if r in ("lead", "body"))
    title = next((i for i, r in enumerate(roles) if r == "title"), None)
    date = next((i for i, r in enumerate(roles) if r == "date"), None)
    every = [i for i, f in enumerate(feats) if f.paragraph]
    all_words = sum(feats[i].words for i in every) or 1
    in_run = sum(feats[i].words for i in every if a <= i <= b)
    outside = sum(1 for i in every if i > 0 and feats[i - 1].headline and not a <= i <= b)
    paras = [i for i in range(a, b + 1) if roles[i] in ("lead", "body") and feats[i].paragraph]
    under = sum(1 for i in paras[1:] if feats[i - 1].headline and not feats[i - 1].caption_cue)
    tagged = sum(1 for i in paras if cues.OUTLET_TAG.match(blocks[i].text))
    dated = sum(1 for f in feats if f.dates or f.date > 0)
    # a list page's paragraphs stand alone, each under its headline; an article's run together
    alone = sum(1 for i in every if not ((i > 0 and feats[i - 1].paragraph) or (i + 1 < len(feats) and feats[i + 1].paragraph)))
    heads = sum(1 for f in feats if f.headline)
    hints = hints or {}
    return [
        math.log1p(content_words),
        math.log1p(max(0.0, score)),
        float(title is not None),
        float(date is not None),
        float(title is not None and date is not None and abs(title - date) <= 3),
        math.log1p(roles.count("caption")),
        in_run / all_words,
        math.log1p(outside),
        under / (len(paras) - 1) if len(paras) > 1 else 0.0,
        tagged / len(paras) if paras else 0.0,
        math.log1p(len(paras)),
        math.log1p(dated),
        math.log1p(heads),
        alone / len(every) if every else 1.0,
        sum(1 for i in every if a <= i <= b) / len(every) if every else 0.0,
        float(bool(hints.get("declared_article"))),
        float(html),
    ]
