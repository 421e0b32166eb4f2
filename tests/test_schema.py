"""vinews.schema declares the article record once; every record of it is derived from there."""
import datetime as dt

from vinews import schema
from vinews.model import Article


def test_every_record_is_derived_from_the_one_declaration():
    from vinews import writers
    from vinews.corpus import schema as corpus_schema
    from vinews.corpus.dedup import SIGNED_SCHEMA
    from vinews.corpus.export import EXPORT_COLUMNS
    from vinews.corpus.extract import ART_SCHEMA
    from vinews.serve.store import _META

    assert writers.FIELDS == schema.names(schema.EXTRACTED)
    assert tuple(writers.parquet_schema().names) == schema.names(schema.EXTRACTED)
    assert tuple(ART_SCHEMA.names) == schema.names(schema.WORK)
    assert tuple(SIGNED_SCHEMA.names) == schema.names(schema.SIGNED)
    assert tuple(corpus_schema.ARTICLES.names) == schema.names(schema.CORPUS)
    assert EXPORT_COLUMNS == schema.names(schema.EXPORT)
    assert tuple(_META) == schema.names(schema.SERVE)
    # each later record holds what the one it is made from holds (the build passes rows on)
    assert set(schema.names(schema.WORK)) <= set(schema.names(schema.SIGNED))
    assert set(schema.names(schema.EXPORT)) | set(schema.names(schema.SERVE)) <= set(schema.names(schema.CORPUS))


def test_extracted_fields_come_from_the_article():
    fields = set(Article.__dataclass_fields__)
    for f in schema.fields_of(schema.EXTRACTED):
        assert f.get is not None or f.name in fields, f.name
    a = Article(id="x", title="T", published="2024-03-01", body=["b"], meta={"decode": {"chosen": "utf-8"}})
    rec = schema.values(a)
    assert list(rec) == [f for f in schema.names(schema.EXTRACTED)]
    assert rec["decode"] == {"chosen": "utf-8"} and rec["published"] == "2024-03-01"
    assert "decode" not in schema.values(Article(id="y"))  # left out when empty, as before


def test_published_types_by_record():
    import pyarrow as pa

    assert schema.arrow_schema(schema.CORPUS).field("published").type == pa.timestamp("us", tz="+07:00")
    for rec in (schema.EXTRACTED, schema.WORK, schema.SIGNED):
        assert schema.arrow_schema(rec).field("published").type == pa.string()


def test_publish_times_parse_to_vietnam_instants():
    vn = dt.timezone(dt.timedelta(hours=7))
    from vinews.vntime import parse_iso

    assert parse_iso("2024-03-01") == dt.datetime(2024, 3, 1, tzinfo=vn)
    assert parse_iso("2024-03-01T08:10:00+07:00") == dt.datetime(2024, 3, 1, 8, 10, tzinfo=vn)
    assert parse_iso("2024-03-01T01:10:00Z") == dt.datetime(2024, 3, 1, 8, 10, tzinfo=vn)
    assert parse_iso("2024-03-01T08:10") == dt.datetime(2024, 3, 1, 8, 10, tzinfo=vn)
    assert parse_iso("hôm qua") is None and parse_iso(None) is None
    arr = schema.to_timestamps(["2024-03-01T23:30:00+07:00", None])
    import pyarrow as pa

    back = schema.with_iso_times(pa.table({"published": arr}))
    assert back.column("published").to_pylist() == ["2024-03-01T23:30:00+07:00", None]
