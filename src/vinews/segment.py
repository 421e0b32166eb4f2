"""Page text -> blocks. One block per non-empty line, keeping its line number for audit."""
from __future__ import annotations

from .model import Block


def segment(text: str) -> list[Block]:
    blocks: list[Block] = []
    for lineno, line in enumerate(text.split("\n")):
        if line:  # most lines are the blank ones between blocks
            line = line.strip()
            if line:
                blocks.append(Block(len(blocks), lineno, line))
    return blocks
