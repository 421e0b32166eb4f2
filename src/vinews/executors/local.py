"""The default executor: calls in this process (--jobs 1) or in a pool of worker processes.

Calls are submitted lazily with at most 2 x jobs unfinished (window.py), so a stage fed by a
generator (the extract stage reads pages as it goes) holds only a few shards in memory.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable

from .progress import stage_bar
from .window import run_windowed


def _start_worker(driver: int) -> None:
    """A pool worker's start: the build's memory pool, and an end with the driver. A worker
    whose driver was killed (kill -9) used to live on, idle, holding the fork's copy of the
    corpus lock, so the rerun that resumes the build was refused as "being built by another
    process" for as long as the orphans lived. On Linux the kernel now kills a worker when its
    driver dies (PR_SET_PDEATHSIG); a driver dead before that was set is seen here."""
    from ..corpus.store import prepare_build_process

    prepare_build_process()
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # no prctl in this libc: the orphans remain possible
            pass
    if os.getppid() != driver:
        os._exit(1)


class LocalExecutor:
    def __init__(self, jobs: int = 1):
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
            # a forked worker has the driver's pool already; a spawned one sets its own
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_start_worker,
                                             initargs=(os.getpid(),))
        return self._pool

    def run(self, fn: Callable[..., Any], calls: Iterable[tuple], total: int, label: str,
            progress: Callable[[Any], int] | None = None) -> list[Any]:
        step = progress or (lambda r: 1)
        out: list[Any] = []
        with stage_bar(label) as bar:
            task = bar.add_task(label, total=total)
            if self.jobs == 1:
                for args in calls:
                    r = fn(*args)
                    out.append(r)
                    bar.advance(task, step(r))
                return out
            pool = self._get_pool()
            out = run_windowed(calls, lambda args: pool.submit(fn, *args),
                               lambda fs: list(wait(fs, return_when=FIRST_COMPLETED)[0]), lambda f: f.result(),
                               2 * self.jobs, lambda r: bar.advance(task, step(r)))
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
