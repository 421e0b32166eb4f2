"""Full-text search over a corpus: `build_index` writes CORPUS_DIR/index (tantivy),
`Searcher` queries it with diacritic-insensitive matching and filters."""
from .index import build_index
from .query import Filters
from .searcher import Searcher

__all__ = ["build_index", "Filters", "Searcher"]
