"""Word-level diff between an original story and a copy, for the republication view.

difflib on the raw token stream was quadratic on long articles (every whitespace token matched
every other: a 77 KB article took 49 s per copy). The diff now narrows down in levels:
paragraphs, then sentences inside the paragraphs that changed, then words inside the sentences
that changed, each level matched on its trimmed text, so a copy that keeps most of the story costs
little more than reading it. Work is capped: a changed stretch longer than BLOCK_WORDS words on
both sides is shown removed-then-added without a word diff, and texts over MAX_WORDS are not
diffed at all; `diff` returns a note saying when either happened.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

MAX_WORDS = 40_000  # per side: beyond this the copy is shown without a diff
BLOCK_WORDS = 2_000  # a changed stretch this long on both sides is not diffed word by word
NOT_DIFFED = "too long to compare word by word: the copy is shown as it is"
PARTLY_DIFFED = "some long changed passages are shown whole, not word by word"
# Each level cuts the text into pieces that carry the whitespace before them, so the pieces
# join back to the text exactly.
_LEVELS = (re.compile(r"(?=\n)"),  # paragraphs
           re.compile(r"(?<=[.!?…])(?=\s)"),  # sentences
           re.compile(r"(?<=\S)(?=\s)"))  # words


def _emit(out: list[dict], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1]["op"] == op:
        out[-1]["text"] += text
        return
    if out and not out[-1]["text"][-1:].isspace() and not text[:1].isspace():
        text = " " + text  # a removed first word next to the kept text: keep them apart on screen
    out.append({"op": op, "text": text})


class _Diff:
    def __init__(self):
        self.out: list[dict] = []
        self.matched = 0  # words in common
        self.complete = True

    def run(self, a: str, b: str, level: int) -> None:
        pa, pb = [p for p in _LEVELS[level].split(a) if p], [p for p in _LEVELS[level].split(b) if p]
        ka, kb = [p.strip() for p in pa], [p.strip() for p in pb]
        # trim what both share at the ends first: linear, and it is most of a copy
        lo = 0
        while lo < len(ka) and lo < len(kb) and ka[lo] == kb[lo]:
            lo += 1
        hi = 0
        while hi < len(ka) - lo and hi < len(kb) - lo and ka[-1 - hi] == kb[-1 - hi]:
            hi += 1
        self._same(pb[:lo])
        mid_a, mid_b = ka[lo:len(ka) - hi], kb[lo:len(kb) - hi]
        if level == len(_LEVELS) - 1 and min(len(mid_a), len(mid_b)) > BLOCK_WORDS:
            _emit(self.out, "removed", "".join(pa[lo:len(pa) - hi]))
            _emit(self.out, "added", "".join(pb[lo:len(pb) - hi]))
            self.complete = False
        elif mid_a or mid_b:
            # autojunk above the word level: a paragraph or sentence repeated all over a long
            # text is no anchor, and would make the matching quadratic
            sm = difflib.SequenceMatcher(a=mid_a, b=mid_b, autojunk=level < len(_LEVELS) - 1)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                i1, i2, j1, j2 = i1 + lo, i2 + lo, j1 + lo, j2 + lo
                if op == "equal":
                    self._same(pb[j1:j2])
                elif op == "replace" and level < len(_LEVELS) - 1 and i2 - i1 == j2 - j1:
                    for i, j in zip(range(i1, i2), range(j1, j2)):  # as many on each side: edited one for one
                        self.run(pa[i], pb[j], level + 1)
                elif op == "replace" and level < len(_LEVELS) - 1:
                    self.run("".join(pa[i1:i2]), "".join(pb[j1:j2]), level + 1)
                else:
                    _emit(self.out, "removed", "".join(pa[i1:i2]))
                    _emit(self.out, "added", "".join(pb[j1:j2]))
        self._same(pb[len(pb) - hi:])

    def _same(self, pieces: list[str]) -> None:
        text = "".join(pieces)
        _emit(self.out, "same", text)  # the copy's own spacing: the copy is what is shown
        self.matched += len(text.split())


def diff(a: str, b: str) -> tuple[list[dict], float, str | None]:
    """(segments {op: same|removed|added|plain, text}, word similarity 0..1, a note or None when
    the diff is partial or was not done). Whitespace stays attached to its words; `plain` is
    the copy shown whole, not diffed."""
    a, b = a or "", b or ""
    na, nb = len(a.split()), len(b.split())
    if max(na, nb) > MAX_WORDS:
        return ([{"op": "plain", "text": b}] if b else []), _bag_similarity(a, b), NOT_DIFFED
    d = _Diff()
    d.run(a, b, 0)
    sim = 2 * d.matched / (na + nb) if na + nb else 1.0
    return d.out, round(min(sim, 1.0), 3), (None if d.complete else PARTLY_DIFFED)


def word_diff(a: str, b: str) -> list[dict]:
    """Segments {op: same|removed|added, text} (plain: not diffed, see `diff`)."""
    return diff(a, b)[0]


def similarity(a: str, b: str) -> float:
    """Share of words the two texts have in common, in order (difflib's ratio on words)."""
    return diff(a, b)[1]


def _bag_similarity(a: str, b: str) -> float:
    """Word overlap ignoring order, for texts too long to align: linear time."""
    ca, cb = Counter(a.split()), Counter(b.split())
    total = sum(ca.values()) + sum(cb.values())
    return round(2 * sum((ca & cb).values()) / total, 3) if total else 1.0
