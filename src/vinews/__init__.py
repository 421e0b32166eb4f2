"""vinews: raw scraped Vietnamese news pages -> clean, structured, deduplicated, searchable corpus.

    import vinews
    art = vinews.extract(page_text)                 # or vinews.extract(html=page_html, url=...)
    vinews.build(["crawl/"], "corpus/", jobs=2)      # the corpus build, as `vinews build`
    vinews.search("corpus/", "viet nam", limit=20)  # ranked hits, as `vinews search --json`
    vinews.entities("Ông Donald Trump đến Hà Nội")   # mentions: start, end, type, text, title, key
"""
from .api import build, extract, search
from .model import Article, Block, Page
from .pipeline import extract_page

__version__ = "0.1.0"
__all__ = ["Article", "Block", "Page", "build", "entities", "extract", "extract_page", "search", "__version__"]


def entities(text: str) -> list:
    """Entity mentions of `text`: start, end, type (PER/ORG/LOC), text, title, key (the linked
    entity). The same function `vinews build` annotates articles with (vinews.annotate.entities)."""
    from .annotate import entities as _entities  # imported on first use: word lists load lazily

    return _entities(text)
