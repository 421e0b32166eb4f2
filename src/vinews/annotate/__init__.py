"""Annotation stage of `vinews build`: entities (people with title/rank, organisations, places)
and keywords per article. Offline: underthesea's CRF models ship in its wheel.

`annotate_articles(rows)` takes article rows (dicts with `id` and `text`, as in
articles.parquet) and returns (keywords per article, entity rows for entities.parquet).
Entity offsets index into the article's `text` (lead and body joined by newlines).
"""
from __future__ import annotations

from .entities import Entity, find_entities
from .keywords import article_words, keywords

__all__ = ["annotate_articles", "find_entities", "Entity"]


def annotate_articles(rows: list[dict]) -> tuple[list[list[str]], list[dict]]:
    entity_rows: list[dict] = []
    docs, names = [], []
    for row in rows:
        text = row.get("text") or ""
        ents = find_entities(text)
        for e in ents:
            entity_rows.append({"article_id": row["id"], "text": e.text, "type": e.type, "attr": e.attr,
                                "start": e.start, "end": e.end})
        docs.append(article_words(text))
        names.append([e.text for e in ents])
    return keywords(docs, names), entity_rows
