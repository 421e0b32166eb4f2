"""Run searches against CORPUS_DIR/index and shape the hits for the CLI, the API and pages."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import tantivy

from .index import INDEX_DIR
from .query import Filters, build_query
from .snippet import mark, match_spans, snippet


MAX_WINDOW = 10_000  # offset + limit: tantivy allocates the whole window up front (page 10^9 aborted the process)


class Searcher:
    def __init__(self, corpus: Path):
        path = Path(corpus) / INDEX_DIR
        if not (path / "meta.json").exists():
            raise FileNotFoundError(f"no index in {path}: run `vinews index {corpus}` first")
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        from .readings import load

        self.readings = load(path)  # {} pairs and words for an index built before readings
        self.index.reload()

    def get(self, id: str) -> dict | None:
        """The full article row (as in articles.parquet) for one id, from the index's store."""
        searcher = self.index.searcher()
        res = searcher.search(tantivy.Query.term_query(self.schema, "id", id), limit=1, count=False)
        if not res.hits:
            return None
        doc = searcher.doc(res.hits[0][1])
        row = json.loads(bytes(doc.get_first("row")).decode("utf-8"))
        text = doc.get_first("text") or ""
        lines = text.split("\n") if text else []
        lead_lines = len(row["lead"].split("\n")) if row.get("lead") else 0
        row.update(title=doc.get_first("title"), text=text, body=lines[lead_lines:])
        return row

    def search(self, q: str = "", filters: Filters | None = None, limit: int = 10, offset: int = 0) -> dict:
        if not (0 <= offset and 0 < limit and offset + limit <= MAX_WINDOW):
            raise ValueError(f"offset + limit must be at most {MAX_WINDOW} (got offset {offset}, limit {limit})")
        filters = filters or Filters()
        query, parsed = build_query(self.schema, q, filters, self.readings)
        searcher = self.index.searcher()
        has_text = bool(parsed.terms or parsed.phrases)
        if has_text and filters.copies:
            # originals first: score x log2(2 + canonical), so a shorter copy does not outrank
            # the story it copied on length normalisation alone
            res = searcher.search(query, limit=limit, offset=offset, weight_by_field="canonical")
        elif has_text:
            res = searcher.search(query, limit=limit, offset=offset)
        else:  # filters only: newest first
            res = searcher.search(query, limit=limit, offset=offset, order_by_field="published")
        words = parsed.highlight_words()
        hits = []
        for score, addr in res.hits:
            doc = searcher.doc(addr)
            title = doc.get_first("title") or ""
            plain, html = snippet(doc.get_first("text") or "", words)
            row = doc.get_first("row")
            url = json.loads(bytes(row).decode("utf-8")).get("url") if row is not None else None
            hits.append({
                "id": doc.get_first("id"),
                "url": url,
                "score": round(float(score), 4) if has_text else None,
                "title": title,
                "title_html": mark(title, match_spans(title, words)),
                "site": doc.get_first("site"),
                "author": doc.get_first("author"),
                "published": doc.get_first("published_s"),
                "cluster_id": doc.get_first("cluster_id"),
                "snippet": plain,
                "snippet_html": html,
            })
        return {"query": q, "filters": asdict(filters), "total": res.count, "offset": offset, "hits": hits}
