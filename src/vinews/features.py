"""Per-block features that the classifier reads. Pure: blocks in, feature records out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import cues, memo
from .byline import looks_like_byline
from .dates import date_line_score, find_dates
from .memo import LineMemo
from .model import Block
from .params import DEFAULT, ExtractParams


@dataclass(slots=True)
class Feat:
    words: int
    sentence: bool  # ends like a sentence
    boiler: bool  # page-furniture vocabulary
    date: float  # dateline score (0 = not a dateline)
    caption_cue: bool
    related: bool  # ">> another headline"
    question: bool  # ends with a question mark
    dates: int  # timestamps (date with time of day, or "5 phút trước") in the block
    section_end: bool  # "Bình luận", "Tin liên quan", "Từ khóa": what follows is not the article
    byline: bool  # looks like a name / attribution line
    paragraph: bool  # running text: a long line, or a medium one that ends like a sentence
    headline: bool  # a headline-shaped line
    dated: bool  # a dateline or a timestamp in it (date > 0 or dates): what a list of teasers has many of
    shape: int  # paragraph | headline << 1 | dated << 2: the three as one code, so a page's codes are one byte string
    dup: int = 1  # how many blocks on the page carry the same text
    key: str = ""
    dom_boiler: bool = False  # HTML path: inside nav/aside/footer/related/comment containers
    dom_caption: bool = False  # HTML path: inside figure/figcaption
    dom_article: bool = False  # HTML path: inside <article>/articleBody
    dom_title: bool = False  # HTML path: the <h1>, or a line that matches og:title / JSON-LD headline
    dom_byline: bool = False  # HTML path: class/itemprop says author
    link_density: float = 0.0
    score: float | None = None  # memo of classify.block_score out of context (set there)
    title_memo: tuple | None = None  # (title model, its score of this line alone, words): fitted.choose_title
    opening_words: frozenset | None = None  # words of the line's opening, when it is read as a lead: fitted.text_words


# Line features depend on the line alone (and the params): template lines (menus, footers,
# widgets) come from the per-process memo (see memo.py). A Feat is never changed once built
# (but for its score memo, a function of its fields and the params), so pages share them.
# One memo per params value: the defaults' memo is found by identity (the hot path); others by
# hash, a few at most (a parameter sweep makes a new one each step: the oldest is dropped).
_CACHE = LineMemo("features")
_OTHER: dict[ExtractParams, LineMemo] = {}
MAX_OTHER = 4


def _memo_for(params: ExtractParams) -> LineMemo:
    if params is DEFAULT:
        return _CACHE
    m = _OTHER.get(params)
    if m is None:
        if params == DEFAULT:
            return _CACHE
        if len(_OTHER) >= MAX_OTHER:
            _OTHER.pop(next(iter(_OTHER))).close()
        m = _OTHER[params] = LineMemo("features (other params)")
    return m


def block_features(blocks: list[Block], params: ExtractParams | None = None) -> list[Feat]:
    # In-page duplicates: the same template prints the same bytes, so a case-folded key is
    # enough here (tone-placement unification is for matching across pages).
    # A Feat is never changed once built, so a line seen once on the page shares the cached one.
    p = DEFAULT if params is None else params
    cache = _CACHE if p is DEFAULT else _memo_for(p)
    texts = [b.text for b in blocks]
    hits = list(map(cache.get, texts)) if memo.enabled else [None] * len(texts)
    page: dict[str, tuple] = {}  # the same line earlier on this page
    long_line = p.long_line
    for i in memo.misses(hits):
        text = texts[i]
        hit = page.get(text)
        if hit is None:
            # Case-folded so a line printed in capitals once counts as a copy; a long paragraph
            # is printed the same way twice, and folding it costs more than its other features.
            key = text if len(text) > long_line else text.casefold()
            base = _line_features(text, key, p)
            hit = page[text] = (base, Feat(*base, 1, key), {})
            cache.put(text, hit)
        hits[i] = hit
    out = [h[1] for h in hits]
    keys = [f.key for f in out]
    counts = Counter(keys)
    dom = any([b.features for b in blocks])  # a list: a generator costs a frame switch per item
    if len(counts) == len(out) and not dom:
        return out  # no line printed twice, no markup evidence: the shared records do
    # A line printed n times gets the record for n copies, shared too (menus printed twice
    # repeat on every page of a site); on the HTML path each line gets its own, with its markup.
    if dom:
        for i, b in enumerate(blocks):
            f = out[i] = Feat(*hits[i][0], counts[keys[i]], keys[i])
            if b.features:
                _dom(f, b.features, p)
        return out
    for i in [i for i, k in enumerate(keys) if counts[k] > 1]:
        base, _, copies = hits[i]
        dup = counts[keys[i]]
        f = copies.get(dup)
        if f is None:
            f = copies[dup] = Feat(*base, dup, keys[i])
        out[i] = f
    return out


def _line_features(text: str, key: str, p: ExtractParams = DEFAULT) -> tuple:
    """Feat's line-only fields, in field order."""
    long = len(text) > p.long_line
    # Word count: \w+ runs; on a long paragraph the whitespace count is as good and far cheaper.
    words = _whitespace_words(text) if long else cues.word_count(text)
    if words > p.dateline_max_words:
        # No dateline runs this long: only its timestamps matter (a blob of teasers with their
        # times). A clock time comes before running the full date parser; "trước" before the
        # "5 phút trước" pattern (the key of a long line is not case-folded: see block_features).
        found = find_dates(text) if cues.CLOCK.search(text) else []
        ago = "trước" in key or "Trước" in key or "TRƯỚC" in key
        relative = len(cues.RELATIVE_TIME.findall(text)) if ago else 0
        date = 0.0
    else:
        digits = bool(cues.DIGIT.search(text))
        relative = len(cues.RELATIVE_TIME.findall(text)) if digits and "trước" in key else 0
        found = find_dates(text) if digits and (not long or cues.CLOCK.search(text)) else []
        date = date_line_score(text, found) if found else 0.0
        if not date and relative and words <= p.relative_date_max_words:
            date = p.relative_date_score  # "7 ngày trước": a comment's or teaser's timestamp
    boiler = ((words <= p.boiler_max_words and cues.is_boilerplate_line(text))
              or (words <= p.footer_max_words and bool(cues.FOOTER_LINE.match(text)))
              or (words <= p.toolbar_max_words and cues.is_toolbar(text))
              or ("/" in text and cues.is_link_line(text)))
    sentence = bool(cues.SENTENCE_END.search(text[-p.sentence_end_chars:]))
    question = text.rstrip(" \"'”’»)").endswith("?")
    byline = words <= p.byline_max_words and looks_like_byline(text, words)
    if question:  # "…, chuyên gia khuyên gì?": a headline unless it runs long
        paragraph = words >= p.paragraph_min_words
    else:
        paragraph = (words >= p.sentence_paragraph_min_words and sentence) or words >= p.paragraph_min_words
    headline = p.headline_min_words <= words <= p.headline_max_words and (not sentence or question) and not date and not byline
    stamps = (sum([d.hour is not None for d in found]) if found else 0) + relative
    dated = date > 0 or stamps > 0
    return (
        words,
        sentence,
        boiler,
        date,
        words <= p.caption_cue_max_words and _caption(text, long, p),
        words <= p.related_max_words and bool(cues.RELATED_PREFIX.match(text)),
        question,
        stamps,
        words <= p.section_end_max_words and bool(cues.SECTION_END.match(text)),
        byline,
        paragraph,
        headline,
        dated,
        paragraph | headline << 1 | dated << 2,
    )


def _whitespace_words(text: str) -> int:
    """len(text.split()) without building the list: a stripped line with single plain spaces
    (what normalisation leaves) has one more word than spaces."""
    if "  " not in text and text.isprintable():  # isprintable() is False for every other space
        return text.count(" ") + 1
    return len(text.split())


def _caption(text: str, long: bool, p: ExtractParams = DEFAULT) -> bool:
    return cues.caption_cue(_ends(text, p) if long else text)


def _ends(text: str, p: ExtractParams = DEFAULT) -> str:
    """Where a caption mark can stand in a long line: its opening and its close."""
    return text[:p.caption_head_chars] + " … " + text[-p.caption_tail_chars:]



def _dom(f: Feat, dom: dict, p: ExtractParams = DEFAULT) -> None:
    f.dom_boiler = dom.get("container") == "boilerplate"
    # markup that says caption over running text longer than any caption: the text wins
    f.dom_caption = bool(dom.get("figcaption")) and f.words <= p.caption_cue_max_words
    f.dom_article = dom.get("container") == "article"
    f.link_density = float(dom.get("link_density") or 0.0)
    f.dom_title = bool(dom.get("meta_title")) or dom.get("heading") == 1
    f.dom_byline = bool(dom.get("author_cue"))
