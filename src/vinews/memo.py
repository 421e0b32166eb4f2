"""Per-process memos for work that depends on one line of text alone.

Site templates print the same menu, footer and widget lines on every page, so a bounded memo
keyed by the line makes those lines nearly free to normalise and to describe. Article
paragraphs are long and rarely repeat: lines over MAX_CHARS are never kept. Each memo is
cleared outright when full (cheaper than LRU bookkeeping, and a crawl's template lines come
straight back). `enabled = False` turns every memo off, for cold speed figures
(bench/extract_speed.py --no-cache) and for tests that want no state between calls.
"""
from __future__ import annotations

from typing import Any

MAX_ENTRIES = 50_000  # per memo; ~25 MB at most for the feature records
MAX_CHARS = 160  # template lines are short; article paragraphs are not worth keeping
enabled = True

_ALL: list["LineMemo"] = []


class LineMemo(dict):
    """A dict of line -> result that stays under MAX_ENTRIES and skips long lines."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        _ALL.append(self)

    def put(self, line: str, value: Any) -> None:
        if enabled and len(line) <= MAX_CHARS:
            if len(self) >= MAX_ENTRIES:
                self.clear()
            self[line] = value

    def close(self) -> None:
        """Empty it and forget it (a memo made for one params value, dropped when evicted)."""
        self.clear()
        for i, m in enumerate(_ALL):  # by identity: memos are dicts, and empty ones compare equal
            if m is self:
                del _ALL[i]
                break




def clear_all() -> None:
    for m in _ALL:
        m.clear()


def misses(looked_up: list) -> list[int]:
    """Positions of None (memo misses) in a list of lookups. list.index scans in C; a Python
    loop over every line would cost more than the few misses it finds."""
    found, i = [], -1
    try:
        while True:
            i = looked_up.index(None, i + 1)
            found.append(i)
    except ValueError:
        return found
