"""--engine ray and --engine local give identical tables (a local Ray with 2 CPUs)."""
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus.schema import TABLES

from corpus.fixtures import small_corpus, write_jsonl

ray = pytest.importorskip("ray")


def test_ray_and_local_engines_write_identical_tables(tmp_path):
    src = write_jsonl(small_corpus(n=16, seed=5), tmp_path / "pages.jsonl")
    runner = CliRunner()
    args = ["build", str(src), "--no-annotate", "--shard-size", "5"]
    res = runner.invoke(app, args + ["--out", str(tmp_path / "local")])
    assert res.exit_code == 0, res.output
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        res = runner.invoke(app, args + ["--out", str(tmp_path / "ray"), "--engine", "ray", "--jobs", "2"])
        assert res.exit_code == 0, res.output
    finally:
        ray.shutdown()
    for name in TABLES:
        assert (tmp_path / "ray" / f"{name}.parquet").read_bytes() == (tmp_path / "local" / f"{name}.parquet").read_bytes(), name


def test_unknown_engine_is_refused(tmp_path):
    src = write_jsonl(small_corpus(n=3), tmp_path / "pages.jsonl")
    res = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert res.exit_code != 0
