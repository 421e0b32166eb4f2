"""Full-text search over a corpus: `build_index` writes CORPUS_DIR/index (tantivy),
`Searcher` queries it with diacritic-insensitive matching and filters."""
import sys
import types

from .index import build_index
from .query import Filters
from .searcher import Searcher

__all__ = ["build_index", "Filters", "Searcher"]


class _CallablePackage(types.ModuleType):
    """`vinews.search` is this package once it is imported (Python sets the attribute on the
    parent), and also the function `vinews.search(corpus, query, ...)` of the Python API
    (vinews/api.py): calling the package calls that function."""

    def __call__(self, *args, **kwargs):
        from ..api import search

        return search(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
