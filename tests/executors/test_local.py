"""LocalExecutor.run: results in the order of the calls; a long call does not hold back the
calls queued behind it (the one done first makes room in the window of 2 x jobs)."""
import time
from pathlib import Path

from vinews.executors.local import LocalExecutor


def long_call(folder: str, want: int, wait_s: float = 10.0) -> int:
    """Waits until `want` short calls have run (or wait_s), returns how many did."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if len(list(Path(folder).glob("short-*"))) >= want:
            break
        time.sleep(0.01)
    return len(list(Path(folder).glob("short-*")))


def short_call(folder: str, i: int) -> int:
    (Path(folder) / f"short-{i}").touch()
    return i


def call(fn, *args):
    return fn(*args)


def test_short_calls_run_while_a_long_one_waits_and_results_keep_their_order(tmp_path):
    # jobs 2: a window of 4 calls. The long call returns once all 6 short ones have run: with a
    # window that waits on its oldest call, the last 3 would be submitted only after it ended.
    calls = [(long_call, str(tmp_path), 6)] + [(short_call, str(tmp_path), i) for i in range(6)]
    ex = LocalExecutor(jobs=2)
    try:
        out = ex.run(call, calls, total=len(calls), label="test")
    finally:
        ex.close()
    assert out == [6, 0, 1, 2, 3, 4, 5]
