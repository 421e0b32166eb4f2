"""The CORPUS_DIR contract: table names, file names and Arrow schemas.

Search and UI code imports this module instead of guessing column names:

    from vinews.corpus.schema import TABLES, table_path
    pq.read_table(table_path(corpus_dir, "articles"))

`articles` holds every page the extractor found to be an article (status kept or duplicate in
`pages`): `is_canonical` marks the one copy of a story to show or index, `cluster_id` groups the
copies (null for a story seen once) and `original_id` points a copy at the original it was taken
from (null for originals); `published` is a timestamp with zone, in Vietnam time (the fields of
`articles` are declared in vinews.schema). Rows of every table are in a fixed order (input order for pages and
articles), so a rebuild gives byte-identical files.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .. import schema as record

_str = pa.string()
_strs = pa.list_(pa.string())

# articles.parquet: the fields of vinews.schema's CORPUS record (declared there, once)
ARTICLES = record.arrow_schema(record.CORPUS)

PAGES = pa.schema([
    ("id", _str), ("url", _str), ("site", _str),
    ("kind", _str),  # extractor verdict: article | nonarticle | rejected
    ("status", _str),  # kept | duplicate | nonarticle | rejected
    ("reason", _str),  # why a page is not kept (null when kept)
    ("raw_text", _str),  # the page text the extractor read (HTML rendered to blocks)
    ("roles_json", _str),  # JSON list of {line, role, reason}, one per non-empty line
    ("seq", pa.int64()),
])

CLUSTERS = pa.schema([
    ("cluster_id", pa.int64()), ("member_ids", _strs), ("size", pa.int64()),
    ("similarity", pa.float64()),  # the lowest estimated Jaccard on the edges that joined it
    ("canonical_id", _str),
])

_time = pa.timestamp("us", tz=record.VN_OFFSET)  # publish times, as articles.published
REPUBLICATION_TIMES = ("copy_published", "original_published")
REPUBLICATIONS = pa.schema([
    ("copy_id", _str), ("original_id", _str), ("cluster_id", pa.int64()),
    ("evidence", _str),  # attribution | earlier | fuller record | fuller | exact, with the detail
    ("similarity", pa.float64()), ("copy_published", _time), ("original_published", _time),
    ("attribution", _str),  # the copy's "Theo X" / "(Nguồn: X)" source line, if any
])
# the decide stage's work file: the publish times as the pages gave them (ISO text)
REPUBLICATIONS_WORK = pa.schema([pa.field(f.name, _str) if f.name in REPUBLICATION_TIMES else f for f in REPUBLICATIONS])

SITE_BOILERPLATE = pa.schema([
    ("site", _str), ("line", _str), ("line_hash", pa.uint64()),
    ("count", pa.int64()),  # pages of the site the line is on
    ("pages", pa.int64()),  # pages of the site
    ("share", pa.float64()),  # count / pages
    ("text_pages", pa.int64()),  # pages where the extractor had kept it as article text
    ("removed", pa.int64()),  # article lines the boilerplate pass removed
    ("removed_chars", pa.int64()),
])

ENTITIES = pa.schema([
    ("article_id", _str), ("text", _str), ("type", _str), ("attr", _str),
    ("start", pa.int64()), ("end", pa.int64()),
    ("key", _str),  # the linked entity (vinews.annotate.link): one key across spellings and aliases
])

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES, "pages": PAGES, "clusters": CLUSTERS, "republications": REPUBLICATIONS,
    "site_boilerplate": SITE_BOILERPLATE, "entities": ENTITIES,
}
STATUSES = ("kept", "duplicate", "nonarticle", "rejected")
DUCKDB_FILE = "vinews.duckdb"
STATS_FILE = "stats.json"


def table_path(corpus_dir: Path | str, name: str) -> Path:
    return Path(corpus_dir) / f"{name}.parquet"
