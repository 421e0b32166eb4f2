"""vinews: raw scraped Vietnamese news pages -> clean, structured, deduplicated, searchable corpus."""
from .model import Article, Block, Page
from .pipeline import extract, extract_page

__version__ = "0.1.0"
__all__ = ["Article", "Block", "Page", "entities", "extract", "extract_page", "__version__"]


def entities(text: str) -> list:
    """Entity mentions of `text`: start, end, type (PER/ORG/LOC), text, title, key (the linked
    entity). The same function `vinews build` annotates articles with (vinews.annotate.entities)."""
    from .annotate import entities as _entities  # imported on first use: word lists load lazily

    return _entities(text)
