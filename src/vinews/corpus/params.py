"""The tunable numbers of the corpus stages after extraction, one frozen dataclass per stage
family (the extractor's own are vinews.params.ExtractParams). build_corpus takes them as
arguments, passes them to the tasks, and puts them in the resume fingerprint of the stages that
read them (corpus/fingerprint.py): work made with other values is redone, never reused.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _p(default: Any, why: str) -> Any:
    return field(default=default, metadata={"why": why})


def _as_dict(obj) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


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

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


DEFAULT_BOILERPLATE = BoilerplateParams()
DEFAULT_DEDUP = DedupParams()
