"""`vinews export` (issue 12): a corpus's articles as one JSONL / Parquet file with filters, and
the Parquet file loads in Hugging Face `datasets` as one table."""
import gzip
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app

from .fixtures import small_corpus, write_jsonl

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("x")
    src = write_jsonl(small_corpus(), tmp / "in" / "pages.jsonl")
    out = tmp / "c"
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate"])
    assert res.exit_code == 0, res.output
    return out


def articles(corpus):
    return pq.read_table(corpus / "articles.parquet").to_pylist()


def read(path):
    raw = path.read_bytes()
    if raw[:4] == b"PAR1":
        return pq.read_table(path).to_pylist()
    text = gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8")
    return [json.loads(x) for x in text.splitlines()]


@pytest.mark.parametrize("name", ["all.jsonl", "all.jsonl.gz", "all.parquet"])
def test_export_everything_in_each_format(corpus, tmp_path, name):
    out = tmp_path / name
    res = runner.invoke(app, ["export", str(corpus), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = read(out)
    want = articles(corpus)
    assert [r["id"] for r in got] == [a["id"] for a in want]
    assert "seq" not in got[0] and isinstance(got[0]["body"], list) and got[0]["text"]
    assert f"exported {len(want)} articles" in res.stderr


def test_filters(corpus, tmp_path):
    want = articles(corpus)
    out = tmp_path / "f.jsonl"
    assert runner.invoke(app, ["export", str(corpus), "-o", str(out), "--canonical"]).exit_code == 0
    assert [r["id"] for r in read(out)] == [a["id"] for a in want if a["is_canonical"]]
    assert any(not a["is_canonical"] for a in want)  # the filter had something to leave out
    assert runner.invoke(app, ["export", str(corpus), "-o", str(out), "--site", "ALPHA.vn"]).exit_code == 0
    assert [r["id"] for r in read(out)] == [a["id"] for a in want if a["site"] == "alpha.vn"]
    res = runner.invoke(app, ["export", str(corpus), "-o", str(out), "--from", "2024-03-03", "--to", "2024-03-05",
                              "--site", "alpha.vn", "--site", "beta.com.vn"])
    assert res.exit_code == 0, res.output
    # the day in Vietnam time (the corpus timestamps are +07:00)
    picked = [a["id"] for a in want if a["published"] and "2024-03-03" <= a["published"].date().isoformat() <= "2024-03-05"]
    assert [r["id"] for r in read(out)] == picked and 0 < len(picked) < len(want)


def test_published_is_a_timestamp_in_tables_and_iso_text_in_json(corpus, tmp_path):
    import datetime as dt

    import pyarrow as pa

    from vinews.corpus.store import connect

    typ = pq.read_schema(corpus / "articles.parquet").field("published").type
    assert pa.types.is_timestamp(typ) and typ.tz == "+07:00"
    want = [a["published"] for a in articles(corpus)]
    assert all(isinstance(w, dt.datetime) and w.utcoffset() == dt.timedelta(hours=7) for w in want if w) and any(want)
    out = tmp_path / "t.jsonl"
    assert runner.invoke(app, ["export", str(corpus), "-o", str(out)]).exit_code == 0
    got = [r["published"] for r in read(out)]
    assert all(g is None or (isinstance(g, str) and g.endswith("+07:00")) for g in got)
    assert [g and dt.datetime.fromisoformat(g) for g in got] == want  # the same instants
    pq_out = tmp_path / "t.parquet"
    assert runner.invoke(app, ["export", str(corpus), "-o", str(pq_out)]).exit_code == 0
    assert pq.read_schema(pq_out).field("published").type == typ
    con = connect(corpus)
    try:
        assert con.execute("SELECT DISTINCT typeof(published) FROM articles").fetchall() == [("TIMESTAMP WITH TIME ZONE",)]
    finally:
        con.close()
    rep = pq.read_table(corpus / "republications.parquet")
    assert rep.num_rows and all(rep.schema.field(c).type == typ for c in ("copy_published", "original_published"))
    from vinews.corpus.stats import corpus_stats

    months = corpus_stats(corpus)["published_months"]  # Vietnam months, whatever DuckDB's session zone
    assert months == {"2024-03": sum(1 for w in want if w)}


def test_stdout_and_usage_errors(corpus, tmp_path):
    res = runner.invoke(app, ["export", str(corpus), "--canonical"])
    assert res.exit_code == 0 and all(json.loads(x)["is_canonical"] for x in res.stdout.splitlines())
    res = runner.invoke(app, ["export", str(corpus), "--from", "03/2024"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr
    res = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "x.jsonl")])
    assert res.exit_code == 2 and "not a corpus folder" in res.stderr
    res = runner.invoke(app, ["export", str(corpus), "-o", str(corpus / "articles.parquet")])
    assert res.exit_code == 2 and "own tables" in res.stderr


def test_search_date_errors_say_the_format(corpus):
    res = runner.invoke(app, ["search", str(corpus), "x", "--to", "31-12-2024"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr


@pytest.mark.parametrize("which", ["export", "corpus"])
def test_datasets_loads_the_parquet(corpus, tmp_path, monkeypatch, which):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")  # never downloads: the parquet builder ships with the package
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # (read when datasets is first imported, so set before)
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets not installed (pip install datasets)")
    if hasattr(datasets.config, "HF_HUB_OFFLINE"):  # already imported by an earlier test: offline all the same
        monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    if which == "export":
        path = tmp_path / "stories.parquet"
        assert runner.invoke(app, ["export", str(corpus), "-o", str(path), "--canonical"]).exit_code == 0
    else:
        path = corpus / "articles.parquet"
    ds = datasets.load_dataset("parquet", data_files=str(path), split="train", cache_dir=str(tmp_path / "hf"))
    rows = pq.read_table(path).to_pylist()
    assert ds.num_rows == len(rows) > 0
    assert ds[0]["id"] == rows[0]["id"] and ds[0]["body"] == rows[0]["body"]
