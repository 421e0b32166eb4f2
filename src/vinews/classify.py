"""Give every block a role and the page a kind.

The cues are structural, so they hold on sites never seen: the article body is the densest run
of running text on the page; the title is the headline just above it; related-news lists are
runs of headline / timestamp / one teaser, repeated; page furniture uses a small vocabulary.
"""
from __future__ import annotations

import math

from . import cues
from .features import Feat, block_features
from .model import Block
from .params import DEFAULT, ExtractParams
from .roles import assign_roles


def block_score(f: Feat, isolated: bool, item_heading: bool = False, end_mark: bool = False,
                params: ExtractParams = DEFAULT) -> float:
    """How much a block argues for being inside the article's main run."""
    p = params
    if f.dom_boiler:
        # Markup says furniture (a related box, a share bar). Nearly neutral for the run: such a
        # box often sits inside the article, between lead and body, and must not cut it.
        return p.score_dom_boiler
    if f.section_end:
        return p.score_section_end  # a hard wall: comments, tags or related lists follow
    if f.boiler or f.related:
        return p.score_boiler
    if f.link_density >= p.link_headline_density and not f.paragraph:
        return p.score_link_headline  # HTML path: a headline that is all link is another article's
    if f.date > 0:
        return p.score_dateline
    if f.paragraph:
        if f.dates >= p.teaser_blob_dates:
            return p.score_teaser_blob  # a blob of teasers with their timestamps run together
        if isolated:
            # one paragraph between headlines is a list item's teaser; printed twice, surely so
            if f.dup > 1:
                return p.score_isolated_dup
            # under a short item heading ("Bukayo Saka (Anh): +10 triệu euro") it is a listicle's
            # entry more often than a teaser, which sits under a full news headline
            return (p.isolated_item_weight if item_heading else p.isolated_weight) * f.words
        return float(f.words)
    if f.caption_cue or f.dom_caption:
        return p.score_caption
    if end_mark:
        return p.score_end_byline  # a byline right after a paragraph closes the article
    if f.sentence and f.words >= p.short_sentence_min_words:
        return p.score_short_sentence
    if f.headline:
        return p.score_headline
    return p.score_other


def isolated(feats: list[Feat], i: int) -> bool:
    """No other paragraph right before or after it (a copy of the same text does not count)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(feats) and feats[j].paragraph and feats[j].key != feats[i].key:
            return False
    return True


def main_run(feats: list[Feat], params: ExtractParams = DEFAULT) -> tuple[int, int, float]:
    """The contiguous run of blocks with the highest total score (Kadane). `feats` must come
    from block_features with the same params: their cached scores were computed with them."""
    best_start, best_end, best = 0, -1, 0.0
    start, total = 0, 0.0
    prev = None
    heading_max = params.item_heading_max_words
    for i, f in enumerate(feats):
        if f.paragraph:
            heading = prev is not None and prev.headline and prev.words <= heading_max
            s = block_score(f, isolated(feats, i), heading, False, params)
        elif f.byline and prev is not None and prev.paragraph:
            s = block_score(f, False, False, True, params)  # a byline closes the text
        else:
            # The score of any other block depends on the block alone (and the params): kept on
            # the record, which the line memo (one per params) shares across pages.
            s = f.score
            if s is None:
                s = f.score = block_score(f, False, False, False, params)
        if total <= 0:
            start, total = i, s
        else:
            total += s
        if total > best:
            best_start, best_end, best = start, i, total
        prev = f
    return best_start, best_end, best


def locate_text(blocks: list[Block], feats: list[Feat], params: ExtractParams = DEFAULT
                ) -> tuple[int | None, int, int, float]:
    """(first paragraph, run start, run end, run score) of the main text; first is None when
    the page has no run of running text."""
    a, b, score = main_run(feats, params)
    if b < a:
        return None, a, b, score
    a = rescue_lead(blocks, feats, a, params)
    start = next((i for i in range(a, b + 1) if feats[i].paragraph), a)
    return start, a, b, score


def _roles(blocks: list[Block], p: ExtractParams) -> tuple[list[Feat], int, int, float] | None:
    """Every block's role (before the page-kind decision); None: no run of running text."""
    for bl in blocks:
        bl.role, bl.reason = "boilerplate", "outside the main text"
    feats = block_features(blocks, p)
    start, a, b, score = locate_text(blocks, feats, p)
    if start is None:
        return None
    weak = score < p.min_run_score  # no two paragraphs of running text side by side anywhere
    # A photo story has little running text: its pictures' captions follow the lead.
    tail = photo_tail(feats, b, p) if weak else b
    assign_roles(blocks, feats, a, b, tail, p)
    if p.use_fitted_caption:
        from .fitted import load_models, revise_captions

        revise_captions(load_models(p.model_file), blocks, feats, p.photo_credit_max_words)
    return feats, a, b, score


def page_kind_features(blocks: list[Block], params: ExtractParams, hints: dict | None, html: bool) -> list[float] | None:
    """The page-kind model's features for a page (sets the blocks' roles as classify does);
    None when the page has no run of text. For bench/fit_extract.py."""
    from .fitted import kind_features

    found = _roles(blocks, params) if blocks else None
    if found is None:
        return None
    feats, a, b, score = found
    return kind_features(blocks, feats, a, b, score, hints, html)


def classify(blocks: list[Block], params: ExtractParams | None = None, hints: dict | None = None
             ) -> tuple[str, str | None]:
    """Set `role` and `reason` on each block; return (kind, reason-if-not-article). `hints`:
    what the HTML path's markup says of the page (evidence for its kind)."""
    p = DEFAULT if params is None else params
    if not blocks:
        return "nonarticle", "no text"
    found = _roles(blocks, p)
    if found is None:
        return "nonarticle", "no run of running text"
    feats, a, b, score = found
    if p.use_fitted_kind:
        return _fitted_kind(blocks, feats, a, b, score, hints, p)
    weak = score < p.min_run_score
    marked = [i for i, bl in enumerate(blocks) if bl.role != "boilerplate"]
    content_words = sum(feats[i].words for i in marked if blocks[i].role in ("lead", "body"))
    short = content_words < p.rules_min_article_words or (content_words < p.header_less_factor * p.rules_min_article_words
                                                    and not _has_header(blocks, a, b, p))
    if (short or weak) and not _photo_post(blocks, p):
        _demote(blocks)
        return "nonarticle", f"too little article text ({content_words} words)"
    if not any(blocks[i].role == "title" for i in marked) and content_words < p.untitled_min_words:
        _demote(blocks)
        return "nonarticle", "no headline above the text"
    if _looks_like_list(blocks, feats, a, b, p):
        _demote(blocks)
        return "nonarticle", "list of headlines and teasers (home or category page)"
    return "article", None


def _fitted_kind(blocks: list[Block], feats: list[Feat], a: int, b: int, score: float, hints: dict | None,
                 p: ExtractParams) -> tuple[str, str | None]:
    from .fitted import kind_features, load_models

    # from the blocks, not the hints: a text page can carry a crawler's hints (pipeline.py)
    html = any([bl.features for bl in blocks])
    x = kind_features(blocks, feats, a, b, score, hints, html)
    words = round(math.expm1(x[0]))
    if words < p.min_article_words:
        _demote(blocks)
        return "nonarticle", f"too little article text ({words} words)"
    prob = load_models(p.model_file).kind.prob(x)
    if prob >= p.min_article_prob:
        return "article", None
    _demote(blocks)
    return "nonarticle", f"not an article (page-kind model: p={prob:.2f}; {words} words of text, " \
                         f"{'a' if x[2] else 'no'} headline, {'a' if x[3] else 'no'} dateline)"


def photo_tail(feats: list[Feat], b: int, params: ExtractParams = DEFAULT) -> int:
    """Extend a weak run over the short descriptive lines after it (captions of a photo story).
    Stops at furniture, datelines, section headers and running text, so a list of dated
    teasers is not taken in."""
    p = params
    j = b
    for i in range(b + 1, min(len(feats), b + p.photo_tail_window)):
        f = feats[i]
        credit = f.byline and f.caption_cue  # "Ảnh: Minh Anh" between two pictures
        if f.section_end or f.boiler or f.related or f.date > 0 or f.dom_boiler or (f.byline and not credit):
            break
        if f.paragraph and not f.caption_cue:
            break
        if not (f.caption_cue or p.photo_tail_min_words <= f.words <= p.photo_tail_max_words):
            break
        if not credit:
            j = i  # a credit is taken in only with a caption after it; a last one is the byline's
    return j if j - b >= p.photo_tail_min_captions else b


def rescue_lead(blocks: list[Block], feats: list[Feat], a: int, params: ExtractParams = DEFAULT) -> int:
    """The lead can sit alone under the headline, cut off from the body by a box of related
    links or a label; the run then starts too late. Take it back when a headline sits right
    above it."""
    from .roles import find_title

    for i in range(a - 1, max(-1, a - 1 - params.rescue_lookback), -1):
        f = feats[i]
        if f.paragraph:
            # a sure headline only: a teaser under a menu label must not pass for the lead
            title = find_title(blocks, feats, i, params, params.rescue_title_min_prob, params.rescue_title_gap)
            return i if title is not None and title >= i - params.rescue_title_gap else a
        if f.section_end or f.dom_boiler:
            return a
    return a


def _photo_post(blocks: list[Block], p: ExtractParams = DEFAULT) -> bool:
    """A short photo story: a headline, some text and several captions."""
    has_title = any(b.role == "title" for b in blocks)
    captions = sum(1 for b in blocks if b.role == "caption")
    return has_title and captions >= p.photo_post_min_captions


def _looks_like_list(blocks: list[Block], feats: list[Feat], a: int, b: int, p: ExtractParams = DEFAULT) -> bool:
    """The run is a list of teasers: most paragraphs sit under their own headline, or several
    open with the outlet tag that only an article's lead carries ("(NLĐO) -", "TTO -")."""
    every = [i for i, f in enumerate(feats) if f.paragraph]
    in_run = sum(feats[i].words for i in every if a <= i <= b)
    outside_teasers = sum(1 for i in every if i > 0 and feats[i - 1].headline and not a <= i <= b)
    if (in_run < p.list_run_share * sum(feats[i].words for i in every) and outside_teasers >= p.list_outside_teasers
            and not _has_header(blocks, a, b, p)):
        return True  # the run is a small part of a page full of headline + teaser items
    paras = [i for i in range(a, b + 1) if blocks[i].role in ("lead", "body") and feats[i].paragraph]
    if not paras:
        return True
    under_headline = sum(1 for i in paras[1:] if feats[i - 1].headline and not feats[i - 1].caption_cue)
    tagged = sum(1 for i in paras if cues.OUTLET_TAG.match(blocks[i].text))
    if tagged >= p.list_min_tagged and tagged >= p.list_tagged_share * len(paras):
        return True
    if len(paras) < p.list_min_paras or under_headline < p.list_under_headline_share * (len(paras) - 1):
        return False
    # A listicle has the same shape, but under short item headings ("Bukayo Saka (Anh): +10
    # triệu euro"); teasers sit under full news headlines.
    heads = sorted(feats[i - 1].words for i in paras[1:] if feats[i - 1].headline)
    return heads[len(heads) // 2] >= p.list_heading_words


def _has_header(blocks: list[Block], a: int, b: int, p: ExtractParams = DEFAULT) -> bool:
    """An article's header: a headline with its dateline right by it, over at least two
    paragraphs. A short article on a heavy page keeps its kind thanks to this."""
    title = next((i for i, bl in enumerate(blocks) if bl.role == "title"), None)
    date = next((i for i, bl in enumerate(blocks) if bl.role == "date"), None)
    paras = sum(1 for bl in blocks[a : b + 1] if bl.role in ("lead", "body"))
    return (title is not None and date is not None and abs(title - date) <= p.header_date_gap
            and paras >= p.header_min_paras)



def _demote(blocks: list[Block]) -> None:
    for b in blocks:
        if b.role != "boilerplate":
            b.reason = f"page is not an article (was {b.role})"
            b.role = "boilerplate"
