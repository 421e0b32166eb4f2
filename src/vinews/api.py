"""The Python API beside the CLI: `vinews.extract`, `vinews.build`, `vinews.search`.

    import vinews
    art = vinews.extract(html=page_html, url="https://baoa.vn/a.html")   # or extract(page_text)
    stats = vinews.build(["crawl/"], "corpus/", jobs=2)                  # what `vinews build` does
    res = vinews.search("corpus/", "luong cuong", site="baoa.vn", limit=20)
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .model import Article, Page
from .params import ExtractParams


def extract(text: str | None = None, id: str = "page", url: str | None = None, site: str | None = None,
            params: ExtractParams | None = None, *, html: str | bytes | None = None, title: str | None = None,
            published: str | None = None) -> Article:
    """One page -> Article. Give the page as `text` (what a scraper saved) or as `html` (a str,
    or bytes whose encoding is detected as for files); text that is HTML markup is read as HTML.
    `title` and `published` (a crawler's own, optional) are hints the page is checked against:
    its visible headline and dateline win, a hint fills what the page lacks. `params`:
    vinews.params.ExtractParams overrides. Never raises for bad content (a rejected Article)."""
    from .pipeline import extract_page
    from .readers.records import _hints, _Keys, DEFAULT_FIELDS, looks_like_html

    if html is None and text is not None and looks_like_html(text):
        html, text = text, None
    if (html is None) == (text is None):
        raise TypeError("give the page as text or as html (one of them)")
    notes: list[str] = []
    meta: dict = {}
    hints = _hints(_Keys({"title": title, "published": published}), DEFAULT_FIELDS, notes)
    if hints:
        meta["hints"] = hints
    if html is not None:
        from .readers.html import html_page

        raw = html if isinstance(html, bytes) else html.encode("utf-8")
        page = html_page(raw, id, url=url, meta=meta)
        if isinstance(html, str) and page.html is not None:
            import unicodedata

            page.html = unicodedata.normalize("NFC", html)
        page.site = site or page.site
    else:
        page = Page(id=id, text=text, url=url, site=site, meta=meta)
    return extract_page(page, params)


def build(inputs: Iterable[str | Path] | str | Path, out: str | Path, jobs: int = 1, engine: str = "local",
          annotate: bool = True, params: ExtractParams | None = None, fmt: str | None = None,
          shard_size: int | None = None, fields=None) -> dict:
    """Build a corpus folder from page files or folders, as `vinews build` does; returns the
    stats (also in OUT/stats.json). `fields`: a vinews.readers.records.FieldMap for record
    files with other field names. Raises ValueError when no input file can be read."""
    from .corpus.build import SHARD_SIZE, build_corpus, input_fingerprint
    from .executors import get_executor
    from .readers import expand, iter_pages

    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    files = expand(paths, fmt)
    if not files:
        raise ValueError(f"no input pages found in {', '.join(map(str, paths))}")
    executor = get_executor(engine, jobs)
    try:
        return build_corpus(iter_pages(files, fmt, fields), Path(out), input_fingerprint(files), executor,
                            annotate=annotate, shard_size=shard_size or SHARD_SIZE, files=files, fmt=fmt,
                            params=params, fields=fields)
    finally:
        executor.close()


def search(corpus: str | Path, query: str = "", site: str | None = None, date_from: str | None = None,
           date_to: str | None = None, author: str | None = None, entity: str | None = None,
           copies: bool = False, limit: int = 10, offset: int = 0) -> dict:
    """Search a corpus as `vinews search` does: {query, filters, total, offset, hits}; each hit
    has id, url, title, site, author, published, cluster_id, score, snippet (and HTML-marked
    title_html / snippet_html). The index is built first when missing or older than the corpus."""
    from .search import Filters, Searcher, build_index
    from .search.freshness import index_is_stale
    from .search.index import INDEX_DIR

    corpus = Path(corpus)
    if not (corpus / INDEX_DIR / "meta.json").exists() or index_is_stale(corpus, INDEX_DIR):
        build_index(corpus)
    return Searcher(corpus).search(query, Filters(site, date_from, date_to, author, entity, copies),
                                   limit=limit, offset=offset)
