"""Page text -> blocks. One block per non-empty line, keeping its line number for audit."""
from __future__ import annotations

from itertools import compress

from .model import Block


def segment(text: str) -> list[Block]:
    return segment_lines([line.strip() for line in text.split("\n")])


def segment_lines(lines: list[str]) -> list[Block]:
    """Blocks from the page's stripped lines (`text.split('\n')`), numbered by line."""
    kept = list(compress(range(len(lines)), lines))  # the non-empty ones, found in C
    return list(map(Block, range(len(kept)), kept, map(lines.__getitem__, kept)))
