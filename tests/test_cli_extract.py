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


# --- hostile input and faults (issue 10) ------------------------------------------------------

import errno  # noqa: E402
import os  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PAGE = {"id": "a", "url": "https://tin.vn/a", "text": "Chợ Bến Thành đông khách\n\nSáng nay các sạp rau quả và cá "
        "tươi ở chợ bán hết sớm, người mua chen nhau từ lúc trời chưa sáng."}


def _jsonl(path, recs):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_output_that_is_an_input_is_refused(tmp_path):
    src = _jsonl(tmp_path / "same.jsonl", [PAGE])
    before = src.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(src)
    os.link(src, tmp_path / "hard.jsonl")
    (tmp_path / "outdir").mkdir()
    cases = [([str(src)], src), ([str(src)], tmp_path / "link.jsonl"), ([str(src)], tmp_path / "hard.jsonl"),
             ([str(tmp_path)], tmp_path / "new.jsonl"), ([str(src)], tmp_path / "outdir")]
    for inputs, out in cases:
        res = runner.invoke(app, ["extract", *inputs, "-o", str(out)])
        assert res.exit_code == 2, (out, res.output)
        assert "Traceback" not in res.output and "--output" in res.output
        assert src.read_bytes() == before
    assert not (tmp_path / "new.jsonl").exists() and not list((tmp_path / "outdir").iterdir())


def _fail_after(monkeypatch, n, exc):
    from vinews import writers

    real = writers.JsonlWriter.write
    calls = [0]

    def write(self, a):
        calls[0] += 1
        if calls[0] > n:
            raise exc
        real(self, a)

    monkeypatch.setattr(writers.JsonlWriter, "write", write)


def test_disk_full_is_one_line_and_leaves_no_partial_output(tmp_path, monkeypatch):
    src = _jsonl(tmp_path / "in.jsonl", [dict(PAGE, id=f"p{i}") for i in range(5)])
    out = tmp_path / "out" / "articles.jsonl"
    out.parent.mkdir()
    out.write_text("kết quả lần trước\n", encoding="utf-8")  # a previous good output survives
    _fail_after(monkeypatch, 2, OSError(errno.ENOSPC, "No space left on device"))
    res = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "error: No space left on device" in res.output and "disk full" in res.output
    assert out.read_text(encoding="utf-8") == "kết quả lần trước\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["articles.jsonl"]


def test_crash_mid_run_leaves_no_file_under_the_final_name(tmp_path, monkeypatch):
    src = _jsonl(tmp_path / "in.jsonl", [dict(PAGE, id=f"p{i}") for i in range(5)])
    out = tmp_path / "out.jsonl"
    _fail_after(monkeypatch, 3, RuntimeError("killed"))
    res = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code != 0 and not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


_any = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(st.characters(codec=None), max_size=12),
                    lambda k: st.lists(k, max_size=3) | st.dictionaries(st.text(max_size=5), k, max_size=3),
                    max_leaves=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.dictionaries(st.sampled_from(["id", "url", "site", "fetched", "text", "html"]), _any, max_size=4),
                max_size=4))
def test_any_record_gives_one_row_and_the_run_goes_on(tmp_path, recs):
    src = tmp_path / "in" / "dump.jsonl"
    src.parent.mkdir(exist_ok=True)
    lines = ([json.dumps(r) for r in recs] + ['{"id": "sur", "text": "Hà Nội \\ud800 mưa"}', "[" * 50_000 + "]" * 50_000]
             + [json.dumps(PAGE)])
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]  # valid UTF-8
    assert len(rows) == len(lines) and rows[-1]["id"] == "a"
    assert rows[-2]["kind"] == "rejected" and "nested too deep" in rows[-2]["reason"]


def test_dangling_symlink_and_unreadable_folder_are_warned_and_counted(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    _jsonl(src / "ok.jsonl", [PAGE])
    (src / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "Permission denied", str(p)))
                        if Path(p).name == "locked" else real_scandir(p))
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"warning: skipped {src / 'gone.jsonl'}: dangling symlink" in res.output
    assert f"warning: skipped {src / 'locked'}: unreadable folder" in res.output
    assert "skipped: 2" in res.output and len(records(out)) == 1
