"""Per-block features that the classifier reads. Pure: blocks in, feature records out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import cues
from .dates import date_line_score
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
    dom_boiler: bool = False  # HTML path: inside nav/aside/footer/related/comment containers
    dom_caption: bool = False  # HTML path: inside figure/figcaption
    dom_article: bool = False  # HTML path: inside <article>/articleBody
    link_density: float = 0.0

    @property
    def paragraph(self) -> bool:
        """Running text: a long line, or a medium one that ends like a sentence."""
        return (self.words >= 12 and self.sentence) or self.words >= 25

    @property
    def headline(self) -> bool:
        return 3 <= self.words <= 35 and not self.sentence


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
            boiler=words <= 10 and bool(cues.BOILERPLATE_LINE.match(text)),
            date=date_line_score(text) if words <= 20 else 0.0,
            caption_cue=bool(cues.CAPTION_CUE.search(text)),
            related=bool(cues.RELATED_PREFIX.match(text)),
            dup=counts[key],
            key=key,
        )
        dom = b.features
        if dom:
            f.dom_boiler = dom.get("container") == "boilerplate"
            f.dom_caption = bool(dom.get("figcaption"))
            f.dom_article = dom.get("container") == "article"
            f.link_density = float(dom.get("link_density") or 0.0)
        out.append(f)
    return out
