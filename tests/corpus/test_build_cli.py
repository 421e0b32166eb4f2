"""End to end through the CLI: `vinews build` on a small corpus of our own text."""
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus.schema import TABLES

from .fixtures import small_corpus, write_jsonl

runner = CliRunner()


def build(tmp_path, name, *extra):
    src = tmp_path / "in" / "pages.jsonl"
    if not src.exists():
        write_jsonl(small_corpus(), src)
        with open(src, "a", encoding="utf-8") as fh:
            fh.write("{not json\n")  # a broken record: still one page row, rejected with a reason
    out = tmp_path / name
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "7", *extra])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("b"), "out")


def rows(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def test_every_input_page_has_a_row_and_a_reason(corpus):
    pages = rows(corpus, "pages")
    assert len(pages) == len(small_corpus()) + 1
    assert [p["seq"] for p in pages] == list(range(len(pages)))
    assert all(p["reason"] for p in pages if p["status"] != "kept")
    status = {p["id"]: p["status"] for p in pages}
    assert status["home"] == "nonarticle"
    assert sum(s == "rejected" for s in status.values()) == 1
    assert all(json.loads(p["roles_json"]) is not None for p in pages)


def test_copies_are_clustered_with_their_originals(corpus):
    status = {p["id"]: p["status"] for p in rows(corpus, "pages")}
    assert {k for k, v in status.items() if v == "duplicate"} == {"copy-exact", "copy-repub", "copy-edit"}
    clusters = {tuple(sorted(c["member_ids"])): c for c in rows(corpus, "clusters")}
    assert set(clusters) == {("copy-exact", "p000"), ("copy-repub", "p001"), ("copy-edit", "p002")}
    assert all(c["canonical_id"].startswith("p") for c in clusters.values())
    rep = {r["copy_id"]: r for r in rows(corpus, "republications")}
    assert rep["copy-repub"]["original_id"] == "p001" and rep["copy-repub"]["evidence"].startswith("attribution")
    assert rep["copy-exact"]["similarity"] == 1.0
    arts = {a["id"]: a for a in rows(corpus, "articles")}
    assert arts["copy-edit"]["original_id"] == "p002" and not arts["copy-edit"]["is_canonical"]
    assert arts["p002"]["is_canonical"] and arts["p002"]["cluster_id"] == arts["copy-edit"]["cluster_id"]
    assert arts["p005"]["cluster_id"] is None and arts["p005"]["is_canonical"]


def test_site_boilerplate_is_learned(corpus):
    lines = {(r["site"], r["line"]) for r in rows(corpus, "site_boilerplate")}
    assert ("alpha.vn", "Viết bình luận mới") in lines
    assert all("Viết bình luận" not in "\n".join(a["body"]) for a in rows(corpus, "articles"))


def test_duckdb_and_stats(corpus):
    from vinews.corpus.store import connect

    con = connect(corpus)  # the views name their files relative to the corpus folder
    for name in TABLES:
        assert con.execute(f"select count(*) from {name}").fetchone()[0] == pq.read_metadata(corpus / f"{name}.parquet").num_rows
    con.close()
    res = runner.invoke(app, ["stats", str(corpus), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.strip().splitlines()[0])["clusters"] == 3
    res = runner.invoke(app, ["stats", str(corpus)])  # a table a person reads
    assert res.exit_code == 0, res.output
    assert "Corpus" in res.stdout and "duplicate" in res.stdout and "alpha.vn" in res.stdout
    assert not res.stdout.lstrip().startswith("{")
    assert "<svg" in (corpus / "report.html").read_text(encoding="utf-8")


def test_rebuild_and_two_workers_give_identical_files(corpus, tmp_path):
    again = build(tmp_path, "again", "--jobs", "2")
    for name in TABLES:
        assert (again / f"{name}.parquet").read_bytes() == (corpus / f"{name}.parquet").read_bytes(), name


def test_repeated_page_ids_are_renamed_in_input_order(tmp_path):
    recs = small_corpus(n=3)
    for r in recs:
        r["id"] = "same"
    src = write_jsonl(recs, tmp_path / "pages.jsonl")
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--no-annotate", "--shard-size", "2"])
    assert res.exit_code == 0, res.output
    ids = [p["id"] for p in rows(tmp_path / "o", "pages")]
    assert ids == ["same"] + [f"same~{k}" for k in range(2, len(recs) + 1)]
    members = {m for c in rows(tmp_path / "o", "clusters") for m in c["member_ids"]}
    assert members <= set(ids) and len(members) == 6


def test_ids_repeated_in_several_shards_are_renamed_where_they_repeat(tmp_path):
    recs = small_corpus(n=3)[:7]
    for r, i in zip(recs, ["a", "b", "a", "c", "b", "a", "d"]):
        r["id"] = i
    src = write_jsonl(recs, tmp_path / "pages.jsonl")
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--no-annotate", "--shard-size", "2"])
    assert res.exit_code == 0, res.output
    assert [p["id"] for p in rows(tmp_path / "o", "pages")] == ["a", "b", "a~2", "c", "b~2", "a~3", "d"]
    assert {a["id"] for a in rows(tmp_path / "o", "articles")} <= {"a", "b", "a~2", "c", "b~2", "a~3", "d"}


def test_unreadable_inputs_still_give_page_rows(tmp_path):
    src = tmp_path / "in"
    write_jsonl(small_corpus(n=3), src / "a.jsonl")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "short.txt").write_text("Một dòng.\n", encoding="utf-8")
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--no-annotate"])
    assert res.exit_code == 0, res.output
    pages = rows(tmp_path / "o", "pages")
    assert len(pages) == len(small_corpus(n=3)) + 3
    by_id = {p["id"]: p for p in pages}
    assert by_id["empty"]["status"] == by_id["binary"]["status"] == "rejected"
    assert all(p["reason"] for p in pages if p["status"] != "kept")
    stats = json.loads((tmp_path / "o" / "stats.json").read_text())
    assert stats["pages_in"] == stats["pages"] == len(pages)


def test_tables_do_not_depend_on_the_number_of_partitions(corpus, tmp_path, monkeypatch):
    from vinews.corpus import build as build_mod

    assert build_mod.parts_for(0) == 8 and build_mod.parts_for(3 * 2**30) == 64 and build_mod.parts_for(10**12) == 512
    monkeypatch.setattr(build_mod, "PART_BYTES", 4096)  # the small input now gets 16+ partitions
    more = build(tmp_path, "more")
    assert json.loads((more / "stats.json").read_text())["partitions"] > 8
    for name in TABLES:
        assert (more / f"{name}.parquet").read_bytes() == (corpus / f"{name}.parquet").read_bytes(), name


def test_a_copy_keeping_a_third_of_the_original_is_found(tmp_path):
    import random

    from .fixtures import SITES, article, render

    rng = random.Random(11)
    recs = []
    for i in range(6):
        a = article(rng, paras=12)
        recs.append({"id": f"o{i}", "url": f"https://alpha.vn/{i}.html", "site": "alpha.vn",
                     "text": render("alpha.vn", a, "01/03/2024 08:00")})
    short = dict(a, lead=rng.choice(a["body"]), body=a["body"][2:6])  # a third, another lead
    recs.append({"id": "trimmed", "url": "https://beta.com.vn/t.html", "site": "beta.com.vn",
                 "text": render("beta.com.vn", short, "01/03/2024 09:00", extra=[f"Theo {SITES['alpha.vn'][0][0]}"])})
    src = write_jsonl(recs, tmp_path / "pages.jsonl")
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--no-annotate"])
    assert res.exit_code == 0, res.output
    rep = rows(tmp_path / "o", "republications")
    assert [(r["copy_id"], r["original_id"]) for r in rep] == [("trimmed", "o5")]
    assert rep[0]["similarity"] < 0.45  # below the Jaccard bar: found by containment
