"""Read the hand-written entity gold set: markup lines -> text with character spans.

Markup: `[TYPE text]`, or `[PER name|title]` where the title is the text right before the name.
The JSONL beside the markup files is generated from them (bench/entities_quality.py --write).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

MARK = re.compile(r"\[(PER|ORG|LOC) ([^\]|]+)(?:\|([^\]]+))?\]")


def parse_line(line: str) -> dict:
    text, ents, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(line):
        before = line[pos:m.start()]
        text.append(before)
        out_len += len(before)
        name = m.group(2)
        attr = m.group(3)
        ents.append({"start": out_len, "end": out_len + len(name), "type": m.group(1), "text": name, "attr": attr})
        text.append(name)
        out_len += len(name)
        pos = m.end()
    text.append(line[pos:])
    plain = "".join(text)
    if "[" in plain or "]" in plain:
        raise ValueError(f"broken markup: {line!r}")
    for e in ents:  # the title must be written right before the name
        if e["attr"] and not plain[: e["start"]].rstrip().endswith(e["attr"]):
            raise ValueError(f"title {e['attr']!r} is not right before {e['text']!r}: {line!r}")
    return {"text": plain, "entities": ents}


def read_markup(path: Path, split: str) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            row = parse_line(line.strip())
            row.update(id=f"{split}-{n:03d}", split=split)
            rows.append(row)
    return rows


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
