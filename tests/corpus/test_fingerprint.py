"""The resume key: a rebuild into a kept work folder after a change of parameters or code gives
the tables of a fresh build with that change, and redoes only the stages downstream of it."""
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus import fingerprint
from vinews.corpus.build import build_corpus, input_fingerprint
from vinews.corpus.params import DedupParams
from vinews.corpus.schema import TABLES
from vinews.executors import get_executor
from vinews.readers import iter_pages

from .fixtures import small_corpus, write_jsonl

runner = CliRunner()


@pytest.fixture
def src(tmp_path) -> Path:
    return write_jsonl(small_corpus(n=12, seed=5), tmp_path / "in" / "pages.jsonl")


def build(src: Path, out: Path, *extra: str) -> dict:
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "4",
                              "--keep-work", *extra])
    assert res.exit_code == 0, res.output
    return json.loads((out / "stats.json").read_text())


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def statuses(out: Path) -> list[tuple]:
    return [(r["id"], r["status"]) for r in pq.read_table(out / "pages.parquet", columns=["id", "status"]).to_pylist()]


def plant(work: Path, stage: str) -> Path:
    """A file inside a stage's output folder: it survives a rebuild only if the stage's work was kept."""
    mark = work / stage / "planted"
    mark.write_text("x")
    return mark


def test_rebuild_with_params_file_equals_fresh_build(tmp_path, src):
    out = tmp_path / "a"
    first = build(src, out)
    assert "kept" in {s for _, s in statuses(out)}
    strict = tmp_path / "strict.toml"
    strict.write_text("min_article_words = 100000\n")
    again = build(src, out, "--params", str(strict))
    fresh = tmp_path / "fresh"
    build(src, fresh, "--params", str(strict))
    assert {s for _, s in statuses(out)} == {"nonarticle"}
    assert statuses(out) == statuses(fresh)
    assert tables(out) == tables(fresh)
    # every stage hashes the extract stage's fingerprint: all of them changed, and stats.json says so
    assert all(again["fingerprints"][k] != first["fingerprints"][k] for k in first["fingerprints"])
    recorded = json.loads((out / "_work" / "stages.json").read_text())["stages"]
    assert {k: v["fingerprint"] for k, v in recorded.items()} == again["fingerprints"]


def test_rebuild_after_code_change_equals_fresh_build(tmp_path, src, monkeypatch):
    out = tmp_path / "a"
    build(src, out)
    before = tables(out)
    # "Edit" the extract stage: it now gives every page another site, and its source changes.
    import vinews.corpus.extract as ex

    monkeypatch.setattr(ex, "site_of_page", lambda page, art: "edited.vn")
    build(src, out)
    assert tables(out) == before  # the code hash unchanged: the old shards are (wrongly) reused ...
    real = fingerprint.module_source
    monkeypatch.setattr(fingerprint, "module_source",
                        lambda name: real(name) + (b"\n# edited\n" if name == "vinews.corpus.extract" else b""))
    build(src, out)  # ... with the edit in the code fingerprint they are redone
    fresh = tmp_path / "fresh"
    build(src, fresh)
    assert tables(out) == tables(fresh) != before
    assert {r["site"] for r in pq.read_table(out / "pages.parquet", columns=["site"]).to_pylist()} == {"edited.vn"}


def test_code_change_redoes_the_stage_and_downstream_only(tmp_path, src, monkeypatch):
    out = tmp_path / "a"
    first = build(src, out)
    work = out / "_work"
    kept = [plant(work, s) for s in ("extract", "ids", "learn")]
    redone = [plant(work, s) for s in ("sign", "pairs", "clusters", "decide")]
    real = fingerprint.module_source
    monkeypatch.setattr(fingerprint, "module_source",
                        lambda name: real(name) + (b"\n# edited\n" if name == "vinews.corpus.dedup" else b""))
    again = build(src, out)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in redone)
    changed = {k for k in first["fingerprints"] if first["fingerprints"][k] != again["fingerprints"][k]}
    assert changed == {"sign", "pairs", "clusters", "members", "decide", "annotate"}


def test_dedup_params_change_keeps_extraction(tmp_path, src):
    def run(out: Path, dedup: DedupParams, keep: bool) -> None:
        files = [src]
        build_corpus(iter_pages(files, None), out, input_fingerprint(files), get_executor("local", 1),
                     annotate=False, shard_size=4, keep_work=keep, files=files, dedup=dedup)

    out = tmp_path / "a"
    run(out, DedupParams(), True)
    before = tables(out)
    extract_mark, sign_mark, pairs_mark = (plant(out / "_work", s) for s in ("extract", "sign", "pairs"))
    strict = DedupParams(jaccard_min=0.99, containment_min=0.99, jaccard_floor=0.99)
    run(out, strict, True)
    assert extract_mark.exists() and sign_mark.exists() and not pairs_mark.exists()
    fresh = tmp_path / "fresh"
    run(fresh, strict, False)
    assert tables(out) == tables(fresh) != before


def test_params_file_dedup_table_redoes_dedup_only(tmp_path, src):
    out = tmp_path / "a"
    build(src, out)
    before = tables(out)
    extract_mark, pairs_mark = plant(out / "_work", "extract"), plant(out / "_work", "pairs")
    strict = tmp_path / "strict.toml"
    strict.write_text("[dedup]\njaccard_min = 0.99\ncontainment_min = 0.99\njaccard_floor = 0.99\n")
    build(src, out, "--params", str(strict))
    assert extract_mark.exists() and not pairs_mark.exists()
    fresh = tmp_path / "fresh"
    build(src, fresh, "--params", str(strict))
    assert tables(out) == tables(fresh) != before
    bad = tmp_path / "bad.toml"
    bad.write_text("[dedup]\njacard_min = 0.5\n")
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "b"), "--params", str(bad)])
    assert res.exit_code == 2 and "jaccard_min" in res.output, res.output
    bad.write_text("[dedup]\nbands = 64\n")  # 64 x 4 rows > 128 bins
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "b"), "--params", str(bad)])
    assert res.exit_code == 2 and "num_perm" in res.output, res.output


def test_no_annotate_after_annotated_build_drops_the_annotations(tmp_path, src):
    out = tmp_path / "a"
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--shard-size", "4", "--keep-work"])
    assert res.exit_code == 0, res.output
    assert (out / "_work" / "annotate").exists()
    build(src, out)  # --no-annotate
    assert not (out / "_work" / "annotate").exists()
    fresh = tmp_path / "fresh"
    build(src, fresh)
    assert tables(out) == tables(fresh)


def test_code_closure_follows_lazy_and_named_imports():
    # extract_with_text imports the pipeline inside the function; the annotate stage loads
    # vinews.annotate through importlib by name
    assert "vinews.pipeline" in fingerprint.closure(("vinews.corpus.extract",))
    assert "vinews.html.dom" in fingerprint.closure(("vinews.corpus.extract",))
    assert "vinews.annotate.entities" in fingerprint.closure(("vinews.corpus.annotate_stage",))
    # a parent package runs its __init__ but is not followed (vinews/__init__ re-exports everything)
    dedup = fingerprint.closure(("vinews.corpus.dedup",))
    assert "vinews" in dedup and "vinews.pipeline" not in dedup and "vinews.corpus.build" not in dedup


def test_fingerprint_covers_versions_and_layout(monkeypatch):
    base = fingerprint.fingerprints({}, 4)
    assert fingerprint.fingerprints({}, 5) != base
    env = dict(fingerprint.environment(), version="999")
    monkeypatch.setattr(fingerprint, "environment", lambda: env)
    assert fingerprint.fingerprints({}, 4)["extract"] != base["extract"]
