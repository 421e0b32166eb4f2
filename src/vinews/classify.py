"""Give every block a role and the page a kind.

The cues are structural, so they hold on sites never seen: the article body is the densest run
of running text on the page; the title is the headline just above it; related-news lists are
runs of headline / timestamp / one teaser, repeated; page furniture uses a small vocabulary.
"""
from __future__ import annotations

from .features import Feat, block_features
from .model import Block
from .roles import assign_roles

MIN_ARTICLE_WORDS = 40


def block_score(f: Feat, isolated: bool) -> float:
    """How much a block argues for being inside the article's main run."""
    if f.dom_boiler:
        return -30.0
    if f.boiler or f.related:
        return -15.0
    if f.date > 0:
        return -8.0
    if f.paragraph:
        s = float(f.words)
        if f.dup > 1:
            s = -5.0  # a teaser printed twice
        elif isolated and not f.dom_article:
            s *= 0.25  # one paragraph between headlines: a list item's teaser
        return s
    if f.caption_cue or f.dom_caption:
        return 0.0
    if f.sentence and f.words >= 5:
        return 2.0
    return -3.0


def main_run(feats: list[Feat]) -> tuple[int, int, float]:
    """The contiguous run of blocks with the highest total score (Kadane)."""
    n = len(feats)
    para = [f.paragraph and f.dup == 1 for f in feats]
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, f in enumerate(feats):
        isolated = para[i] and not (i > 0 and para[i - 1]) and not (i + 1 < n and para[i + 1])
        s = block_score(f, isolated)
        if total <= 0:
            start, total = i, s
        else:
            total += s
        if total > best[2]:
            best = (start, i, total)
    return best


def classify(blocks: list[Block]) -> tuple[str, str | None]:
    """Set `role` and `reason` on each block; return (kind, reason-if-not-article)."""
    for b in blocks:
        b.role, b.reason = "boilerplate", "outside the main text"
    if not blocks:
        return "nonarticle", "no text"
    feats = block_features(blocks)
    a, b, score = main_run(feats)
    if b < a:
        return "nonarticle", "no run of running text"
    assign_roles(blocks, feats, a, b)
    content_words = sum(feats[i].words for i, bl in enumerate(blocks) if bl.role in ("lead", "body"))
    if content_words < MIN_ARTICLE_WORDS and not _photo_post(blocks, feats):
        _demote(blocks)
        return "nonarticle", f"too little article text ({content_words} words)"
    if not any(bl.role == "title" for bl in blocks) and content_words < 150:
        _demote(blocks)
        return "nonarticle", "no headline above the text"
    if _looks_like_list(blocks, feats, a, b):
        _demote(blocks)
        return "nonarticle", "list of headlines and teasers (home or category page)"
    return "article", None


def _photo_post(blocks: list[Block], feats: list[Feat]) -> bool:
    """A short photo story: a headline, some text and several captions."""
    has_title = any(b.role == "title" for b in blocks)
    captions = sum(1 for b in blocks if b.role == "caption")
    return has_title and captions >= 3


def _looks_like_list(blocks: list[Block], feats: list[Feat], a: int, b: int) -> bool:
    """Many paragraphs on the page are teasers each under its own headline, and the main run
    holds only a small share of the page's running text."""
    paras = [i for i, f in enumerate(feats) if f.paragraph]
    if not paras:
        return True
    in_run = sum(feats[i].words for i in paras if a <= i <= b)
    total = sum(feats[i].words for i in paras)
    teasers = sum(1 for i in paras if i > 0 and feats[i - 1].headline and not (a <= i <= b))
    return in_run < 0.2 * total and teasers >= 8


def _demote(blocks: list[Block]) -> None:
    for b in blocks:
        if b.role != "boilerplate":
            b.reason = f"page is not an article (was {b.role})"
            b.role = "boilerplate"
