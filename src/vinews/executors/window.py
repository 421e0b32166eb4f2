"""The submission window both executors share: calls submitted lazily, at most `size`
unfinished at once, the one done first making room (not the oldest: a long call, a whole
shard, must not keep the other workers idle while short ones, an update's pieces, wait to be
submitted); results in the order of the calls."""
from __future__ import annotations

from typing import Any, Callable, Iterable


def run_windowed(calls: Iterable[tuple], submit: Callable[[tuple], Any], first_done: Callable[[list], list],
                 result: Callable[[Any], Any], size: int, report: Callable[[Any], None]) -> list[Any]:
    """`submit(args)` -> a handle; `first_done(handles)` -> those of them finished (at least
    one; it waits); `result(handle)` -> its value (raises the call's error); `report(value)`
    as each comes in."""
    pending: dict[Any, int] = {}
    done: dict[int, Any] = {}

    def collect() -> None:
        for h in sorted(first_done(list(pending)), key=pending.get):
            r = result(h)
            done[pending.pop(h)] = r
            report(r)

    for i, args in enumerate(calls):
        pending[submit(args)] = i
        while len(pending) >= size:
            collect()
    while pending:
        collect()
    return [done[i] for i in range(len(done))]
