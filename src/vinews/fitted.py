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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import mul
from typing import Sequence

from . import cues
from .features import Feat
from .memo import LineMemo
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
    # the standardisation folded into the weights: logit = bias + sum(w * x), one C-level pass
    w: tuple[float, ...] = field(default=(), compare=False, repr=False)
    bias: float = field(default=0.0, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "w", tuple(c / s for c, s in zip(self.coef, self.scale)))
        object.__setattr__(self, "bias", self.intercept - sum(c * m / s for c, m, s in
                                                               zip(self.coef, self.mean, self.scale)))

    def logit(self, x: Sequence[float]) -> float:
        return self.bias + sum(map(mul, x, self.w))

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


def model_bytes(path: str = BUILTIN) -> bytes:
    """The model file's bytes (`builtin`: the one shipped in the package)."""
    if path == BUILTIN:
        return resources.files("vinews").joinpath("data/extract_model.json").read_bytes()
    with open(path, "rb") as fh:
        return fh.read()


@lru_cache(maxsize=8)
def load_models(path: str = BUILTIN) -> Models:
    """The fitted models from a JSON file (`builtin`: the one shipped in the package)."""
    d = json.loads(model_bytes(path).decode("utf-8"))
    for name, names in (("title", TITLE_FEATURES), ("caption", CAPTION_FEATURES), ("kind", KIND_FEATURES)):
        if name not in d or tuple(d[name]["names"]) != names:
            raise ValueError(f"{path}: the {name} model was fitted on other features than this code computes; "
                             f"refit it with bench/fit_extract.py")
    return Models(Linear.from_dict(d["title"]), Linear.from_dict(d["caption"]), Linear.from_dict(d["kind"]),
                  d.get("meta", {}))


# --- title ---------------------------------------------------------------------------------

TITLE_FEATURES = (
    # where the candidate stands, relative to this text (computed per page)
    "dist_log", "rank", "lead_overlap",
    # what the line and its markup say (the same wherever the line stands: memoised on its Feat)
    "words_log", "short", "long", "upper", "cap_first", "end_punct", "numbered", "byline", "furniture", "date",
    "caption", "paragraph", "dup", "h1", "h_other", "meta_title", "title_cue", "link_density", "site_suffix",
)
_PLACED = 3  # the first three features depend on the candidate's place
_NO_DOM: dict = {}
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)/:]\s")
_EDGE = "\"'“”‘’«»()[]{}<>,.;:!?…-–—|/\\%*#@&+=~^$"


def _wordset(text: str) -> set[str]:
    """The words of a line that say what it is about: two letters or more, not a number
    (whitespace tokens without their edge punctuation: cheap enough for every page's lead)."""
    return {w for w in (t.strip(_EDGE) for t in text.casefold().split()) if len(w) > 1 and not w.isdigit()}


def title_candidates(feats: list[Feat], start: int, lookback: int) -> list[int]:
    """Blocks above the text's first paragraph that could be its headline: the `lookback`
    nearest, and any the markup names as the title (<h1>, og:title, JSON-LD headline)."""
    lo = max(0, start - lookback)
    out = [i for i in range(start - 1, lo - 1, -1) if feats[i].words in _CANDIDATE_WORDS]
    if lo:
        named = [f.dom_title for f in feats[:lo]]  # one pass over the attribute; True only on the HTML path
        if True in named:
            out += [i for i in range(lo - 1, -1, -1) if named[i] and feats[i].words in _CANDIDATE_WORDS]
    return out


_CANDIDATE_WORDS = range(1, 61)  # a headline has 1 to 60 words (range membership: one C-level test)


LEAD_CHARS = 300  # a headline's words are in the opening of its lead: no need to read further


def text_words(blocks: list[Block], feats: list[Feat], start: int, n: int = 2) -> set[str]:
    """Words of the first `n` paragraphs from `start`: a headline shares words with its lead.
    Every whitespace token without its edge punctuation, unfiltered: the set is only ever
    intersected with a candidate's `_wordset`, which drops one-letter words and numbers itself,
    so filtering here would change no count and cost a Python step per word."""
    words: set[str] = set()
    seen = 0
    for j in range(start, len(blocks)):
        f = feats[j]
        if f.paragraph:
            own = f.opening_words  # kept on the Feat: a page can ask twice (lead rescue, then roles)
            if own is None:
                own = f.opening_words = frozenset(map(str.strip, blocks[j].text[:LEAD_CHARS].casefold().split(),
                                                      repeat(_EDGE)))
            words |= own
            seen += 1
            if seen >= n:
                break
    return words


# What a candidate's text alone says: menus and labels above the text repeat on every page of a
# site, so this part comes from a per-process line memo (memo.py).
_TITLE_LINES = LineMemo("title-lines")


def _title_line(text: str) -> tuple:
    hit = _TITLE_LINES.get(text)
    if hit is None:
        t = text.rstrip()
        letters = "".join(filter(str.isalpha, t))  # per character in C, no Python frame
        upper = sum(map(str.isupper, letters)) / len(letters) if letters else 0.0
        first = next((c for c in t if c.isalnum()), "")
        hit = (float(upper > 0.8), float(first.isupper() or first.isdigit()),
               float(t.endswith((".", ":", ",", ";")) and not t.endswith("...")),
               float(bool(_NUMBERED.match(t))), cues.is_toolbar(t),
               float(" | " in t or " - " in t), frozenset(_wordset(t)))
        _TITLE_LINES.put(text, hit)
    return hit


def _title_static(b: Block, f: Feat) -> tuple[list[float], frozenset]:
    upper, cap_first, end_punct, numbered, toolbar, site_suffix, own = _title_line(b.text)
    dom = b.features or _NO_DOM
    heading = int(dom.get("heading") or 0)
    furniture = f.boiler or f.related or f.section_end or f.dom_boiler or toolbar
    return [
        math.log1p(f.words),
        float(f.words < 4),
        float(f.words > 25),
        upper,
        cap_first,
        end_punct,
        numbered,
        float(f.byline),  # looks_like_byline within params.byline_max_words, computed with the line's features
        float(furniture),
        float(f.date > 0),
        float(f.caption_cue or f.dom_caption),
        float(f.paragraph),
        float(f.dup > 1),
        float(heading == 1),
        float(1 < heading <= 6),
        float(f.dom_title and bool(dom.get("meta_title"))),
        float(bool(dom.get("title_cue"))),
        f.link_density,
        site_suffix,
    ], own


_LOG1P = [math.log1p(n) for n in range(256)]
_SLACK = 1e-9  # rounding room for the bounds on the lead-overlap term (choose_title)


def _placed(i: int, start: int, rank: int, own: frozenset, lead_words: set[str]) -> list[float]:
    # choose_title computes the same inline; candidates sit above the text, so start - i >= 1
    return [_LOG1P[min(start - i, 255)], min(rank, 6) / 6, len(own & lead_words) / len(own) if own else 0.0]


def title_features(blocks: list[Block], feats: list[Feat], i: int, start: int, rank: int,
                   lead_words: set[str]) -> list[float]:
    """The title model's features of candidate `i` for the text starting at `start`."""
    static, own = _title_static(blocks[i], feats[i])
    return _placed(i, start, rank, own, lead_words) + static


def choose_title(models: Models, blocks: list[Block], feats: list[Feat], start: int, lookback: int,
                 min_prob: float) -> int | None:
    """The candidate the title model scores highest, if it scores at least `min_prob`. The
    score of what a line says by itself is kept on its Feat (shared by every page that prints
    the line), tagged with the model that computed it."""
    cands = title_candidates(feats, start, lookback)
    if not cands:
        return None
    # Where the page's <h1> is the line its og:title / JSON-LD headline names, that agreement of
    # three sources is decisive (the model only weighs it where it is missing).
    agreed = [i for i in cands if feats[i].dom_title and (blocks[i].features or _NO_DOM).get("heading") == 1
              and (blocks[i].features or _NO_DOM).get("meta_title")]
    if agreed:
        return agreed[0]
    lin = models.title
    w_placed, w_static = lin.w[:_PLACED], lin.w[_PLACED:]
    # Every score but the lead-overlap term first: that term lies between min(0, w) and max(0, w)
    # (overlap is a share), so a candidate whose best case is below another's worst case cannot
    # win, and most pages are decided without reading the lead's words at all. The scores are
    # summed in the same order as one expression would, so the chosen line is the same.
    parts = []
    for rank, i in enumerate(cands):
        f = feats[i]
        memo = f.title_memo
        if memo is None or memo[0] is not lin:
            static, own = _title_static(blocks[i], f)
            memo = f.title_memo = (lin, sum(map(mul, static, w_static)), own)
        parts.append((i, lin.bias + memo[1] + w_placed[0] * _LOG1P[min(start - i, 255)]
                      + w_placed[1] * (min(rank, 6) / 6), memo[2]))
    w_lead = w_placed[2]
    low, high = min(0.0, w_lead) - _SLACK, max(0.0, w_lead) + _SLACK
    floor = math.log(min_prob / (1 - min_prob)) if 0 < min_prob < 1 else (-math.inf if min_prob <= 0 else math.inf)
    worst = max(z + low if own else z for _, z, own in parts)
    alive = [p for p in parts if (p[1] + high if p[2] else p[1]) >= worst]
    if len(alive) == 1:
        i, z, own = alive[0]
        if not own:
            return i if z >= floor else None
        if z + low >= floor:
            return i
        if z + high < floor:
            return None
    lead_words = text_words(blocks, feats, start)
    best, best_z = None, -math.inf
    for i, z, own in alive:
        z = z + (w_lead * len(own & lead_words) / len(own) if own else 0.0)
        if z > best_z:
            best, best_z = i, z
    return best if best_z >= floor else None


# --- caption or body ----------------------------------------------------------------------
# A picture's caption and a paragraph of the story can look alike. The page decides: in a photo
# story whose narrative is carried by the captions (no other running text), they are the body;
# in an ordinary article, short descriptive lines under pictures are captions. The caption
# model reads the page's balance of caption words and running text, after the rules set the
# roles, and says whether the captions carry the story.

CAPTION_FEATURES = ("caption_share",)


def caption_features(blocks: list[Block], feats: list[Feat]) -> list[float] | None:
    """The share of the text's words in captions (lead excluded: every story has one); None
    when the page has no caption. One feature: on the labelled pages it alone separates photo
    stories (0.81 and up) from articles with pictures (0.31 and below), and more features
    fitted on a dozen photo stories would learn their sites, not their shape."""
    roles = [bl.role for bl in blocks]
    if "caption" not in roles:
        return None
    words = [f.words for f in feats]
    cap = sum(compress(words, map("caption".__eq__, roles)))
    body = sum(compress(words, map("body".__eq__, roles)))
    return [cap / (cap + body) if cap + body else 1.0]


def revise_captions(models: Models, blocks: list[Block], feats: list[Feat], credit_max_words: int) -> None:
    """The context-sensitive pass over captions: when the caption model says the captions carry
    the story, every caption but a bare photo credit becomes body."""
    x = caption_features(blocks, feats)
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
    "dated_above_log",
)


_CONTENT = frozenset(("lead", "body")).__contains__
_ALONE = re.compile(rb"(?<!\x01)\x01(?!\x01)")
# Feat.shape = paragraph | headline << 1 | dated << 2; these tables pick codes out of it (bytes.translate)
_PARA = bytes(c & 1 for c in range(256))
_HEAD = bytes((c >> 1) & 1 for c in range(256))
_DATED = bytes((c >> 2) & 1 for c in range(256))
_PARA_HEAD = bytes(c & 3 for c in range(256))  # bit 0 paragraph, bit 1 headline
_UNDER_HEAD = re.compile(rb"[\x02\x03](?=[\x01\x03])")  # a headline with a paragraph after it


def kind_features(blocks: list[Block], feats: list[Feat], a: int, b: int, score: float,
                  hints: dict | None, html: bool) -> list[float]:
    """What the page as a whole says about being one article, read after the roles are set.
    This runs on every page: each per-block column is one list comprehension (faster than
    map(attrgetter) over slots and msgspec structs), counted in C (compress, a regex over a byte
    string), and only the run's few paragraphs walked in Python."""
    roles = [bl.role for bl in blocks]
    words = [f.words for f in feats]
    shapes = bytes([f.shape for f in feats])
    para = shapes.translate(_PARA)  # 1 where the block is a paragraph
    head = shapes.translate(_HEAD)
    content = list(map(_CONTENT, roles))
    content_words = sum(compress(words, content))
    n_caps = roles.count("caption")
    title = roles.index("title") if "title" in roles else None
    date = roles.index("date") if "date" in roles else None
    every = para.count(1)
    all_words = sum(compress(words, para))
    in_run = sum(compress(words[a:b + 1], para[a:b + 1]))
    run_paras = para[a:b + 1].count(1)
    # a paragraph right under a headline: bit 0 paragraph, bit 1 headline, one regex over the codes
    codes = shapes.translate(_PARA_HEAD)
    outside = len(_UNDER_HEAD.findall(codes)) - len(_UNDER_HEAD.findall(codes[max(0, a - 1):b + 1]))
    alone = len(_ALONE.findall(para))  # paragraphs with no paragraph right before or after them
    dated_codes = shapes.translate(_DATED)
    dated = dated_codes.count(1)
    # dated lines above the headline: the "article" is one entry of a list of dated entries
    dated_above = dated_codes[:title if title is not None else a].count(1)
    heads = head.count(1)
    paras = [i for i in range(a, b + 1) if para[i] and content[i]]
    n_paras = len(paras)
    under = sum(1 for i in paras[1:] if head[i - 1] and not feats[i - 1].caption_cue)
    tagged = sum(1 for i in paras if cues.OUTLET_TAG.match(blocks[i].text))
    hints = hints or {}
    return [
        math.log1p(content_words),
        math.log1p(max(0.0, score)),
        float(title is not None),
        float(date is not None),
        float(title is not None and date is not None and abs(title - date) <= 3),
        math.log1p(n_caps),
        in_run / (all_words or 1),
        math.log1p(outside),
        under / (n_paras - 1) if n_paras > 1 else 0.0,
        tagged / n_paras if n_paras else 0.0,
        math.log1p(n_paras),
        math.log1p(dated),
        math.log1p(heads),
        alone / every if every else 1.0,
        run_paras / every if every else 0.0,
        float(bool(hints.get("declared_article"))),
        float(html),
        math.log1p(dated_above),
    ]
