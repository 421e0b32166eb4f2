"""Mark the annotator's entities inside the clean article text, for auditing annotation.

Entity offsets index into the article's `text` (lead and body joined by newlines); each line
comes back as escaped Markup with <span class="ent TYPE"> around the mentions.
"""
from __future__ import annotations

from markupsafe import Markup, escape

TYPES = ("PER", "ORG", "LOC")


def marked_lines(text: str, entities: list[dict]) -> list[Markup]:
    out, pos = [], 0
    ents = sorted((e for e in entities if e.get("start") is not None and e.get("type") in TYPES), key=lambda e: e["start"])
    for line in text.split("\n"):
        end = pos + len(line)
        parts, cur = [], pos
        for e in ents:
            s, t = e["start"], e["end"]
            if s < cur or t > end or text[s:t] != e["text"]:
                continue  # outside this line, overlapping, or offsets that do not fit the text
            parts.append(escape(text[cur:s]))
            title = f"{e['type']}: {e['attr']}" if e.get("attr") else e["type"]
            parts.append(Markup('<span class="ent {}" title="{}">{}</span>').format(e["type"], title, text[s:t]))
            cur = t
        parts.append(escape(text[cur:end]))
        out.append(Markup("").join(parts))
        pos = end + 1
    return out
