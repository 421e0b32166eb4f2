"""Per-block features that the classifier reads. Pure: blocks in, feature records out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import cues
from .byline import looks_like_byline
from .dates import date_line_score, find_dates
from .model import Block
from .normalize import match_key


@dataclass(slots=True)
class Feat:
    words: int
    sentence: bool  # ends like a sentence
    boiler: bool  # page-furniture vocabulary
    date: float  # dateline score (0 = not a dateline)
    caption_cue: bool
    related: bool  # ">> another headline"
    dup: int  # how many blocks on the page carry the same text
    key: str
    question: bool = False  # ends with a question mark
    dates: int = 0  # timestamps (date with time of day, or "5 phút trước") in the block
    section_end: bool = False  # "Bình luận", "Tin liên quan", "Từ khóa": what follows is not the article
    byline: bool = False  # looks like a name / attribution line
    end_mark: bool = False  # a byline right after running text (set by classify)
    dom_boiler: bool = False  # HTML path: inside nav/aside/footer/related/comment containers
    dom_caption: bool = False  # HTML path: inside figure/figcaption
    dom_article: bool = False  # HTML path: inside <article>/articleBody
    link_density: float = 0.0

    @property
    def paragraph(self) -> bool:
        """Running text: a long line, or a medium one that ends like a sentence."""
        if self.question:  # "…, chuyên gia khuyên gì?": a headline unless it runs long
            return self.words >= 25
        return (self.words >= 12 and self.sentence) or self.words >= 25

    @property
    def headline(self) -> bool:
        return 3 <= self.words <= 35 and (not self.sentence or self.question) and not self.date and not self.byline


def block_features(blocks: list[Block]) -> list[Feat]:
    keys = [match_key(b.text) for b in blocks]
    counts = Counter(keys)
    out = []
    for b, key in zip(blocks, keys):
        text = b.text
        words = len(cues.WORD.findall(text))
        f = Feat(
            words=words,
            sentence=bool(cues.SENTENCE_END.search(text)),
            boiler=(words <= 10 and bool(cues.BOILERPLATE_LINE.match(text)))
            or (words <= 40 and bool(cues.FOOTER_LINE.match(text)))
            or (words <= 16 and cues.is_toolbar(text)),
            date=date_line_score(text) if words <= 20 else 0.0,
            dates=sum(1 for d in find_dates(text) if d.hour is not None) + len(cues.RELATIVE_TIME.findall(text)),
            section_end=words <= 8 and bool(cues.SECTION_END.match(text)),
            question=text.rstrip(" \"'”’»)").endswith("?"),
            byline=words <= 10 and looks_like_byline(text, words),
            caption_cue=bool(cues.CAPTION_CUE.search(text)),
            related=bool(cues.RELATED_PREFIX.match(text)),
            dup=counts[key],
            key=key,
        )
        if not f.date and words <= 12 and cues.RELATIVE_TIME.search(text):
            f.date = 0.5  # "7 ngày trước": a comment's or teaser's timestamp
        dom = b.features
        if dom:
            f.dom_boiler = dom.get("container") == "boilerplate"
            f.dom_caption = bool(dom.get("figcaption"))
            f.dom_article = dom.get("container") == "article"
            f.link_density = float(dom.get("link_density") or 0.0)
        out.append(f)
    return out
