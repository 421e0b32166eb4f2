"""Writers at the output edge: Articles -> JSONL (the benchmark's prediction format, plus fields)."""
from __future__ import annotations

import json
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
    def __init__(self, path: Path | str | None, audit: bool = False):
        self.path = Path(path) if path else None
        self.audit = audit
        self._fh: IO[str] | None = None

    def __enter__(self) -> "JsonlWriter":
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "w", encoding="utf-8")
        return self

    def write(self, a: Article) -> None:
        if self._fh:
            self._fh.write(json.dumps(article_record(a, self.audit), ensure_ascii=False) + "\n")

    def write_all(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.write(a)

    def __exit__(self, *exc) -> None:
        if self._fh:
            self._fh.close()
