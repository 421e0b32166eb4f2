"""Ray executor: each stage call is a Ray task; data moves through the shared work folder
(hash-partitioned Parquet files), not through Ray's object store or Ray Data.

It joins the cluster named by RAY_ADDRESS (or `ray start --head` on this machine, found with
address="auto"), else starts a local Ray. On a multi-machine cluster the corpus folder must be
on storage every node sees (NFS, a mounted bucket).
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable

from .progress import stage_bar
from .window import run_windowed


def _in_build_pool(fn: Callable[..., Any], *args: Any) -> Any:
    """A stage call in a Ray worker, with the build's process settings (corpus.store.prepare_build_process)."""
    from ..corpus.store import prepare_build_process

    prepare_build_process()
    return fn(*args)


class RayExecutor:
    def __init__(self, jobs: int = 1):
        import ray

        self.jobs = max(1, jobs)
        self._ray = ray
        if not ray.is_initialized():
            address = os.environ.get("RAY_ADDRESS")
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=self.jobs, **kwargs)
        self._remote = ray.remote(num_cpus=1)(_in_build_pool)
        # In flight: enough to keep the cluster busy, bounded so the driver's memory is flat.
        self.window = 2 * max(self.jobs, int(ray.cluster_resources().get("CPU", 1)))

    def run(self, fn: Callable[..., Any], calls: Iterable[tuple], total: int, label: str,
            progress: Callable[[Any], int] | None = None) -> list[Any]:
        ray = self._ray
        remote = self._remote
        step = progress or (lambda r: 1)
        with stage_bar(label) as bar:
            task = bar.add_task(label, total=total)
            out = run_windowed(calls, lambda args: remote.remote(fn, *args),
                               lambda refs: ray.wait(refs, num_returns=1)[0], ray.get, self.window,
                               lambda r: bar.advance(task, step(r)))
        return out

    def close(self) -> None:
        pass  # leave Ray running: the caller (or the cluster) owns it
