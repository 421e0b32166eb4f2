"""Build the tantivy index of a corpus: CORPUS_DIR/index.

Each article is indexed twice: as written (`title`, `text`: exact diacritics, stored for
snippets) and folded (`title_f`, `text_f`: no diacritics, đ -> d), so "viet nam" finds
"Việt Nam" while a query typed with diacritics ranks exact matches first. Site, author and
entity filters are exact keys on folded, lower-cased values; `published` is a date field.
"""
from __future__ import annotations

import json
import shutil
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import tantivy

from ..fold import fold
from ..vntime import parse_iso
from .corpus import check_corpus, read_rows
from .freshness import STAMP, corpus_fingerprint

INDEX_DIR = "index"


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True)
    sb.add_text_field("text", stored=True)
    sb.add_text_field("title_f")
    sb.add_text_field("text_f")
    sb.add_text_field("site", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("author", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("author_f", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("entity_f", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("published_s", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_date_field("published", indexed=True, fast=True)
    sb.add_unsigned_field("canonical", indexed=True, fast=True)
    sb.add_integer_field("cluster_id", stored=True)
    # The rest of the article row (lead, captions, url, keywords...) as JSON, so the web UI can
    # show any article with one lookup instead of scanning articles.parquet.
    sb.add_bytes_field("row", stored=True)
    return sb.build()


def key(value: str) -> str:
    """Filter key: folded, lower-cased, single spaces ("Lương  Cường" -> "luong cuong")."""
    return " ".join(fold(value).split())


def parse_published(value: str | None) -> datetime | None:
    """The publish time in UTC (a bare date or local time on a Vietnamese site is Vietnam time)."""
    dt = parse_iso(value)
    return None if dt is None else dt.astimezone(timezone.utc)


def make_document(row: dict, entities: Iterable[str] = ()) -> tantivy.Document:
    title, text = row.get("title") or "", row.get("text") or ""
    doc = tantivy.Document(id=row["id"], title=title, text=text, title_f=fold(title), text_f=fold(text))
    if row.get("site"):
        doc.add_text("site", row["site"].lower())
    if row.get("author"):
        doc.add_text("author", row["author"])
        doc.add_text("author_f", key(row["author"]))
    for name in sorted(set(entities)):
        doc.add_text("entity_f", name)
    dt = parse_published(row.get("published"))
    if dt:
        doc.add_date("published", dt)
        doc.add_text("published_s", row["published"])
    doc.add_unsigned("canonical", 0 if row.get("is_canonical") is False else 1)
    rest = {k: v for k, v in row.items() if k not in ("text", "body", "title")}
    doc.add_bytes("row", json.dumps(rest, ensure_ascii=False, default=str).encode("utf-8"))
    if row.get("cluster_id") is not None:
        doc.add_integer("cluster_id", int(row["cluster_id"]))
    return doc


def write_index(path: Path, rows: Iterable[dict], entities: dict[str, set[str]], heap_mb: int = 256,
                threads: int = 0) -> int:
    """Write a fresh index at `path` from article rows; returns the number of documents."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    index = tantivy.Index(build_schema(), path=str(path))
    writer = index.writer(heap_size=heap_mb * 1024 * 1024, num_threads=threads)
    n = 0
    for row in rows:
        writer.add_document(make_document(row, entities.get(row["id"], ())))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return n


def entity_keys(corpus: Path) -> dict[str, set[str]]:
    """Article id -> linked entity keys (the entities file's `key`; a corpus built before
    linking has none: the folded, alias-resolved surface form then)."""
    from ..annotate.link import entity_key
    from .corpus import table_path

    path = table_path(corpus, "entities")
    cols = ["article_id", "text"] + (["key"] if path.exists() and "key" in pq_schema_names(path) else [])
    out: dict[str, set[str]] = defaultdict(set)
    for e in read_rows(corpus, "entities", cols):
        out[e["article_id"]].add(e.get("key") or entity_key(e["text"]))
    return out


def pq_schema_names(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_schema(path).names


def build_index(corpus: Path) -> dict:
    """`vinews index CORPUS_DIR`: (re)build CORPUS_DIR/index; returns a small report."""
    corpus = Path(corpus)
    check_corpus(corpus)
    t0 = time.perf_counter()
    fingerprint = corpus_fingerprint(corpus)  # before reading: a build finishing meanwhile makes it stale, not fresh
    rows = read_rows(corpus, "articles")
    n = write_index(corpus / INDEX_DIR, rows, entity_keys(corpus))
    from . import readings

    readings.write(corpus / INDEX_DIR, readings.count(f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in rows))
    seconds = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in (corpus / INDEX_DIR).rglob("*") if f.is_file())
    report = {"documents": n, "seconds": round(seconds, 2), "bytes": size, "built": datetime.now(timezone.utc).isoformat(),
              "corpus": fingerprint}  # what search and serve compare to notice a rebuilt corpus
    (corpus / INDEX_DIR / STAMP).write_text(json.dumps(report), encoding="utf-8")
    return report
