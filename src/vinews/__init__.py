"""vinews: raw scraped Vietnamese news pages -> clean, structured, deduplicated, searchable corpus."""
from .model import Article, Block, Page
from .pipeline import extract, extract_page

__version__ = "0.1.0"
__all__ = ["Article", "Block", "Page", "extract", "extract_page", "__version__"]
