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

from selectolax.lexbor import LexborNode

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
    cues: tuple[int, ...]  # innermost cues its text came from, in the order it came (see _walk)
    after_img: bool
    align: str | None
    in_list: bool
    depth: int


# what entering an element does, as bits of the state its end undoes (see _walk)
_BLOCK_BIT, _CUE_BIT, _HEADING_BIT, _ITALIC_BIT, _A_BIT, _B_BIT, _LI_BIT = 1, 2, 4, 8, 16, 32, 64
_SPACE_CHARS = " \t\r\n\f\v"


_SKIP, _INERT, _A, _IMG, _ACTIVE = 0, 1, 2, 3, 4  # what the walk does with an element, by its tag


def _tag_kind(tag: str | None) -> int:
    """_SKIP: invisible (not walked into); _INERT: its start and end change nothing (no block,
    attribute, cue, style or counter work), the walk only descends; _A / _IMG: only a counter or
    the picture flag; _ACTIVE: the full work of entering an element."""
    if tag in INVISIBLE or not tag or tag[0] in "-_!":
        return _SKIP
    if tag == "a":
        return _A
    if tag == "img":
        return _IMG
    if (tag in BLOCK or tag in _ATTR_INLINE or tag in _CUE_TAGS or tag in HEADINGS
            or tag in ("em", "i", "time") or tag in _COUNTED):
        return _ACTIVE
    return _INERT


def _common(cues: list[Cue], a: int, b: int) -> int:
    """Lowest common cue ancestor (or self) of cues a and b; -1 when none. The steps taken
    are cues closed or opened between the two moments, so O(1) amortised."""
    while a != b and a >= 0 and b >= 0:
        if cues[a].level >= cues[b].level:
            a = cues[a].parent_list
        else:
            b = cues[b].parent_list
    return a if a == b else -1


def _walk(root) -> tuple[list[Raw], list[Cue]]:
    """One pass over the DOM, O(1) amortised per node whatever the depth: a cue element's
    evidence is put on the innermost open cue only and summed up the cue tree once at the end
    (`_finish`); a block records the innermost cues its text came from, not their ancestors.

    The children of each element come from selectolax's own iterator (C), one Python object per
    node and no per-node method calls: an element is entered when the iterator yields it and left
    when its children's iterator runs out; the state its end undoes is a small int of bits, and
    what a tag asks for is looked up once per tag (`_tag_kind`): elements that change nothing,
    <a> and <img> skip the full work of entering an element."""
    raws: list[Raw] = []
    cues: list[Cue] = []
    parts: list[str] = []
    cue_stack: list[int] = []
    block_cues: list[int] = []  # innermost cue of each stretch of the pending block's text
    block_stack: list[tuple[str, str | None]] = [("html", None)]  # (tag, text-align)
    heading = [0]
    link = italic = bold = 0
    a_depth = i_depth = b_depth = li_depth = 0
    art_depth = 0  # article-cue elements on cue_stack
    saw_img = False
    dirty = False  # parts hold more than ASCII whitespace (else a flush only empties them)
    kinds: dict[str | None, int] = {}  # tag -> _tag_kind(tag)
    children = LexborNode.iter  # (node, include_text): its children, from C

    def flush() -> None:
        nonlocal link, italic, bold, saw_img, dirty
        raw = "".join(parts)
        parts.clear()
        dirty = False
        words = raw.split()
        text = " ".join(words)
        # str.split also splits at Unicode spaces (\xa0, \u2009, ...) that render.py keeps: the
        # two agree when every whitespace character split dropped is one of SPACES' (counted in C)
        if len(raw) - len(text) + len(words) - (len(words) > 0) != (
                raw.count(" ") + raw.count("\n") + raw.count("\t") + raw.count("\r") + raw.count("\f")
                + raw.count("\v")):
            text = SPACES.sub(" ", raw).strip(" ")
        if text and not text.isascii():
            text = unicodedata.normalize("NFC", text)
        if text:
            n = max(1, len(raw.strip()))
            tag, align = block_stack[-1]
            bc = block_cues
            if cue_stack and (not bc or bc[-1] != cue_stack[-1]):
                bc.append(cue_stack[-1])
            cs = tuple(bc)
            # the block's text counts once for each cue in the union of these cues' ancestor chains:
            # + at each, - at the lowest common ancestor of each one and the next (an element open
            # at two of these moments is open at every moment between); summed up the tree in _finish()
            L = len(text)
            for i, c in enumerate(cs):
                cues[c].chars += L
                if i:
                    a = _common(cues, cs[i - 1], c)
                    if a >= 0:
                        cues[a].chars -= L
            raws.append(Raw(text, tag, heading[-1], link * L // n, italic * L // n, bold * L // n, cs,
                            saw_img, align, li_depth > 0, len(block_stack) - 1))
            saw_img = False
        block_cues.clear()
        link = italic = bold = 0

    stack: list = []  # (children iterator, state to undo, tag) of each open element
    push, pop = stack.append, stack.pop
    it = iter((root,))
    while True:
        for node in it:
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    parts.append(text)
                    if text.isspace():  # layout whitespace: kept for spacing, nothing to count
                        if not dirty and text.strip(_SPACE_CHARS):  # a lone \xa0 is a line, as in render.py
                            dirty = True
                        continue
                    dirty = True
                    if cue_stack:  # inline elements close before the block flushes
                        top = cue_stack[-1]
                        if not block_cues or block_cues[-1] != top:
                            block_cues.append(top)
                    if a_depth:
                        link += len(text)
                    if i_depth:
                        italic += len(text)
                    if b_depth:
                        bold += len(text)
                continue
            k = kinds.get(tag)
            if k is None:
                k = kinds[tag] = _tag_kind(tag)
            if k != _ACTIVE:
                if k == _SKIP:
                    continue
                if k == _A:
                    a_depth += 1
                    push((it, _A_BIT, tag))
                else:
                    if k == _IMG:
                        saw_img = True
                    push((it, 0, tag))
                it = children(node, True)
                break
            # entering an element
            st = 0
            is_block = tag in BLOCK
            attrs = node.attributes if (is_block or tag in _ATTR_INLINE) else None
            style = attrs.get("style") if attrs else None
            if is_block:
                st = _BLOCK_BIT
                if parts:
                    if dirty:
                        flush()
                    else:
                        parts.clear()
                align = block_stack[-1][1]
                if attrs:
                    m = _ALIGN.search(style) if style else None
                    align = m.group(1).lower() if m else (attrs.get("align") or "").lower() or align
                block_stack.append((tag, align if tag not in ("html", "body") else None))
            # has_date / has_article / has_h1 go on the innermost open cue; _finish() passes them up
            if tag == "time" and cue_stack:
                cues[cue_stack[-1]].has_date = True
            if attrs or tag in _CUE_TAGS:
                cue = element_cues(tag, attrs or _EMPTY)
                if cue:
                    top = cues[cue_stack[-1]] if cue_stack else None
                    in_article = art_depth > 0
                    kind = cue.get("container")
                    flags = cue.get("flags", ())
                    if top:
                        if kind == "article":
                            top.has_article = True
                        if "date" in flags or "author" in flags:  # the dateline or byline is inside
                            top.has_date = True
                    cues.append(Cue(kind, flags, not in_article, in_article=in_article,
                                    parent_list=cue_stack[-1] if cue_stack else -1, level=len(cue_stack)))
                    cue_stack.append(len(cues) - 1)
                    if kind == "article":
                        art_depth += 1
                    st |= _CUE_BIT
            level = HEADINGS.get(tag, 0)
            if level:
                st |= _HEADING_BIT
                heading.append(level)
                if level == 1 and cue_stack:
                    cues[cue_stack[-1]].has_h1 = True
            if tag == "em" or tag == "i" or (style and _ITALIC.search(style)):
                st |= _ITALIC_BIT
                i_depth += 1
            if tag == "a":
                st |= _A_BIT
                a_depth += 1
            elif tag == "strong" or tag == "b":
                st |= _B_BIT
                b_depth += 1
            elif tag == "li":
                st |= _LI_BIT
                li_depth += 1
            push((it, st, tag))
            it = children(node, True)
            break
        else:  # the children ran out: leave their element
            if not stack:
                break
            it, st, tag = pop()
            if st:
                if st & _ITALIC_BIT:
                    i_depth -= 1
                if st & _BLOCK_BIT:
                    if parts:
                        if dirty:
                            flush()
                        else:
                            parts.clear()
                    block_stack.pop()
                if st & _CUE_BIT:
                    if cues[cue_stack.pop()].kind == "article":
                        art_depth -= 1
                if st & _HEADING_BIT:
                    heading.pop()
                if st & _A_BIT:
                    a_depth -= 1
                elif st & _B_BIT:
                    b_depth -= 1
                elif st & _LI_BIT:
                    li_depth -= 1
    if parts:
        if dirty:
            flush()
        else:
            parts.clear()
    _finish(cues)
    return raws, cues


def _finish(cues: list[Cue]) -> None:
    """Sum each cue's chars and OR its has_* over its cue subtree (children come after
    their parent in cues)."""
    for c in reversed(cues):
        if c.parent_list >= 0:
            up = cues[c.parent_list]
            up.chars += c.chars
            up.has_h1 = up.has_h1 or c.has_h1
            up.has_article = up.has_article or c.has_article
            up.has_date = up.has_date or c.has_date


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
    raws, all_cues = _walk(root)
    total = sum(len(r.text) for r in raws)
    kinds = _trusted(all_cues, total, p)
    max_chars = flag_max_chars(p)
    # per cue, over it and its cue ancestors: the innermost trusted container (`best`) and the
    # flags that hold, each with where it first comes in document order (`firsts`: key -> (cue, i))
    best: list[int] = []
    firsts: list[dict] = []
    for c, cue in enumerate(all_cues):
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
    for i, r in enumerate(raws):
        n = len(r.text) or 1
        rc = r.cues
        inner = best[rc[0]] if len(rc) == 1 else max(map(best.__getitem__, rc)) if rc else -1
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
