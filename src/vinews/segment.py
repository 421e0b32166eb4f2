"""Page text -> blocks. One block per non-empty line, keeping its line number for audit."""
from __future__ import annotations

from .model import Block


def segment(text: str) -> list[Block]:
    blocks: list[Block] = []
    for lineno, line in enumerate(text.split("\n")):
        if line.strip():
            blocks.append(Block(index=len(blocks), line=lineno, text=line.strip()))
    return blocks
