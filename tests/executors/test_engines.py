"""--engine ray and --engine local give identical tables (a local Ray with 2 CPUs)."""
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus.schema import TABLES

from corpus.fixtures import small_corpus, write_jsonl

ray = pytest.importorskip("ray")


def test_ray_and_local_engines_write_identical_tables(tmp_path):
    recs = small_corpus(n=16, seed=5)
    src, more = write_jsonl(recs[:13], tmp_path / "pages.jsonl"), write_jsonl(recs[13:], tmp_path / "more.jsonl")
    runner = CliRunner()
    args = ["build", str(src), str(more), "--no-annotate", "--shard-size", "5"]
    res = runner.invoke(app, args + ["--out", str(tmp_path / "local")])
    assert res.exit_code == 0, res.output
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        res = runner.invoke(app, args + ["--out", str(tmp_path / "ray"), "--engine", "ray", "--jobs", "2"])
        assert res.exit_code == 0, res.output
        # an update on Ray: the first file's corpus, then the second added
        ray_args = ["--no-annotate", "--shard-size", "5", "--out", str(tmp_path / "ray-update"), "--engine", "ray"]
        res = runner.invoke(app, ["build", str(src), "--keep-work", *ray_args])
        assert res.exit_code == 0, res.output
        res = runner.invoke(app, ["build", str(more), "--update", *ray_args])
        assert res.exit_code == 0, res.output
    finally:
        ray.shutdown()
    for name in TABLES:
        local = (tmp_path / "local" / f"{name}.parquet").read_bytes()
        assert (tmp_path / "ray" / f"{name}.parquet").read_bytes() == local, name
        assert (tmp_path / "ray-update" / f"{name}.parquet").read_bytes() == local, name


def test_unknown_engine_is_refused(tmp_path):
    src = write_jsonl(small_corpus(n=3), tmp_path / "pages.jsonl")
    res = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert res.exit_code != 0
