"""Read a CORPUS_DIR written by `vinews build` (articles, pages, clusters, republications,
entities, stats.json). Only the columns each view needs are read."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from .. import schema as record
from ..corpus.schema import STATS_FILE, table_path


def read_rows(corpus: Path, name: str, columns: list[str] | None = None, filters=None) -> list[dict]:
    path = table_path(corpus, name)
    if not path.exists():
        return []
    # timestamps (articles.published) as ISO 8601 text: what the index stores and the views show
    return record.with_iso_times(pq.read_table(path, columns=columns, filters=filters)).to_pylist()


def read_stats(corpus: Path) -> dict:
    path = Path(corpus) / STATS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check_corpus(corpus: Path) -> None:
    if not table_path(corpus, "articles").exists():
        raise FileNotFoundError(f"{corpus} is not a corpus folder: no articles.parquet (run `vinews build` first)")
