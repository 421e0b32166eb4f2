"""One rich progress bar per stage, on stderr."""
from __future__ import annotations

from functools import lru_cache

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


@lru_cache(maxsize=1)
def _err() -> Console:
    """The stderr console, made on first use (a Console reads the environment: not at import)."""
    return Console(stderr=True)


def stage_bar(label: str) -> Progress:
    return Progress(TextColumn(f"{label:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=_err(), transient=False)
