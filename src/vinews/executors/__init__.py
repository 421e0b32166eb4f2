"""Where the corpus stages run. Stages are plain picklable functions over shard/partition
arguments; an executor runs a list of such calls and returns their results in order.

- local (default): this process for --jobs 1, else a process pool;
- ray: the same functions as Ray tasks, on a local Ray or an existing cluster (RAY_ADDRESS).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Protocol


class Executor(Protocol):
    jobs: int

    def run(self, fn: Callable[..., Any], calls: Iterable[tuple], total: int, label: str,
            progress: "Callable[[Any], int] | None" = None) -> list[Any]:
        """fn(*args) for each args tuple; results in call order. `progress(result)` says how
        many units a finished call advances the stage's bar (default 1)."""

    def close(self) -> None: ...


def get_executor(engine: str = "local", jobs: int = 1) -> Executor:
    if engine == "local":
        from .local import LocalExecutor

        return LocalExecutor(jobs)
    if engine == "ray":
        from .ray_engine import RayExecutor

        return RayExecutor(jobs)
    raise ValueError(f"unknown engine {engine!r}: local or ray")
