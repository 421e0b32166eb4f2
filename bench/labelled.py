"""The labelled pages, as blocks with their gold role: the benchmark's dev gold
(../shared/bench/gold) and the project's own labels (bench/labels), on the text path and on the
HTML path. Used by bench/fit_extract.py to fit and cross-validate the extractor's models.

Gold line numbers point into pages/ID.txt; HTML blocks are matched to those lines by their
normalised text (the benchmark renders pages/ from html/ with one block per line, as the HTML
path does), the n-th copy of a text to the n-th copy.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parents[1] / "shared" / "bench"
LABELS = HERE / "labels"


@dataclass
class Labelled:
    id: str
    site: str
    path: str  # "text" | "html"
    gold: dict
    page: object  # vinews.model.Page
    roles: dict[int, str] = field(default_factory=dict)  # block line -> gold role (text path numbering)


def splits(bench: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for line in (bench / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            out[parts[0]] = (parts[1], parts[2])
    return out


def gold_files(bench: Path, with_labels: bool = True) -> dict[str, dict]:
    """id -> gold, for the dev split and (optionally) the project's labels. Never the blind split."""
    sp = splits(bench)
    gold = {}
    for pid, (split, _site) in sp.items():
        if split == "dev" and (bench / "gold" / f"{pid}.json").exists():
            gold[pid] = json.loads((bench / "gold" / f"{pid}.json").read_text(encoding="utf-8"))
    if with_labels and LABELS.is_dir():
        for f in sorted(LABELS.glob("*.json")):
            g = json.loads(f.read_text(encoding="utf-8"))
            if sp.get(g["id"], ("",))[0] == "blind":
                continue  # never: the blind split is scored outside the repo
            gold.setdefault(g["id"], g)
    return gold


def _role_by_line(g: dict) -> dict[int, str]:
    out = {}
    for role, idx in (g.get("lines") or {}).items():
        for i in idx:
            out[i] = role
    return out


def load(bench: Path = DEFAULT_BENCH, paths: tuple[str, ...] = ("text", "html"), with_labels: bool = True) -> list[Labelled]:
    from vinews.model import Page
    from vinews.normalize import normalize_line
    from vinews.readers import read_path

    out: list[Labelled] = []
    sp = splits(bench)
    for pid, g in sorted(gold_files(bench, with_labels).items()):
        site = g.get("site") or sp.get(pid, ("", "unknown"))[1]
        text = (bench / "pages" / f"{pid}.txt").read_text(encoding="utf-8")
        by_line = _role_by_line(g)
        if "text" in paths:
            out.append(Labelled(pid, site, "text", g, Page(id=pid, text=text), by_line))
        html = bench / "html" / f"{pid}.html"
        if "html" in paths and html.exists():
            page = next(iter(read_path(html)))
            page.id = pid
            # gold role of each normalised text, in order of its copies on the page
            lines = text.split("\n")
            keyed: dict[str, list[str]] = {}
            for i, ln in enumerate(lines):
                k = normalize_line(ln)
                if k:
                    keyed.setdefault(k, []).append(by_line.get(i, "boilerplate"))
            out.append(Labelled(pid, site, "html", g, page, {"_keyed": keyed}))  # resolved per block below
    return out


def block_roles(item: Labelled, blocks) -> list[str]:
    """The gold role of each block of `item` (blocks from the text or the HTML path)."""
    if item.path == "text":
        return [item.roles.get(b.line, "boilerplate") for b in blocks]
    from vinews.normalize import normalize_line

    keyed = item.roles["_keyed"]
    seen: dict[str, int] = {}
    out = []
    for b in blocks:
        k = normalize_line(b.text)
        n = seen.get(k, 0)
        seen[k] = n + 1
        roles = keyed.get(k) or []
        out.append(roles[n] if n < len(roles) else "boilerplate")
    return out
