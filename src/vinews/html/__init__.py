"""The HTML path: DOM -> blocks with DOM evidence + metadata hints -> the shared classify and
metadata stages (`vinews.pipeline.extract_blocks`), so plain-text and HTML share one brain.

    extract_html(page) -> Article
    html_blocks(html, url=None, params=None) -> (blocks, hints)
"""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..model import Article, Block, Page
from ..normalize import match_key
from ..params import DEFAULT, ExtractParams
from .dom import render_blocks
from .guard import cap_dom
from .hints import page_hints

__all__ = ["extract_html", "html_blocks"]


def html_blocks(html: str, url: str | None = None, params: ExtractParams | None = None) -> tuple[list[Block], dict]:
    p = DEFAULT if params is None else params
    tree = LexborHTMLParser(cap_dom(html, p.max_dom_depth, p.max_dom_elements))
    blocks = render_blocks(tree.root, p) if tree.root is not None else []
    hints = page_hints(tree, url)
    titles = {match_key(t) for t in hints.get("titles") or []}
    sizes = [len(t) for t in titles]
    lo, hi = (min(sizes) * p.meta_title_min_ratio, max(sizes) * p.meta_title_max_ratio + p.meta_title_slack_chars) \
        if sizes else (1, 0)
    desc = match_key(hints.get("description") or "").rstrip(". …")
    # a line can be the description only if it is about its length; its key is made once, and
    # only for lines of a title's or the description's length
    use_desc = bool(desc) and len(desc) >= p.meta_desc_min_chars
    d_lo, d_hi = p.meta_desc_min_ratio * len(desc), p.meta_desc_max_ratio * len(desc) + p.meta_desc_slack_chars
    prefix = desc[:p.meta_desc_prefix_chars]
    for b in blocks:
        n = len(b.text)
        is_title = lo <= n <= hi
        is_desc = use_desc and d_lo <= n <= d_hi
        if is_title or is_desc:
            key = match_key(b.text)
            is_title = is_title and key in titles
            is_desc = is_desc and key.startswith(prefix)
        b.features["meta_title"] = is_title
        b.features["meta_description"] = is_desc
    return blocks, hints


def extract_html(page: Page, params: ExtractParams | None = None) -> Article:
    """An Article from a page holding HTML (the pipeline's HTML path)."""
    from ..pipeline import extract_page

    return extract_page(page if page.html is not None else Page(id=page.id, html="", url=page.url), params)

