"""End to end through the command line, including bad input."""
import gzip
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from vinews.cli import app
from vinews.encodings import encode_legacy

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_extract_folder(tmp_path):
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(ROOT / "samples" / "pages"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = records(out)
    assert len(recs) == 5
    assert {r["kind"] for r in recs} == {"article", "nonarticle"}
    for r in recs:  # the benchmark's prediction format
        assert {"id", "kind", "title", "published", "author", "source", "lead", "body", "captions"} <= set(r)
    assert "pages in: 5" in res.output


def test_bad_pages_never_stop_the_run(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 10)
    (d / "big.txt").write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    legacy = "Hà Nội\n\nThời tiết hôm nay mưa rào và dông ở nhiều nơi, nhiệt độ giảm mạnh về đêm."
    (d / "legacy.txt").write_bytes(legacy.encode("utf-16"))
    (d / "cp1258.txt").write_bytes(encode_legacy("Tin tức mới nhất về thời tiết ở Đà Nẵng hôm nay", "cp1258"))
    (d / "ok.txt").write_text((ROOT / "samples" / "pages" / "bao-mau-01.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(d), "-o", str(out), "--jobs", "2"])
    assert res.exit_code == 0, res.output
    by_id = {r["id"]: r for r in records(out)}
    assert set(by_id) == {"empty", "binary", "big", "legacy", "cp1258", "ok"}
    assert by_id["empty"]["kind"] == "rejected" and by_id["empty"]["reason"] == "empty"
    assert by_id["binary"]["reason"].startswith("binary")
    assert by_id["big"]["reason"].startswith("oversized")
    assert by_id["ok"]["kind"] == "article"
    assert by_id["cp1258"]["decode"] == {"encoding": "cp1258", "how": "detected"}
    assert by_id["legacy"]["decode"]["encoding"].startswith("utf-16")
    assert "rejected: 3" in res.output


def test_usage_errors_exit_nonzero(tmp_path):
    assert runner.invoke(app, ["extract", str(tmp_path / "missing")]).exit_code != 0
    assert runner.invoke(app, ["extract", str(tmp_path), "--format", "nope"]).exit_code != 0
    assert runner.invoke(app, []).exit_code != 0


def test_console_script_runs(tmp_path):
    """The installed `vinews` entry point, as a user runs it."""
    out = tmp_path / "o.jsonl"
    exe = Path(sys.executable).with_name("vinews")
    res = subprocess.run([str(exe), "extract", str(ROOT / "samples" / "pages" / "bao-mau-04.txt"), "-o", str(out), "--show"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert records(out)[0]["kind"] == "article"
    assert "Extracted pages" in res.stdout
