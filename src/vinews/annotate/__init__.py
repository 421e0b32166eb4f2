"""Annotation stage of `vinews build`: entities (people with title/rank, organisations, places)
and keywords per article. Offline: underthesea's CRF models ship in its wheel.

`annotate_articles(rows)` takes article rows (dicts with `id` and `text`, as in
articles.parquet) and returns (keywords per article, entity rows for entities.parquet).
Entity offsets index into the article's `text` (lead and body joined by newlines).
"""
from __future__ import annotations

from .entities import Entity, find_entities
from .keywords import article_words, keywords
from .link import Mention, entity_key, link, relink

__all__ = ["annotate_articles", "entities", "entity_key", "find_entities", "Entity", "Mention"]


def entities(text: str) -> list[Mention]:
    """Entity mentions in `text` (start, end, type PER/ORG/LOC, text, title, key), linked inside
    the text: mentions with one key are one entity. The build annotates with this function."""
    return link(find_entities(text))


def annotate_articles(rows: list[dict], across: bool = True) -> tuple[list[list[str]], list[dict]]:
    """`across`: also link one-word person names across the given articles (relink). The build
    passes False: it links once over the whole corpus (finalize), so that the keys do not depend
    on where its shards were cut."""
    entity_rows: list[dict] = []
    docs, names = [], []
    for row in rows:
        text = row.get("text") or ""
        ents = entities(text)
        for e in ents:
            entity_rows.append({"article_id": row["id"], "text": e.text, "type": e.type, "attr": e.title,
                                "start": e.start, "end": e.end, "key": e.key})
        docs.append(article_words(text))
        names.append([e.text for e in ents])
    full = relink([(r["type"], r["key"]) for r in entity_rows]) if across else {}
    for r in entity_rows:  # "Trump" alone in one article, "Donald Trump" in another: one entity
        if r["type"] == "PER" and r["key"] in full:
            r["key"] = full[r["key"]]
    return keywords(docs, names), entity_rows
