"""`--entity` and the entity page go by the linked key: "Donald Trump", "Trump" and "ông Trump"
in three articles of one corpus are one entity."""
from vinews.annotate import annotate_articles
from vinews.corpus.schema import ENTITIES
from vinews.search import Filters, Searcher, build_index
from vinews.search.corpus import read_rows
from vinews.search.sample_corpus import write_sample_corpus


def test_one_entity_across_three_spellings(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    corpus = write_sample_corpus(tmp_path / "c")
    ids = sorted({r["id"] for r in read_rows(corpus, "articles", ["id"])})[:3]
    texts = ["Tổng thống Mỹ Donald Trump phát biểu tại Nhà Trắng.", "Hôm qua, Trump tuyên bố sẽ tăng thuế.",
             "Theo ông Trump, thỏa thuận sắp hoàn tất."]
    _, rows = annotate_articles([{"id": i, "text": t} for i, t in zip(ids, texts)])
    pq.write_table(pa.Table.from_pylist(rows, schema=ENTITIES), corpus / "entities.parquet")
    build_index(corpus)
    hits = Searcher(corpus).search("", Filters(entity="Donald Trump", copies=True))["hits"]
    assert sorted(h["id"] for h in hits) == ids

    from vinews.serve.store import Store

    store = Store(corpus, Searcher(corpus))
    for name in ("Donald Trump", "Trump"):
        ent = store.entity(name)
        assert ent["article_count"] == 3 and ent["mentions"] == 3, name
    top = [e for e in store.top_entities(50) if e["type"] == "PER"]
    assert len(top) == 1 and top[0]["articles"] == 3
