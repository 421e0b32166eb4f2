"""The data model every stage reads and annotates: a raw `Page` in, an `Article` out.

Stages are pure functions over these objects; readers build `Page`s at the input edge and
writers turn `Article`s into JSON/Parquet at the output edge.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import msgspec

# Roles a block (line) of page text can take. Anything not article content is "boilerplate";
# `reason` on the block says why it was dropped, for the audit views.
ROLES = ("title", "date", "lead", "body", "caption", "byline", "boilerplate")


@dataclass(slots=True)
class Page:
    """One input page: the raw text (or HTML) as a reader found it."""

    id: str
    text: str = ""
    url: str | None = None
    site: str | None = None
    fetched: str | None = None
    html: str | None = None  # set by HTML/WARC readers; the text path leaves it None
    meta: dict[str, Any] = field(default_factory=dict)  # reader notes: encoding decision, warc ids...
    reject_reason: str | None = None  # a reader that cannot decode a page says why here


class Block(msgspec.Struct):
    """One block of page text with its position and, after classify, its role. A msgspec
    struct: a page has a couple of hundred blocks and a struct is built in C, twice as fast."""

    index: int  # position among blocks
    line: int  # 0-based line number in the page text (`text.split('\n')`)
    text: str
    role: str = "boilerplate"
    reason: str = ""
    features: dict[str, Any] | None = None  # DOM evidence from the HTML path


@dataclass(slots=True)
class Article:
    """What vinews recovers from one page."""

    id: str
    kind: str = "article"  # article | nonarticle | rejected
    title: str | None = None
    published: str | None = None  # ISO 8601, +07:00 when a time of day is known
    author: str | None = None
    source: str | None = None  # origin outlet when the page says it was republished
    site: str | None = None
    url: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    reason: str | None = None  # why nonarticle / rejected
    # The per-line audit, kept as three parallel lists (line numbers, roles, reasons): every page
    # has one, few readers ask for it, and a dict per line costs more than the rest of assembling
    # the Article. `roles` gives it as one dict per line.
    audit: tuple[list[int], list[str], list[str]] = ((), (), ())  # type: ignore[assignment]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def roles(self) -> list[dict[str, Any]]:
        """The per-line audit: one {"line", "role", "reason"} per non-empty line of the page."""
        return [{"line": n, "role": r, "reason": why} for n, r, why in zip(*self.audit)]

    @roles.setter
    def roles(self, roles: list[dict[str, Any]]) -> None:
        self.audit = ([r["line"] for r in roles], [r["role"] for r in roles], [r["reason"] for r in roles])

    def roles_json(self) -> str:
        """json.dumps(self.roles, ensure_ascii=False), byte for byte, without a dict per line:
        the corpus's pages table keeps it for every page (half the cost of json.dumps, which a
        build paid on every page; roles and reasons come from a small vocabulary)."""
        lines, roles, reasons = self.audit
        if not lines:
            return "[]"
        return '[{"line": ' + ', {"line": '.join([f"{n}{_audit_tail(r, why)}" for n, r, why in zip(lines, roles, reasons)]) + "]"

    @property
    def text(self) -> str:
        """Lead and body as one string (what dedup and search read)."""
        return "\n".join([self.lead] + self.body if self.lead else self.body)

    def to_dict(self, audit: bool = True) -> dict[str, Any]:
        d = asdict(self)
        del d["audit"]
        if audit:
            d["roles"] = self.roles
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d and k != "audit"}
        art = cls(**known)
        if d.get("roles"):
            art.roles = d["roles"]
        return art


@lru_cache(maxsize=4096)
def _audit_tail(role: str, reason: str) -> str:
    """What follows the line number in an audit entry's JSON (Article.roles_json)."""
    return f', "role": {json.dumps(role, ensure_ascii=False)}, "reason": {json.dumps(reason, ensure_ascii=False)}}}'
