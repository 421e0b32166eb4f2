import json

from typer.testing import CliRunner

from vinews.cli import app
from vinews.search.sample_corpus import write_sample_corpus

runner = CliRunner()


def test_index_then_search(tmp_path):
    corpus = write_sample_corpus(tmp_path / "c", annotate=False)
    res = runner.invoke(app, ["index", str(corpus)])
    assert res.exit_code == 0, res.output
    assert (corpus / "index" / "meta.json").exists()

    res = runner.invoke(app, ["search", str(corpus), "viet nam", "--json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    assert got["hits"][0]["id"] == "a4" and "title_html" not in got["hits"][0]

    res = runner.invoke(app, ["search", str(corpus), '"hop tac quoc phong"', "--site", "baoa.vn",
                              "--from", "2024-03-01", "--to", "2024-03-31"])
    assert res.exit_code == 0, res.output
    assert "1 results" in res.stdout and "Lương Cường" in res.stdout

    res = runner.invoke(app, ["search", str(corpus), "x", "--from", "03/2024"])
    assert res.exit_code != 0


def test_clear_errors_without_corpus_or_index(tmp_path):
    res = runner.invoke(app, ["index", str(tmp_path)])
    assert res.exit_code != 0 and "articles.parquet" in res.output
    corpus = write_sample_corpus(tmp_path / "c", annotate=False)
    res = runner.invoke(app, ["search", str(corpus), "x"])
    assert res.exit_code != 0 and "vinews index" in res.output
