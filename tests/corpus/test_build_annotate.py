"""`vinews build` with annotation on: entities and keywords come after dedup, for kept articles only."""
import pyarrow.parquet as pq
from typer.testing import CliRunner

from vinews.cli import app

from .fixtures import small_corpus, write_jsonl

runner = CliRunner()


def named_corpus() -> list[dict]:
    """The small corpus with names in it: the same substitution in every page, so copies stay
    copies and boilerplate stays boilerplate."""
    pages = small_corpus()
    for p in pages:
        p["text"] = p["text"].replace(" tỉnh ", " tỉnh Nghệ An ").replace(" anh ", " anh Nguyễn Văn Nam ")
        p["text"] = p["text"].replace(" gió ", " Tổng thống Donald Trump ", 1).replace(" chợ ", " ông Trump ")
    return pages


def test_annotation_runs_on_kept_articles_only(tmp_path):
    src = tmp_path / "in" / "pages.jsonl"
    write_jsonl(named_corpus(), src)
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--shard-size", "7"])
    assert res.exit_code == 0, res.output
    pages = {p["id"]: p["status"] for p in pq.read_table(out / "pages.parquet").to_pylist()}
    ents = pq.read_table(out / "entities.parquet").to_pylist()
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert ents, "the fixture's articles name people and places"
    annotated = {e["article_id"] for e in ents}
    assert annotated <= {i for i, s in pages.items() if s == "kept"}  # no copy is annotated
    copies = {i for i, s in pages.items() if s == "duplicate"}
    assert copies, "the fixture has copies"
    assert all(e["key"] for e in ents)
    kw = {a["id"]: a["keywords"] for a in arts}
    assert any(kw[i] for i in annotated)
    assert not any(kw[i] for i, s in pages.items() if s == "duplicate" and i in kw)
    for e in ents:  # offsets index the article's text
        text = next(a["text"] for a in arts if a["id"] == e["article_id"])
        assert text[e["start"]:e["end"]] == e["text"]

    trump = [e for e in ents if "Trump" in e["text"]]
    assert {e["text"] for e in trump} == {"Donald Trump", "Trump"}
    assert len({e["key"] for e in trump}) == 1  # one entity across articles and shards

    plain = tmp_path / "plain"
    res = runner.invoke(app, ["build", str(src), "--out", str(plain), "--no-annotate", "--shard-size", "7"])
    assert res.exit_code == 0, res.output
    assert pq.read_table(plain / "entities.parquet").num_rows == 0
    assert not any(a["keywords"] for a in pq.read_table(plain / "articles.parquet").to_pylist())
