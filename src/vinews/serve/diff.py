"""Word-level diff between an original story and a copy, for the republication view."""
from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(a: str, b: str) -> list[dict]:
    """Segments {op: same|removed|added, text}; whitespace stays attached to its words."""
    ta, tb = _TOKEN.findall(a or ""), _TOKEN.findall(b or "")
    out: list[dict] = []
    sm = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append({"op": "same", "text": "".join(ta[i1:i2])})
            continue
        if i2 > i1:
            out.append({"op": "removed", "text": "".join(ta[i1:i2])})
        if j2 > j1:
            out.append({"op": "added", "text": "".join(tb[j1:j2])})
    return out


def similarity(a: str, b: str) -> float:
    return round(difflib.SequenceMatcher(a=(a or "").split(), b=(b or "").split(), autojunk=False).ratio(), 3)
