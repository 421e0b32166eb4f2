"""--help lists the choices and shows boolean flags without a placeholder (issue 12)."""
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.cli.common import InputFormat, OutputFormat
from vinews.readers import READERS
from vinews.writers import OUTPUT_FORMATS

runner = CliRunner()


@pytest.mark.parametrize("cmd", ["extract", "build", "export", "search", "index", "serve", "stats", "params"])
def test_help_has_no_bool_placeholder(cmd):
    res = runner.invoke(app, [cmd, "--help"], terminal_width=200)
    assert res.exit_code == 0, res.output
    assert "<bool>" not in res.output and "Traceback" not in res.output


def test_choices_are_listed():
    out = runner.invoke(app, ["extract", "--help"], terminal_width=200).output
    assert "<text|html|warc|wet|jsonl|json|parquet>" in out and "<jsonl|jsonl.gz|parquet>" in out
    assert "<local|ray>" in runner.invoke(app, ["build", "--help"], terminal_width=200).output
    assert {f.value for f in InputFormat} == set(READERS)
    assert tuple(f.value for f in OutputFormat) == OUTPUT_FORMATS


def test_a_bad_choice_is_a_usage_error(tmp_path):
    res = runner.invoke(app, ["extract", str(tmp_path), "--format", "pdf"])
    assert res.exit_code == 2 and "pdf" in res.output
    res = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "c"), "--engine", "spark"])
    assert res.exit_code == 2 and "spark" in res.output
