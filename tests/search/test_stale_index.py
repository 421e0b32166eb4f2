"""`vinews search` notices a corpus rebuilt after `vinews index` (it re-indexes) instead of
answering from the old articles; a copied corpus keeps its index."""
import json
import random
import shutil

from typer.testing import CliRunner

from vinews.cli import app

runner = CliRunner()
WORDS = "anh bao các cao chính công dân đang điều được hàng hiện học khi không kinh làm một mới năm người nhà".split()


def article_text(rng, word):
    para = lambda: " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."  # noqa: E731
    title = " ".join(rng.choice(WORDS) for _ in range(9)).capitalize()
    return "\n\n".join([title, "02/03/2024 08:00", f"{word.capitalize()} {para()}", para(), para(), para()]) + "\n"


def pages(tmp_path, name, word, seed):
    rng = random.Random(seed)
    recs = []
    for i in range(3):  # `word`: only this build's articles hold it
        recs.append({"id": f"{name}{i}", "url": f"https://alpha.vn/{name}-{i}.html", "text": article_text(rng, word)})
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def ids(output):
    return {h["id"] for h in json.loads(output)["hits"]}


def test_search_after_a_rebuild_answers_from_the_new_corpus(tmp_path):
    a, b = pages(tmp_path, "a", "xoaicat", 1), pages(tmp_path, "b", "chomchom", 2)
    corpus = tmp_path / "c"
    assert runner.invoke(app, ["build", str(a), "--out", str(corpus), "--no-annotate"]).exit_code == 0
    assert runner.invoke(app, ["index", str(corpus)]).exit_code == 0
    assert ids(runner.invoke(app, ["search", str(corpus), "xoaicat", "--json"]).stdout) == {"a0", "a1", "a2"}

    assert runner.invoke(app, ["build", str(b), "--out", str(corpus), "--no-annotate"]).exit_code == 0
    res = runner.invoke(app, ["search", str(corpus), "xoaicat", "--json"])
    assert res.exit_code == 0, res.output
    assert "re-indexing" in res.stderr
    assert ids(res.stdout) == set()
    res = runner.invoke(app, ["search", str(corpus), "chomchom", "--json"])
    assert ids(res.stdout) == {"b0", "b1", "b2"} and "re-indexing" not in res.stderr

    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)  # new modification times, same articles: the index still serves
    res = runner.invoke(app, ["search", str(moved), "chomchom", "--json"])
    assert ids(res.stdout) == {"b0", "b1", "b2"} and "re-indexing" not in res.stderr
