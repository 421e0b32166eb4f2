"""Compose the stages: normalise -> segment -> classify -> metadata -> assemble an Article.

Stages are registered by name so a caller (or the HTML path) can run the same brain on
blocks that came from elsewhere.
"""
from __future__ import annotations

from .classify import classify
from .metadata import assemble
from .model import Article, Block, Page
from .normalize import normalize_text
from .segment import segment


def extract_blocks(blocks: list[Block], page: Page, hints: dict | None = None) -> Article:
    """Classify blocks (from text or HTML) and assemble the article. `hints` carries metadata
    found in markup (JSON-LD, OpenGraph) that the HTML path cross-checks with the visible text."""
    kind, reason = classify(blocks)
    return assemble(page, blocks, kind, reason, hints or {})


def extract_page(page: Page) -> Article:
    """One page in, one Article out; never raises for bad content."""
    if page.reject_reason:
        return Article(id=page.id, kind="rejected", reason=page.reject_reason, site=page.site,
                       url=page.url, meta=dict(page.meta))
    if page.html is not None and not page.text:
        from .html import extract_html  # HTML path: DOM evidence into the same classify stage

        return extract_html(page)
    text = normalize_text(page.text)
    blocks = segment(text)
    if not blocks:
        return Article(id=page.id, kind="rejected", reason="empty: no text after normalisation",
                       site=page.site, url=page.url, meta=dict(page.meta))
    return extract_blocks(blocks, page)


def extract(text: str, id: str = "page", url: str | None = None, site: str | None = None) -> Article:
    """Python API: raw page text -> Article."""
    return extract_page(Page(id=id, text=text, url=url, site=site))
