"""`vinews serve`: the audit and search web UI over a CORPUS_DIR."""
from .app import create_app

__all__ = ["create_app"]
