"""The article record, declared once: every field with its name, type, doc and the records that
carry it. The writers' FIELDS (`vinews extract` JSONL/Parquet), the build's work files (the
extract and sign shards), the corpus's articles.parquet (and so its DuckDB view), `vinews
export` and the serve store's metadata columns are all derived from FIELDS below, so a new field
is one line here (with `get`, how its value comes from an Article).

Records:
    EXTRACTED  what `vinews extract` writes per page (writers.article_record)
    WORK       the extract stage's article rows (work/extract/s*/articles.parquet)
    SIGNED     the sign stage's rows: WORK plus boilerplate removal, keys and counts
    CORPUS     CORPUS_DIR/articles.parquet (the `articles` view of vinews.duckdb)
    EXPORT     `vinews export`: CORPUS less the build's internal columns
    SERVE      the article metadata the web views hold in memory

`published` (type TIME) is ISO 8601 text where the extractor's output is JSON (EXTRACTED, and
the work files, whose dedup reads the text as the page gave it) and a timestamp with zone in the
corpus tables (CORPUS and what reads them): `timestamp[us, tz=+07:00]` in Parquet,
TIMESTAMP WITH TIME ZONE in DuckDB. The instant is kept and shown in Vietnam time (no daylight
saving since 1975, so a fixed offset is Asia/Ho_Chi_Minh); a date without a time of day is
stored as its midnight in Vietnam, a time given in another offset as the same instant.
Importing this module imports no pyarrow; the Arrow schemas are built on first use.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Callable

from .vntime import VN_OFFSET, parse_iso

EXTRACTED, WORK, SIGNED, CORPUS, EXPORT, SERVE = "extracted", "work", "signed", "corpus", "export", "serve"
RECORDS = (EXTRACTED, WORK, SIGNED, CORPUS, EXPORT, SERVE)
ARTICLE = frozenset(RECORDS)  # a field of the article in every record
STORED = frozenset((WORK, SIGNED, CORPUS, EXPORT))  # the build's files and the export, not the extractor's output
TIMESTAMP_RECORDS = frozenset((CORPUS, EXPORT, SERVE))  # where a TIME field is a timestamp, not text

# field types: Arrow type of each (TIME: text or timestamp by record, see above)
STR, STRS, INT32, INT64, UINT64, BOOL, TIME = "str", "strs", "int32", "int64", "uint64", "bool", "time"
JSON = "json"  # an object in JSON output, its JSON text in Arrow


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    doc: str
    records: frozenset[str]
    get: Callable[[Any], Any] | None = None  # the value from an Article (None: the attribute `name`)
    omit_null: bool = False  # EXTRACTED: left out of the record when null or empty


def _decode(a):
    return a.meta.get("decode")


FIELDS: tuple[Field, ...] = (
    Field("id", STR, "the page id (unique in a corpus: repeats renamed 'id~2', ...)", ARTICLE),
    Field("kind", STR, "extractor verdict: article | nonarticle | rejected", frozenset((EXTRACTED,))),
    Field("site", STR, "the site (host without www.)", ARTICLE),
    Field("url", STR, "the page URL", frozenset((EXTRACTED, WORK, SIGNED, CORPUS, EXPORT))),
    Field("title", STR, "the headline", ARTICLE),
    Field("published", TIME, "publish time as the page printed it (ISO 8601, +07:00 when a time of day is known)", ARTICLE),
    Field("author", STR, "byline", ARTICLE),
    Field("source", STR, "origin outlet when the page says it was republished", frozenset((EXTRACTED,)) | STORED),
    Field("lead", STR, "the lead paragraph (sapo)", frozenset((EXTRACTED,)) | STORED),
    Field("body", STRS, "body paragraphs", frozenset((EXTRACTED,)) | STORED),
    Field("captions", STRS, "photo captions", frozenset((EXTRACTED,)) | STORED),
    Field("reason", STR, "why the page is a nonarticle or rejected", frozenset((EXTRACTED,))),
    Field("decode", JSON, "how the reader decoded the page's bytes, when it had to decide", frozenset((EXTRACTED,)),
          get=_decode, omit_null=True),
    Field("text", STR, 'lead + body joined by "\\n", after site boilerplate removal', frozenset((SIGNED, CORPUS, EXPORT))),
    Field("cluster_id", INT64, "the group of copies of a story: the seq of its first page (null: seen once)", frozenset((CORPUS, EXPORT, SERVE))),
    Field("is_canonical", BOOL, "the one copy of a story to show or index", frozenset((CORPUS, EXPORT, SERVE))),
    Field("original_id", STR, "the original a copy was taken from (null for originals)", frozenset((CORPUS, EXPORT, SERVE))),
    Field("keywords", STRS, "keywords of the kept articles (vinews.annotate)", frozenset((SIGNED, CORPUS, EXPORT))),
    Field("seq", INT64, "position in the input (pages.seq): a dense integer key", frozenset((WORK, SIGNED, CORPUS))),
    Field("boilerplate_lines", INT32, "lines the site boilerplate pass removed from this article",
          frozenset((SIGNED, CORPUS))),
    Field("n_chars", INT64, "characters of text", frozenset((SIGNED,))),
    Field("n_shingles", INT32, "distinct shingles of text (MinHash)", frozenset((SIGNED,))),
    Field("exact_key", UINT64, "hash of the normalised text: equal keys are exact duplicates", frozenset((SIGNED,))),
    Field("credit", STR, 'the "Theo X" / "(Nguồn: X)" line of the text, if any', frozenset((SIGNED,))),
)


def fields_of(record: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if record in f.records)


def names(record: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields_of(record))


def _arrow(type_: str, timestamp: bool):
    import pyarrow as pa

    if type_ == TIME:
        return pa.timestamp("us", tz=VN_OFFSET) if timestamp else pa.string()
    return {STR: pa.string(), JSON: pa.string(), STRS: pa.list_(pa.string()), INT32: pa.int32(), INT64: pa.int64(),
            UINT64: pa.uint64(), BOOL: pa.bool_()}[type_]


@lru_cache(maxsize=None)
def arrow_schema(record: str):
    """The Arrow schema of `record`, fields in FIELDS order."""
    import pyarrow as pa

    ts = record in TIMESTAMP_RECORDS
    return pa.schema([pa.field(f.name, _arrow(f.type, ts), metadata={"doc": f.doc}) for f in fields_of(record)])


def values(article, record: str = EXTRACTED) -> dict[str, Any]:
    """The fields of `record` that an Article holds (others, such as seq, are the caller's)."""
    out: dict[str, Any] = {}
    for f in fields_of(record):
        if f.get is None and not hasattr(article, f.name):
            continue
        v = f.get(article) if f.get is not None else getattr(article, f.name)
        if isinstance(v, (list, tuple)) and f.type == STRS:
            v = list(v)
        if f.omit_null and not v:
            continue
        out[f.name] = v
    return out


# ---- publish times: ISO text <-> timestamps --------------------------------------------------

def to_timestamps(texts: list[str | None]):
    """ISO texts -> an Arrow timestamp array in Vietnam time (what CORPUS stores)."""
    import pyarrow as pa

    return pa.array([parse_iso(t) for t in texts], pa.timestamp("us", tz=VN_OFFSET))


def iso(value: Any) -> Any:
    """A corpus timestamp (an aware datetime) as ISO 8601 text; anything else unchanged."""
    return value.isoformat() if isinstance(value, datetime) else value


def with_timestamps(table, columns: tuple[str, ...] | None = None):
    """`table` with its TIME columns (or `columns`) stored as text turned into timestamps (the
    work files -> articles.parquet, republications.parquet)."""
    import pyarrow as pa

    for name in columns if columns is not None else [f.name for f in FIELDS if f.type == TIME]:
        if name in table.column_names and pa.types.is_string(table.schema.field(name).type):
            i = table.schema.get_field_index(name)
            table = table.set_column(i, name, to_timestamps(table.column(name).to_pylist()))
    return table


def with_iso_times(table):
    """`table` with its timestamp columns as ISO 8601 text (JSON output, the web views); a
    corpus that stored text already is returned as it is."""
    import pyarrow as pa

    for i, fld in enumerate(table.schema):
        if pa.types.is_timestamp(fld.type):
            table = table.set_column(i, fld.name, pa.array([iso(v) for v in table.column(i).to_pylist()], pa.string()))
    return table
