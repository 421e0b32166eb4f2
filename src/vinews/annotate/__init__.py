"""Annotation stage of `vinews build`: entities (people with title/rank, organisations, places)
and keywords per article. Offline: underthesea's CRF models ship in its wheel.

`annotate_articles(rows)` takes article rows (dicts with `id` and `text`, as in
articles.parquet) and returns (keywords per article, entity rows for entities.parquet).
Entity offsets index into the article's `text` (lead and body joined by newlines).
"""
from __future__ import annotations

import gc
from dataclasses import dataclass

from .entities import Entity, entities_and_lines, find_entities
from .keywords import article_words, keywords
from .link import Mention, entity_key, link, relink

__all__ = ["AnnotateParams", "annotate_articles", "entities", "entity_key", "find_entities", "Entity", "Mention"]


def entities(text: str) -> list[Mention]:
    """Entity mentions in `text` (start, end, type PER/ORG/LOC, text, title, key), linked inside
    the text: mentions with one key are one entity. The build annotates with this function."""
    return link(find_entities(text))


@dataclass(frozen=True)
class AnnotateParams:
    # articles whose tagger windows are decoded in one numpy batch: the decoder's cost is mostly
    # per call (a few dozen array operations), an article holds ~30 windows; 256 articles keep
    # the batch's arrays at a few MB whatever the shard's size
    batch_articles: int = 256
    # the cyclic garbage collector paused while a batch is annotated (refcounting still frees
    # everything; it is switched back on after): the stage allocates many small lists and tuples
    # and none of them form cycles, yet the collector's passes over them cost about a fifth of
    # the stage's time (bench/entities_quality.py, 399 real articles)
    pause_gc: bool = True


def annotate_articles(rows: list[dict], across: bool = True,
                      params: AnnotateParams = AnnotateParams()) -> tuple[list[list[str]], list[dict]]:
    """`across`: also link one-word person names across the given articles (relink). The build
    passes False: it links once over the whole corpus (finalize), so that the keys do not depend
    on where its shards were cut. Entities are `entities(text)`'s for every article (decoded in
    batches of articles), keywords are cut from the same tokens."""
    paused = params.pause_gc and gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _annotate(rows, across, params)
    finally:
        if paused:
            gc.enable()


def _annotate(rows: list[dict], across: bool, params: AnnotateParams) -> tuple[list[list[str]], list[dict]]:
    entity_rows: list[dict] = []
    docs, names = [], []
    for lo in range(0, len(rows), params.batch_articles):
        chunk = rows[lo:lo + params.batch_articles]
        texts = [row.get("text") or "" for row in chunk]
        found, lines = entities_and_lines(texts)
        for row, text, ents, lns in zip(chunk, texts, found, lines):
            ents = link(ents)
            for e in ents:
                entity_rows.append({"article_id": row["id"], "text": e.text, "type": e.type, "attr": e.title,
                                    "start": e.start, "end": e.end, "key": e.key})
            docs.append(article_words(text, [(ln.toks, ln.low) for ln in lns]))
            names.append([e.text for e in ents])
    full = relink([(r["type"], r["key"]) for r in entity_rows]) if across else {}
    for r in entity_rows:  # "Trump" alone in one article, "Donald Trump" in another: one entity
        if r["type"] == "PER" and r["key"] in full:
            r["key"] = full[r["key"]]
    return keywords(docs, names), entity_rows
