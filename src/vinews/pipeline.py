"""Compose the stages: normalise -> segment -> classify -> metadata -> assemble an Article.

Stages are registered by name so a caller (or the HTML path) can run the same brain on
blocks that came from elsewhere.
"""
from __future__ import annotations

from .classify import classify
from .metadata import assemble
from .model import Article, Block, Page
from .normalize import normalize_lines
from .params import DEFAULT, ExtractParams
from .segment import segment_lines


def extract_blocks(blocks: list[Block], page: Page, hints: dict | None = None,
                   params: ExtractParams | None = None) -> Article:
    """Classify blocks (from text or HTML) and assemble the article. `hints` carries metadata
    found in markup (JSON-LD, OpenGraph) that the HTML path cross-checks with the visible text.
    `params`: the extractor's thresholds and weights (None: the defaults)."""
    kind, reason = classify(blocks, DEFAULT if params is None else params, hints)
    return assemble(page, blocks, kind, reason, hints or {})


def extract_with_text(page: Page, params: ExtractParams | None = None) -> tuple[Article, str]:
    """The Article and the page text its roles' line numbers point into: the normalised text,
    or for HTML the rendered blocks (one per line pair, as the HTML path numbers them).
    Never raises for bad content."""
    return _extract(page, True, DEFAULT if params is None else params)


def extract_page(page: Page, params: ExtractParams | None = None) -> Article:
    """One page in, one Article out; never raises for bad content."""
    return _extract(page, False, DEFAULT if params is None else params)[0]


def _extract(page: Page, with_text: bool, params: ExtractParams) -> tuple[Article, str]:
    # The text is only joined when asked for: extract_page is the hot path of `vinews extract`.
    if page.reject_reason:
        return _rejected(page, page.reject_reason), page.text or ""
    if page.html is not None and not page.text:
        from .html import html_blocks  # HTML path: DOM evidence into the same classify stage

        blocks, hints = html_blocks(page.html, page.url, params)
        for k, v in (page.meta.get("hints") or {}).items():  # a crawler's title / time: where markup has none
            if not hints.get(k):
                hints[k] = v
        if not blocks:
            return _rejected(page, "empty: no text in the HTML body", hints), ""
        text = ""
        if with_text:
            rendered = [""] * (blocks[-1].line + 1)
            for b in blocks:
                rendered[b.line] = b.text
            text = "\n".join(rendered)
        return extract_blocks(blocks, page, hints, params), text
    lines = normalize_lines(page.text)
    blocks = segment_lines(lines)
    text = "\n".join(lines) if with_text else ""
    if not blocks:
        return _rejected(page, "empty: no text after normalisation"), text
    # a crawler's own title / publish time (records.py): hints the visible page is checked against
    return extract_blocks(blocks, page, page.meta.get("hints"), params), text


def extract_guarded(page: Page, params: ExtractParams | None = None, with_text: bool = False) -> tuple[Article, str]:
    """extract_page / extract_with_text for a run that must go on: a page running past
    params.page_deadline_s (vinews.deadline, set in whichever process runs it), or one the
    extractor crashes on, becomes a rejected row with the reason (and the reader's notes)."""
    from .deadline import DeadlineExceeded, deadline, deadline_reason

    p = DEFAULT if params is None else params
    try:
        with deadline(p.page_deadline_s):
            return extract_with_text(page, p) if with_text else (extract_page(page, p), "")
    except DeadlineExceeded:
        return _rejected(page, deadline_reason(p.page_deadline_s)), page.text or ""
    except Exception as exc:  # one bad page never stops the run: it is kept as rejected
        return _rejected(page, f"extractor error: {type(exc).__name__}: {exc}"), page.text or ""


def _rejected(page: Page, reason: str, hints: dict | None = None) -> Article:
    hints = hints or {}
    return Article(id=page.id, kind="rejected", reason=reason, site=page.site or hints.get("site"),
                   url=page.url or hints.get("url"), meta=dict(page.meta))


def extract(text: str, id: str = "page", url: str | None = None, site: str | None = None,
            params: ExtractParams | None = None) -> Article:
    """Python API: raw page text -> Article. `params`: vinews.params.ExtractParams overrides."""
    return extract_page(Page(id=id, text=text, url=url, site=site), params)

