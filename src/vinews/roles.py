"""Roles inside and around the main run: title above it, dateline near the title, lead, body,
captions, bylines. Everything else stays boilerplate with the reason it was dropped."""
from __future__ import annotations

from . import cues
from .byline import looks_like_byline
from .features import Feat
from .model import Block
from .params import DEFAULT, ExtractParams


def _title_candidate(b: Block, f: Feat, p: ExtractParams = DEFAULT) -> bool:
    if f.boiler or f.related or f.date > 0 or f.caption_cue or f.dom_boiler:
        return False
    if not p.title_min_words <= f.words <= p.title_max_words:
        return False
    text = b.text.rstrip()
    first = next((c for c in text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return False  # a headline opens with a capital or a number; "và 1 tác giả khác" does not
    return not text.endswith((".", ":", ",", ";")) or text.endswith("...")


def find_title(blocks: list[Block], feats: list[Feat], start: int, params: ExtractParams = DEFAULT,
               min_prob: float | None = None, lookback: int | None = None) -> int | None:
    """The headline of the text starting at `start`: the candidate among the `lookback` (default
    params.title_lookback) blocks above it that the fitted title model scores highest
    (fitted.py), if at least `min_prob` (default params.title_min_prob); with
    `use_fitted_title = false` the hand-set rule."""
    if params.use_fitted_title:
        from .fitted import choose_title, load_models

        return choose_title(load_models(params.model_file), blocks, feats, start,
                            params.title_lookback if lookback is None else lookback,
                            params.title_min_prob if min_prob is None else min_prob)
    return rule_title(blocks, feats, start, params)


def rule_title(blocks: list[Block], feats: list[Feat], start: int, params: ExtractParams = DEFAULT) -> int | None:
    """The baseline rule: the headline nearest above `start`, skipping datelines, bylines, labels
    and furniture. On the HTML path the markup can name it (the <h1>, or og:title / JSON-LD
    headline)."""
    p = params
    window = range(start - 1, max(-1, start - 1 - p.title_lookback), -1)
    marked = [i for i in window if feats[i].dom_title and p.title_min_words <= feats[i].words <= p.title_max_words]
    if marked:
        return marked[0]
    for i in window:
        f, b = feats[i], blocks[i]
        if f.dom_boiler or f.boiler or f.related or f.date > 0:
            continue
        if f.words <= p.title_skip_max_words or looks_like_byline(b.text, f.words):
            continue
        if f.paragraph and f.dup > 1:
            continue  # the lead printed twice above the real header
        if _title_candidate(b, f, p):
            return i
        if f.paragraph:
            return None  # ran into another text run: no headline for this one
    return None


def _first_paragraph(feats: list[Feat], a: int, b: int) -> int:
    for i in range(a, b + 1):
        if feats[i].paragraph:
            return i
    return a


def _last_paragraph(feats: list[Feat], a: int, b: int, p: ExtractParams = DEFAULT) -> int:
    for i in range(b, a - 1, -1):
        if feats[i].paragraph or (feats[i].sentence and feats[i].words >= p.short_sentence_min_words):
            return i
    return b


def assign_roles(blocks: list[Block], feats: list[Feat], a: int, b: int, tail: int | None = None,
                 params: ExtractParams = DEFAULT) -> None:
    p = params
    start = _first_paragraph(feats, a, b)
    end = _last_paragraph(feats, a, b, p)
    title = find_title(blocks, feats, start, p)
    if title is not None:
        _set(blocks[title], "title", "headline above the text")
    top = title + 1 if title is not None else start
    date = _pick_date(blocks, feats, top, start, title, p)
    if date is not None:
        _set(blocks[date], "date", "dateline next to the headline")
    lead_done = False
    # A photo story: captioned pictures carry the text; an uncaptioned line among them is one more
    # caption, whatever its length. In an ordinary article only short ones are.
    cued = sum(1 for i in range(top, end + 1) if feats[i].caption_cue or feats[i].dom_caption)
    plain = sum(1 for i in range(top, end + 1) if feats[i].paragraph and not feats[i].caption_cue)
    photo = cued >= p.photo_story_min_cues and cued >= p.photo_story_cue_ratio * (plain - 1)
    cap_len = p.caption_max_words_photo if photo else p.caption_max_words
    for i in range(top, end + 1):
        bl, f = blocks[i], feats[i]
        if i == date:
            continue
        if f.dom_boiler:
            bl.reason = "inside page furniture (nav, sidebar, related, comments)"
        elif f.boiler:
            bl.reason = "page-furniture vocabulary"
        elif f.related or (f.link_density >= p.link_headline_density and not f.paragraph):
            bl.reason = "related-article link"
        elif f.date > 0:
            bl.reason = "another dateline"
        elif not lead_done and i < start and (f.dom_byline or looks_like_byline(bl.text, f.words)):
            _set(bl, "byline", "name line under the headline")
        elif f.caption_cue or f.dom_caption:
            _set(bl, "caption", "photo caption cue")
        elif f.paragraph and f.words < cap_len and lead_done and _between_captions(feats, i):
            _set(bl, "caption", "short text among captions")
        elif f.paragraph:
            if not lead_done:
                _set(bl, "lead", "first paragraph under the headline")
                lead_done = True
            else:
                _set(bl, "body", "running text")
        elif f.words <= p.short_label_max_words and not f.sentence and not (lead_done and i < end):
            bl.reason = "short label"
        elif _is_caption(feats, i, top, end, p):
            _set(bl, "caption", "descriptive line between paragraphs")
        elif lead_done and _in_headline_run(feats, i, top, end, p):
            bl.reason = "list of links inside the text"
        elif lead_done or f.sentence:
            _set(bl, "body", "subheading or short sentence in the text")
        else:
            bl.reason = "short line above the text"
    if tail is not None and tail > end:
        for i in range(end + 1, tail + 1):
            _set(blocks[i], "caption", "picture caption after the lead (photo story)")
        end = tail
    _assign_bylines(blocks, feats, end, p)
    if date is None:
        late = _date_after(feats, end, p)
        if late is not None:
            _set(blocks[late], "date", "dateline after the text")


def _between_captions(feats: list[Feat], i: int) -> bool:
    """In a photo story, a sentence set between two captioned pictures is a caption too."""
    def cap(j: int) -> bool:
        return 0 <= j < len(feats) and (feats[j].caption_cue or feats[j].dom_caption)
    return cap(i - 1) and cap(i + 1)


def _is_caption(feats: list[Feat], i: int, top: int, end: int, p: ExtractParams = DEFAULT) -> bool:
    """A line without a sentence end inside the text: a subheading (short, body) or a caption
    (longer, or standing among other captions)."""
    f = feats[i]
    if f.words >= p.caption_min_words:
        return True
    for j in (i - 1, i + 1):
        if top <= j <= end and (feats[j].caption_cue or feats[j].dom_caption):
            return True
    return False


def _in_headline_run(feats: list[Feat], i: int, top: int, end: int, p: ExtractParams = DEFAULT) -> bool:
    """Two or more headline-shaped lines in a row inside the text are a box of related links;
    a subheading stands alone above its paragraph."""
    least = p.link_run_min_words

    def head(j: int) -> bool:
        return top <= j <= end and feats[j].headline and not feats[j].caption_cue and feats[j].words >= least
    return head(i) and (head(i - 1) or head(i + 1))


def _pick_date(blocks, feats, top: int, start: int, title: int | None, p: ExtractParams = DEFAULT) -> int | None:
    """The dateline nearest the headline: between headline and text, just above the headline,
    or among the first blocks of the text (some sites print it under the lead)."""
    anchor = title if title is not None else start
    best, best_score = None, 0.0
    lo = max(0, anchor - p.date_lookback)
    for i in range(lo, min(len(feats), start + p.date_lookahead)):
        f = feats[i]
        if f.date <= 0 or blocks[i].role != "boilerplate":
            continue
        if i < anchor and any(feats[j].paragraph and feats[j].dup == 1 for j in range(i + 1, anchor)):
            continue  # other content between it and the headline: a teaser's timestamp
        distance = (anchor - i) if i < anchor else p.date_after_start_weight * (i - start) if i > start else 0
        score = f.date - p.date_distance_penalty * distance + (p.date_between_bonus if top <= i < start else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


def _date_after(feats: list[Feat], end: int, p: ExtractParams = DEFAULT) -> int | None:
    for i in range(end + 1, min(len(feats), end + 1 + p.byline_lookahead)):
        if feats[i].date >= p.late_date_min_score:
            return i
        if feats[i].paragraph:
            break
    return None


def _assign_bylines(blocks: list[Block], feats: list[Feat], end: int, p: ExtractParams = DEFAULT) -> None:
    """Name / 'Theo …' / agency lines right after the text."""
    after_theo = False
    for i in range(end + 1, min(len(blocks), end + 1 + p.byline_lookahead)):
        bl, f = blocks[i], feats[i]
        if f.section_end or (f.boiler and not cues.BYLINE_PREFIX.match(bl.text)):
            break
        if f.dom_byline or looks_like_byline(bl.text, f.words):
            _set(bl, "byline", "name or attribution after the text")
            after_theo = bl.text.lower().startswith("theo ") and "/" not in bl.text
        elif after_theo and 1 <= f.words <= p.outlet_max_words and not f.sentence and bl.text[:1].isupper():
            # "Theo Vân Hà" then "Pháp luật Việt Nam": the outlet on the next line
            _set(bl, "byline", "outlet under a 'Theo …' line")
            after_theo = False
        elif f.paragraph or f.words > p.byline_stop_words:

            break


def _set(block: Block, role: str, reason: str) -> None:
    block.role, block.reason = role, reason
