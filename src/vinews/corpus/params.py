"""The tunable numbers of the corpus stages after extraction, one frozen dataclass per stage
family (the extractor's own are vinews.params.ExtractParams). build_corpus takes them as
arguments, passes them to the tasks, and puts them in the resume fingerprint of the stages that
read them (corpus/fingerprint.py): work made with other values is redone, never reused.
`vinews build --params FILE` reads them from the file's [boilerplate] and [dedup] tables:

    min_article_words = 60      # the extractor's (top level or [extract])
    [dedup]
    jaccard_min = 0.5
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..params import ParamsError, _checked, read_toml

TABLES = ("boilerplate", "dedup")  # the tables of a `--params` file these read ([extract] is ExtractParams')


def _p(default: Any, why: str) -> Any:
    return field(default=default, metadata={"why": why})


def _as_dict(obj) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _from_dict(cls, table: str, d: Any):
    """cls's defaults with the named fields overridden; unknown names and wrong types raise
    ParamsError (an int where a float is expected is fine)."""
    if not isinstance(d, dict):
        raise ParamsError(f"[{table}] must be a table of name = value, got {type(d).__name__}")
    known = {f.name: f for f in fields(cls)}
    changes = {}
    for name, value in d.items():
        f = known.get(name)
        if f is None:
            close = difflib.get_close_matches(str(name), list(known), n=4, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(known)}"
            raise ParamsError(f"unknown {table} parameter {name!r}{hint}")
        changes[name] = _checked(name, value, type(f.default))
    return replace(cls(), **changes)


def from_toml(path: "str | Path") -> tuple["BoilerplateParams", "DedupParams"]:
    """The [boilerplate] and [dedup] tables of a `--params` file (absent: the defaults); the
    file's other names are the extractor's (ExtractParams.from_toml)."""
    data = read_toml(path)
    return (_from_dict(BoilerplateParams, "boilerplate", data.get("boilerplate", {})),
            _from_dict(DedupParams, "dedup", data.get("dedup", {})))


@dataclass(frozen=True, slots=True)
class BoilerplateParams:
    min_pages: int = _p(3, "a line is site boilerplate only when it is on at least this many pages of its site")
    min_share: float = _p(0.05, "... and on at least this share of the site's pages")
    max_text_share: float = _p(0.5, "... and the extractor kept it as article text on less than this share of them "
                                    "(a column name inside the body stays)")
    sample_chars: int = _p(200, "lines this short keep their text for the report (extract stage); longer ones by hash only")

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True)
class DedupParams:
    ngram: int = _p(3, "syllable n-grams shingled (docs/dedup.md: 5-grams lose edited copies)")
    num_perm: int = _p(128, "one-permutation-hashing bins = signature length")
    bands: int = _p(32, "LSH bands (bands x rows <= num_perm); 32 x 4 puts the S-curve midpoint near 0.42")
    rows: int = _p(4, "signature rows per LSH band")
    paragraph_min_syllables: int = _p(20, "paragraphs this long also serve as candidate keys (a partial copy keeps them)")
    all_pairs_max: int = _p(64, "buckets up to this size give all their pairs; bigger ones a star and a chain")
    jaccard_min: float = _p(0.45, "a candidate pair is a duplicate at this estimated Jaccard (docs/dedup.md) ...")
    containment_min: float = _p(0.80, "... or at this estimated containment (a trimmed or extended copy) ...")
    jaccard_floor: float = _p(0.20, "... with at least this Jaccard")

    def __post_init__(self) -> None:
        if min(self.ngram, self.num_perm, self.bands, self.rows) < 1 or self.bands * self.rows > self.num_perm:
            raise ParamsError(f"dedup: bands x rows ({self.bands} x {self.rows}) must fit in num_perm ({self.num_perm}), "
                              "all at least 1")

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


DEFAULT_BOILERPLATE = BoilerplateParams()
DEFAULT_DEDUP = DedupParams()
