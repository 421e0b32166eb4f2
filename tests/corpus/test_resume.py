"""kill -9 in the middle of a build, run it again: the same tables as an uninterrupted build."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vinews.corpus.schema import TABLES

from .fixtures import small_corpus, write_jsonl

VINEWS = [sys.executable, "-c", "from vinews.cli import app; app()"]


def run_build(src: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(VINEWS + ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_kill_mid_build_then_rerun_gives_identical_tables(tmp_path):
    src = write_jsonl(small_corpus(n=30, seed=3), tmp_path / "pages.jsonl")
    clean = tmp_path / "clean"
    assert run_build(src, clean).wait(timeout=120) == 0
    out = tmp_path / "out"
    # Kill at several points: during extract, sign, the cluster shuffle and the decisions.
    for marker in ("extract/s000003", "sign/s000004", "members/s000002.arrow", "decide/q01"):
        proc = run_build(src, out)
        deadline = time.time() + 60
        while not (out / "_work" / marker).exists() and proc.poll() is None and time.time() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert (out / "_work").exists()  # it really was interrupted
    assert run_build(src, out).wait(timeout=120) == 0
    for name in TABLES:
        assert (out / f"{name}.parquet").read_bytes() == (clean / f"{name}.parquet").read_bytes(), name


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree in /proc (Linux)")
def test_kill_of_the_driver_ends_its_workers_and_the_rerun_resumes(tmp_path):
    # --jobs 2, the driver alone killed (as `kill -9 PID` does): its workers used to live on,
    # holding the fork's copy of the corpus lock, and the rerun was refused as another build
    src = write_jsonl(small_corpus(n=30, seed=3), tmp_path / "pages.jsonl")
    clean = tmp_path / "clean"
    assert run_build(src, clean).wait(timeout=120) == 0
    out = tmp_path / "out"
    proc = subprocess.Popen(VINEWS + ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "2",
                                      "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not (out / "_work" / "extract" / "s000002").exists() and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    workers = _children(proc.pid)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while any(map(_alive, workers)) and time.time() < deadline:
        time.sleep(0.01)
    assert not any(map(_alive, workers))
    assert run_build(src, out).wait(timeout=120) == 0
    for name in TABLES:
        assert (out / f"{name}.parquet").read_bytes() == (clean / f"{name}.parquet").read_bytes(), name
