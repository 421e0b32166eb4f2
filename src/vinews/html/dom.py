"""DOM -> blocks, rendered the way `bench/render.py` renders page text (every block element
starts a new block; script, style and other invisible parts dropped), so the text path and
the HTML path see the same lines. Each block carries DOM evidence in `Block.features`:

  tag           innermost block element ("p", "div", "h1", "td", ...)
  heading       1..6 inside <h1>..<h6>, else 0
  link_density  share of the block's characters inside <a>
  container     "boilerplate" | "article" | None (innermost trusted container cue; see below)
  figcaption    inside <figure>/<figcaption> or a small element whose class says caption, or
                short italic/centred text right under an <img>
  image_box     inside a small element whose class says image/photo
  after_img     an <img> came right before this block
  lead_cue, author_cue, date_cue, title_cue   class/itemprop words of a small enclosing element
  italic, bold  nearly all of the text is in <em>/<i> (or font-style: italic) or <strong>/<b>
  align_right   the block is right-aligned (a common byline layout); centered likewise
  in_list       inside <li>
  depth         nesting depth among block elements (position in the DOM)

Container cues are checked against the whole page before they are trusted: a "sidebar" that
holds the <h1> or an article-body element is not boilerplate; an <article> repeated as a list
of cards (a home page) is not the article.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Block
from ..params import DEFAULT, ExtractParams
from .cues import element_cues

INVISIBLE = {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed",
             "canvas", "video", "audio", "select", "option", "button", "input", "textarea",
             "-comment", "_comment", "!comment", "math"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
         "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
         "blockquote", "pre", "form", "dd", "dt", "dl", "address", "hr", "br", "center", "tbody",
         "thead", "caption", "fieldset", "details", "summary", "body", "html"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \xa0, as render.py
_ALIGN = re.compile(r"text-align\s*:\s*(right|center|left|justify)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_ATTR_INLINE = {"span", "time", "font", "em", "i", "strong", "b"}
_CUE_TAGS = {"article", "nav", "aside", "footer", "header", "figure", "figcaption", "menu"}
_EMPTY: dict = {}
_COUNTED = {"a", "strong", "b", "li"}  # depth counters that leave() must undo


def flag_max_chars(p: ExtractParams) -> dict[str, int]:
    """Largest element (characters) whose class word still flags what it holds, per flag."""
    return {"caption": p.flag_max_chars_caption, "image": p.flag_max_chars_image, "lead": p.flag_max_chars_lead,
            "author": p.flag_max_chars_author, "date": p.flag_max_chars_date, "title": p.flag_max_chars_title}


@dataclass(slots=True)
class Cue:
    kind: str | None  # container kind claimed by the element
    flags: tuple[str, ...]
    outer_article: bool  # no article-cue ancestor
    chars: int = 0
    has_h1: bool = False
    has_article: bool = False
    has_date: bool = False  # holds a <time> or an element whose class says date or author
    in_article: bool = False  # inside an article-cue element
    parent_list: int = -1  # id of the nearest cue ancestor (the cue tree's parent; -1: none)
    level: int = 0  # cue ancestors it has


@dataclass(slots=True)
class Raw:
    text: str
    tag: str
    heading: int
    link: int
    italic: int
    bold: int
    cues: tuple[int, ...]  # innermost cues its text came from, in the order it came (see _Walker.flush)
    after_img: bool
    align: str | None
    in_list: bool
    depth: int


class _Walker:
    """One pass over the DOM, O(1) amortised per node whatever the depth: a cue element's
    evidence is put on the innermost open cue only and summed up the cue tree once at the end
    (`finish`); a block records the innermost cues its text came from, not their ancestors."""

    def __init__(self) -> None:
        self.raws: list[Raw] = []
        self.cues: list[Cue] = []
        self.parts: list[str] = []
        self.link = self.italic = self.bold = 0
        self.cue_stack: list[int] = []
        self.art_depth = 0  # article-cue elements on cue_stack
        self.block_cues: list[int] = []  # innermost cue of each stretch of the pending block's text
        self.block_stack: list[tuple[str, str | None]] = [("html", None)]  # (tag, text-align)
        self.heading = [0]
        self.a_depth = self.i_depth = self.b_depth = self.li_depth = 0
        self.saw_img = False

    def add_text(self, s: str) -> None:
        if not s:
            return
        self.parts.append(s)
        if self.cue_stack and s.strip(" \t\r\n\f\v"):  # inline elements close before the block flushes
            top, bc = self.cue_stack[-1], self.block_cues
            if not bc or bc[-1] != top:
                bc.append(top)
        n = len(s)
        if self.a_depth:
            self.link += n
        if self.i_depth:
            self.italic += n
        if self.b_depth:
            self.bold += n

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        if not raw.strip(" \t\r\n\f\v"):  # ASCII whitespace only (a lone \xa0 is a line, as in render.py)
            self.parts.clear()
            self.block_cues.clear()
            self.link = self.italic = self.bold = 0
            return
        text = SPACES.sub(" ", raw).strip(" ")
        if text and not text.isascii():
            text = unicodedata.normalize("NFC", text)
        if text:
            n = max(1, len(raw.strip()))
            tag, align = self.block_stack[-1]
            bc = self.block_cues
            if self.cue_stack and (not bc or bc[-1] != self.cue_stack[-1]):
                bc.append(self.cue_stack[-1])
            cues = tuple(bc)
            # the block's text counts once for each cue in the union of these cues' ancestor chains:
            # + at each, - at the lowest common ancestor of each one and the next (an element open
            # at two of these moments is open at every moment between); summed up the tree in finish()
            all_cues, L = self.cues, len(text)
            for i, c in enumerate(cues):
                all_cues[c].chars += L
                if i:
                    a = self._common(cues[i - 1], c)
                    if a >= 0:
                        all_cues[a].chars -= L
            self.raws.append(Raw(text, tag, self.heading[-1], self.link * len(text) // n,
                                 self.italic * len(text) // n, self.bold * len(text) // n, cues,
                                 self.saw_img, align, self.li_depth > 0, len(self.block_stack) - 1))
            self.saw_img = False
        self.parts.clear()
        self.block_cues.clear()
        self.link = self.italic = self.bold = 0

    def _common(self, a: int, b: int) -> int:
        """Lowest common cue ancestor (or self) of cues a and b; -1 when none. The steps taken
        are cues closed or opened between the two moments, so O(1) amortised."""
        cues = self.cues
        while a != b and a >= 0 and b >= 0:
            if cues[a].level >= cues[b].level:
                a = cues[a].parent_list
            else:
                b = cues[b].parent_list
        return a if a == b else -1

    def finish(self) -> None:
        """Sum each cue's chars and OR its has_* over its cue subtree (children come after
        their parent in self.cues)."""
        self.flush()
        cues = self.cues
        for c in reversed(cues):
            if c.parent_list >= 0:
                up = cues[c.parent_list]
                up.chars += c.chars
                up.has_h1 = up.has_h1 or c.has_h1
                up.has_article = up.has_article or c.has_article
                up.has_date = up.has_date or c.has_date

    def walk(self, root) -> None:
        # iterative pre/post-order walk: (node, None) = enter, (node, state) = leave
        stack: list = [(root, None)]
        pop, push, add_text, enter, leave = stack.pop, stack.append, self.add_text, self.enter, self.leave
        while stack:
            node, state = pop()
            if state is not None:
                leave(node, state)
                continue
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    if text.isspace():  # layout whitespace: kept for spacing, nothing to count
                        self.parts.append(text)
                    else:
                        add_text(text)
                continue
            if tag in INVISIBLE or not tag or tag[0] in "-_!":
                continue
            state = enter(node, tag)
            if state is not None:  # something to undo when the element closes
                push((node, state))
            child = node.last_child
            while child is not None:
                push((child, None))
                child = child.prev

    def enter(self, node, tag: str) -> tuple:
        is_block = tag in BLOCK
        attrs = node.attributes if (is_block or tag in _ATTR_INLINE) else None
        pushed_cue = False
        style = attrs.get("style") if attrs else None
        if is_block:
            if self.parts:
                self.flush()
            align = self.block_stack[-1][1]
            if attrs:
                m = _ALIGN.search(style) if style else None
                align = m.group(1).lower() if m else (attrs.get("align") or "").lower() or align
            self.block_stack.append((tag, align if tag not in ("html", "body") else None))
        # has_date / has_article / has_h1 go on the innermost open cue; finish() passes them up
        top = self.cues[self.cue_stack[-1]] if self.cue_stack else None
        if tag == "time" and top:
            top.has_date = True
        if attrs or tag in _CUE_TAGS:
            cue = element_cues(tag, attrs or _EMPTY)
            if cue:
                in_article = self.art_depth > 0
                kind = cue.get("container")
                flags = cue.get("flags", ())
                if top:
                    if kind == "article":
                        top.has_article = True
                    if "date" in flags or "author" in flags:  # the dateline or byline is inside
                        top.has_date = True
                self.cues.append(Cue(kind, flags, not in_article, in_article=in_article,
                                     parent_list=self.cue_stack[-1] if self.cue_stack else -1,
                                     level=len(self.cue_stack)))
                self.cue_stack.append(len(self.cues) - 1)
                if kind == "article":
                    self.art_depth += 1
                pushed_cue = True
        level = HEADINGS.get(tag, 0)
        if level:
            self.heading.append(level)
            if level == 1 and self.cue_stack:
                self.cues[self.cue_stack[-1]].has_h1 = True
        italic = tag in ("em", "i") or bool(style and _ITALIC.search(style))
        if italic:
            self.i_depth += 1
        if tag == "a":
            self.a_depth += 1
        elif tag in ("strong", "b"):
            self.b_depth += 1
        elif tag == "li":
            self.li_depth += 1
        elif tag == "img":
            self.saw_img = True
        if is_block or pushed_cue or level or italic or tag in _COUNTED:
            return (is_block, pushed_cue, level, italic)
        return None

    def leave(self, node, state: tuple) -> None:
        is_block, pushed_cue, level, italic = state
        tag = node.tag
        if italic:
            self.i_depth -= 1
        if is_block:
            if self.parts:
                self.flush()
            self.block_stack.pop()
        if pushed_cue:
            if self.cues[self.cue_stack.pop()].kind == "article":
                self.art_depth -= 1
        if level:
            self.heading.pop()
        if tag == "a":
            self.a_depth -= 1
        elif tag in ("strong", "b"):
            self.b_depth -= 1
        elif tag == "li":
            self.li_depth -= 1


def _trusted(cues: list[Cue], total_chars: int, p: ExtractParams = DEFAULT) -> list[str | None]:
    """Container kind each cue element may claim after checking it against the page."""
    kinds: list[str | None] = []
    arts = [c for c in cues if c.kind == "article" and c.outer_article]
    biggest = max((c.chars for c in arts), default=0)
    big = max(p.article_min_chars, p.article_share_of_biggest * biggest)
    big_arts = [c for c in arts if c.chars >= big]
    cards = len(big_arts) >= p.article_cards_min  # many article cards: a list page, no article container
    for c in cues:
        k = c.kind
        if k == "article":
            ok = not cards and (not c.outer_article or (c.chars >= big))
            kinds.append("article" if ok else None)
        elif k == "header":
            kinds.append(None if (c.in_article or c.has_h1 or c.has_article or c.has_date) else "boilerplate")
        elif k == "boilerplate":
            void = (c.has_h1 or c.has_article or (total_chars and c.chars > p.boiler_max_share * total_chars)
                    or (c.has_date and c.chars < p.toolbar_date_max_chars))  # a share/tool bar carrying the dateline or byline
            kinds.append(None if void else "boilerplate")
        else:
            kinds.append(None)
    return kinds


def render_blocks(root, params: ExtractParams | None = None) -> list[Block]:
    """Walk a parsed document (selectolax node) into blocks with DOM features."""
    p = DEFAULT if params is None else params
    w = _Walker()
    w.walk(root)
    w.finish()
    total = sum(len(r.text) for r in w.raws)
    kinds = _trusted(w.cues, total, p)
    max_chars = flag_max_chars(p)
    # per cue, over it and its cue ancestors: the innermost trusted container (`best`) and the
    # flags that hold, each with where it first comes in document order (`firsts`: key -> (cue, i))
    best: list[int] = []
    firsts: list[dict] = []
    for c, cue in enumerate(w.cues):
        up = cue.parent_list
        best.append(c if kinds[c] else (best[up] if up >= 0 else -1))
        inherited = firsts[up] if up >= 0 else _EMPTY
        own = None
        for j, flag in enumerate(cue.flags):
            if cue.chars <= max_chars[flag]:
                key = "figcaption" if flag == "caption" else "image_box" if flag == "image" else flag + "_cue"
                if key not in inherited and (own is None or key not in own):
                    if own is None:
                        own = dict(inherited)
                    own[key] = (c, j)
        firsts.append(inherited if own is None else own)
    styled, cap_chars, cap_links = p.style_share, p.figcaption_max_chars, p.figcaption_max_link_density
    blocks = []
    for i, r in enumerate(w.raws):
        n = max(1, len(r.text))
        inner = max((best[c] for c in r.cues), default=-1)
        container = kinds[inner] if inner >= 0 else None
        f = {"tag": r.tag, "heading": r.heading, "link_density": round(min(1.0, r.link / n), 3),
             "container": container, "figcaption": False, "image_box": False,
             "after_img": r.after_img, "italic": r.italic >= styled * n, "bold": r.bold >= styled * n,
             "align_right": r.align == "right", "centered": r.align == "center", "in_list": r.in_list,
             "depth": r.depth}
        if len(r.cues) == 1:
            for key in firsts[r.cues[0]]:
                f[key] = True
        elif r.cues:  # keys set in the order they first come over all the cues, as a walk over them would
            merged: dict = {}
            for c in r.cues:
                for key, at in firsts[c].items():
                    if key not in merged or at < merged[key]:
                        merged[key] = at
            for key in sorted(merged, key=merged.__getitem__):
                f[key] = True
        if r.after_img and n <= cap_chars and (f["italic"] or f["centered"] or f["image_box"]) and f["link_density"] < cap_links:

            f["figcaption"] = True  # short italic or centred text right under a picture
        blocks.append(Block(index=i, line=2 * i, text=r.text, features=f))
    return blocks
