"""Page text -> blocks. One block per non-empty line, keeping its line number for audit."""
from __future__ import annotations

from .model import Block


def segment(text: str) -> list[Block]:
    return segment_lines(text.split("\n"))


def segment_lines(lines: list[str]) -> list[Block]:
    """Blocks from the page's lines (`text.split('\n')`), numbered by line."""
    # most lines are the blank ones between blocks; strip() empties a line iff isspace() holds
    kept = [i for i, line in enumerate(lines) if line and not line.isspace()]
    return [Block(k, i, lines[i].strip()) for k, i in enumerate(kept)]
