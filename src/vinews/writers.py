"""Writers at the output edge: Articles -> JSONL (the benchmark's prediction format, plus fields)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Iterable

from .model import Article

FIELDS = ("id", "kind", "title", "published", "author", "source", "site", "url", "lead", "body",
          "captions", "reason")


def article_record(a: Article, audit: bool = False) -> dict:
    rec = {k: getattr(a, k) for k in FIELDS}
    if a.meta.get("decode"):
        rec["decode"] = a.meta["decode"]
    if audit:
        rec["roles"] = a.roles
    return rec


class JsonlWriter:
    """Writes to a temporary file beside `path` (`.NAME.tmpPID`), renamed to `path` only when
    the `with` block ends without an error: a failed or killed run never leaves a partial file
    under the final name, and an input given as the output is not truncated before it is read."""

    def __init__(self, path: Path | str | None, audit: bool = False):
        self.path = Path(path) if path else None
        self.audit = audit
        self._fh: IO[str] | None = None
        self._tmp: Path | None = None

    def __enter__(self) -> "JsonlWriter":
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
            # errors="replace": the last guard for a string no reader cleaned (a lone surrogate)
            self._fh = open(self._tmp, "w", encoding="utf-8", errors="replace")
        return self

    def write(self, a: Article) -> None:
        if self._fh:
            self._fh.write(json.dumps(article_record(a, self.audit), ensure_ascii=False) + "\n")

    def write_all(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.write(a)

    def __exit__(self, exc_type, *exc) -> None:
        if not self._fh:
            return
        try:
            self._fh.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            if self._tmp.exists():
                self._tmp.unlink()
