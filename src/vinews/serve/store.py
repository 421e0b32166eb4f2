"""What the web views read from a CORPUS_DIR, kept columnar so a 100k-article corpus fits:
article metadata and entity mentions as Arrow tables, full articles from the search index's
store, raw pages one row at a time (an id -> (row group, row) map is read once)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import schema as record
from ..search.corpus import check_corpus, read_rows, read_stats, table_path
from ..annotate.link import entity_key
from ..model import ROLES
from ..search.searcher import Searcher

_META = list(record.names(record.SERVE))  # the article metadata held in memory (vinews.schema)
_ENT = ["article_id", "text", "type", "attr", "start", "end"]
PAGE_BATCH = 64  # rows decoded at a time to fetch one page: not its whole row group (10k pages)
INT64 = range(-(2**63), 2**63)


def _read(corpus: Path, name: str, columns: list[str]) -> pa.Table | None:
    path = table_path(corpus, name)
    return pq.read_table(path, columns=columns) if path.exists() else None


class Store:
    def __init__(self, corpus: Path, searcher: Searcher):
        self.corpus = Path(corpus)
        check_corpus(self.corpus)
        self.searcher = searcher
        self.meta = record.with_iso_times(_read(self.corpus, "articles", _META))  # publish times as ISO text
        self.row_of = {id: i for i, id in enumerate(self.meta.column("id").to_pylist())}
        self.sites = sorted(s for s in pc.unique(self.meta.column("site")).to_pylist() if s)
        path = table_path(self.corpus, "entities")
        linked = path.exists() and "key" in pq.read_schema(path).names
        ents = _read(self.corpus, "entities", _ENT + (["key"] if linked else []))
        if ents is None or ents.num_rows == 0:
            ents = pa.table({c: pa.array([], pa.int64() if c in ("start", "end") else pa.string()) for c in _ENT})
            linked = False
        if not linked:  # built before linking: one folded key per distinct surface form
            enc = ents.column("text").combine_chunks().dictionary_encode()
            keys = pa.array([entity_key(t) for t in enc.dictionary.to_pylist()], pa.string())
            ents = ents.append_column("key", keys.take(enc.indices))
        self.ents = ents
        # A name as written ("Trump", the text of a mention) -> the entity most of its mentions link to
        self._by_text: dict[str, str] = {}
        pairs = Counter(zip(ents.column("text").to_pylist(), ents.column("key").to_pylist()))
        for (text, k), _n in sorted(pairs.items(), key=lambda x: -x[1]):
            self._by_text.setdefault(entity_key(text), k)
        self._keys = set(self._by_text.values())
        self._page_rows: dict[str, tuple[int, int]] | None = None
        self._page_meta = None  # the pages file's footer, parsed once

    # ---- articles ----------------------------------------------------------------------

    def article(self, id: str) -> dict | None:
        return self.searcher.get(id)

    def meta_rows(self, ids: list[str]) -> list[dict]:
        idx = [self.row_of[i] for i in ids if i in self.row_of]
        return self.meta.take(pa.array(idx, pa.int64())).to_pylist() if idx else []

    # ---- pages -------------------------------------------------------------------------

    def page(self, id: str, url: str | None = None) -> dict | None:
        path = table_path(self.corpus, "pages")
        if not path.exists():
            return None
        if self._page_rows is None:  # id -> (row group, row): read the id column once
            f = pq.ParquetFile(path)
            self._page_meta, rows = f.metadata, {}
            for rg in range(f.num_row_groups):
                for r, pid in enumerate(f.read_row_group(rg, columns=["id"]).column("id").to_pylist()):
                    rows.setdefault(pid, (rg, r))
            self._page_rows = rows
        where = self._page_rows.get(id)
        if where is None:
            rows = read_rows(self.corpus, "pages", filters=[("url", "=", url)]) if url else []
            return rows[0] if rows else None
        return _one_row(path, self._page_meta, *where)

    # ---- clusters ----------------------------------------------------------------------

    def cluster(self, cluster_id: int) -> dict | None:
        if cluster_id not in INT64:  # no such id can be stored (and the filter would overflow)
            return None
        rows = read_rows(self.corpus, "clusters", filters=[("cluster_id", "=", cluster_id)])
        return rows[0] if rows else None

    def republications(self, cluster_id: int) -> list[dict]:
        if cluster_id not in INT64:
            return []
        return read_rows(self.corpus, "republications", filters=[("cluster_id", "=", cluster_id)])

    # ---- entities ----------------------------------------------------------------------

    def entities_of(self, id: str) -> list[dict]:
        return self.ents.filter(pc.equal(self.ents.column("article_id"), id)).drop_columns(["key"]).to_pylist()

    def entity(self, name: str, list_limit: int = 500) -> dict:
        k = entity_key(name)
        if k not in self._keys:
            k = self._by_text.get(k, k)  # "Trump" -> the key of Donald Trump
        ms = self.ents.filter(pc.equal(self.ents.column("key"), k))
        arts = self.meta_rows(sorted(set(ms.column("article_id").to_pylist())))
        arts.sort(key=lambda a: a["published"] or "", reverse=True)
        texts = Counter(ms.column("text").to_pylist())
        return {
            "name": texts.most_common(1)[0][0] if texts else name,
            "types": dict(Counter(ms.column("type").to_pylist())),
            "titles": dict(Counter(a for a in ms.column("attr").to_pylist() if a).most_common(10)),
            "mentions": ms.num_rows,
            "article_count": len(arts),
            "dates": [a["published"] for a in arts],
            "articles": arts[:list_limit],
        }

    def top_entities(self, n: int = 50) -> list[dict]:
        if self.ents.num_rows == 0:
            return []
        counts = self.ents.group_by("key").aggregate([("article_id", "count_distinct")])
        counts = counts.sort_by([("article_id_count_distinct", "descending"), ("key", "ascending")]).slice(0, n)
        top = counts.column("key").to_pylist()
        sub = self.ents.filter(pc.is_in(self.ents.column("key"), pa.array(top, pa.string())))
        name, type_ = self._most_common(sub, "text"), self._most_common(sub, "type")
        return [{"key": k, "name": name[k], "type": type_[k], "articles": c}
                for k, c in zip(top, counts.column("article_id_count_distinct").to_pylist())]

    @staticmethod
    def _most_common(t: pa.Table, column: str) -> dict[str, str]:
        """For each key, the most frequent value of `column` (ties: the first in sort order)."""
        g = t.group_by(["key", column]).aggregate([("article_id", "count")])
        g = g.sort_by([("key", "ascending"), ("article_id_count", "descending"), (column, "ascending")])
        out: dict[str, str] = {}
        for k, v in zip(g.column("key").to_pylist(), g.column(column).to_pylist()):
            out.setdefault(k, v)
        return out

    # ---- corpus ------------------------------------------------------------------------

    def counts(self, table: pa.Table, column: str) -> dict:
        vc = pc.value_counts(table.column(column)).to_pylist()
        return {(v["values"] if v["values"] is not None else "?"): v["counts"] for v in vc}

    def published_months(self) -> list[str | None]:
        return self.meta.column("published").to_pylist()

    def stats(self) -> dict:
        return read_stats(self.corpus)

    def pages_with_status(self, status: str, limit: int, offset: int = 0) -> tuple[int, list[dict]]:
        """(how many pages have `status`, a slice of them: id, url, site, kind, status, reason),
        in input order; the raw text is not read."""
        path = self.corpus / "pages.parquet"
        if not path.exists():
            return 0, []
        t = pq.read_table(path, columns=["id", "url", "site", "kind", "status", "reason"],
                          filters=[("status", "=", status)])
        return t.num_rows, t.slice(offset, limit).to_pylist()

    def page_status_counts(self) -> dict:
        pages = _read(self.corpus, "pages", ["status"])
        return self.counts(pages, "status") if pages is not None else {}


def _one_row(path: Path, metadata, rg: int, r: int) -> dict:
    """Row r of row group rg, decoded PAGE_BATCH rows at a time and stopping there: reading the
    whole group per view (all 10k raw pages) took ~300 ms and grew the server by 370 MB in 500 views.
    pages.parquet is written in groups of corpus.store.PAGE_ROW_GROUP rows, so a view decodes at most that many."""
    f = pq.ParquetFile(path, metadata=metadata, pre_buffer=False)
    batches = f.iter_batches(batch_size=PAGE_BATCH, row_groups=[rg], use_threads=False)
    seen = 0
    try:
        for batch in batches:
            if r < seen + batch.num_rows:
                return batch.slice(r - seen, 1).to_pylist()[0]
            seen += batch.num_rows
    finally:
        batches.close()
    raise IndexError(f"row {r} is past the end of row group {rg} of {path}")


def page_lines(page: dict | None) -> list[dict]:
    """Raw page text, one entry per line, with the role and drop reason the extractor gave it."""
    if not page:
        return []
    try:
        roles = {int(r["line"]): r for r in json.loads(page.get("roles_json") or "[]")}
    except (ValueError, TypeError, KeyError):
        roles = {}
    kept = sorted(n for n, r in roles.items() if r.get("role") not in (None, "boilerplate"))
    title = next((n for n, r in sorted(roles.items()) if r.get("role") == "title"), None)
    out = []
    for n, line in enumerate((page.get("raw_text") or "").split("\n")):
        r = roles.get(n, {})
        role = r.get("role") if r.get("role") in ROLES else ("blank" if not line.strip() else "unknown")
        out.append({"n": n, "text": line, "role": role, "reason": _where(r.get("reason") or "", n, title, kept)})
    return out


GENERIC_OUTSIDE = "outside the main text"


def _where(reason: str, n: int, title: int | None, kept: list[int]) -> str:
    """The extractor's generic "outside the main text", made specific by where the line is:
    above the headline, below the article's last kept line, or between kept lines."""
    if reason != GENERIC_OUTSIDE or not kept:
        return reason
    if n < (title if title is not None else kept[0]):
        return f"{reason}: above the headline (menus, breadcrumbs)" if title is not None else \
            f"{reason}: above the article's first line"
    if n > kept[-1]:
        return f"{reason}: below the article's last line (related links, comments, footer)"
    return f"{reason}: between article lines, not part of its text"
