"""What the web views read from a CORPUS_DIR: a light in-memory list of articles and entity
mentions for listings and charts; full article and page rows are read on demand."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from ..search.corpus import check_corpus, read_rows, read_stats
from ..search.index import key

ROLES = ("title", "date", "lead", "body", "caption", "byline", "boilerplate")
_META = ["id", "site", "title", "published", "author", "cluster_id", "is_canonical", "original_id"]


class Store:
    def __init__(self, corpus: Path):
        self.corpus = Path(corpus)
        check_corpus(self.corpus)
        self.articles = {a["id"]: a for a in read_rows(self.corpus, "articles", _META)}
        self.mentions: dict[str, list[dict]] = defaultdict(list)  # entity key -> mentions
        for e in read_rows(self.corpus, "entities", ["article_id", "text", "type", "attr"]):
            self.mentions[key(e["text"])].append(e)
        self.sites = sorted({a["site"] for a in self.articles.values() if a["site"]})

    def article(self, id: str) -> dict | None:
        rows = read_rows(self.corpus, "articles", filters=[("id", "=", id)])
        return rows[0] if rows else None

    def page(self, id: str, url: str | None = None) -> dict | None:
        rows = read_rows(self.corpus, "pages", filters=[("id", "=", id)])
        if not rows and url:
            rows = read_rows(self.corpus, "pages", filters=[("url", "=", url)])
        return rows[0] if rows else None

    def entities_of(self, id: str) -> list[dict]:
        return read_rows(self.corpus, "entities", filters=[("article_id", "=", id)])

    def cluster(self, cluster_id: int) -> dict | None:
        rows = read_rows(self.corpus, "clusters", filters=[("cluster_id", "=", cluster_id)])
        return rows[0] if rows else None

    def republications(self, cluster_id: int) -> list[dict]:
        return read_rows(self.corpus, "republications", filters=[("cluster_id", "=", cluster_id)])

    def entity(self, name: str) -> dict:
        ms = self.mentions.get(key(name), [])
        ids = sorted({m["article_id"] for m in ms}, key=lambda i: (self.articles.get(i, {}).get("published") or ""), reverse=True)
        return {
            "name": Counter(m["text"] for m in ms).most_common(1)[0][0] if ms else name,
            "types": dict(Counter(m["type"] for m in ms)),
            "titles": dict(Counter(m["attr"] for m in ms if m["attr"]).most_common(10)),
            "mentions": len(ms),
            "articles": [self.articles[i] for i in ids if i in self.articles],
        }

    def top_entities(self, n: int = 50, type_: str | None = None) -> list[dict]:
        out = []
        for k, ms in self.mentions.items():
            t = Counter(m["type"] for m in ms).most_common(1)[0][0]
            if type_ and t != type_:
                continue
            out.append({"key": k, "name": Counter(m["text"] for m in ms).most_common(1)[0][0], "type": t,
                        "articles": len({m["article_id"] for m in ms})})
        return sorted(out, key=lambda e: (-e["articles"], e["name"]))[:n]

    def stats(self) -> dict:
        return read_stats(self.corpus)

    def page_status_counts(self) -> dict:
        return dict(Counter(p["status"] for p in read_rows(self.corpus, "pages", ["status"])))


def page_lines(page: dict | None) -> list[dict]:
    """Raw page text, one entry per line, with the role and drop reason the extractor gave it."""
    if not page:
        return []
    try:
        roles = {int(r["line"]): r for r in json.loads(page.get("roles_json") or "[]")}
    except (ValueError, TypeError, KeyError):
        roles = {}
    out = []
    for n, line in enumerate((page.get("raw_text") or "").split("\n")):
        r = roles.get(n, {})
        role = r.get("role") if r.get("role") in ROLES else ("blank" if not line.strip() else "unknown")
        out.append({"n": n, "text": line, "role": role, "reason": r.get("reason") or ""})
    return out
