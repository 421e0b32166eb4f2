"""One rich progress bar per stage, on stderr."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

_err = Console(stderr=True)


def stage_bar(label: str, total: int) -> Progress:
    return Progress(TextColumn(f"{label:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=_err, transient=False)
