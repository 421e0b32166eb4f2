"""Entity linking: one key per entity across spellings, aliases and short mentions.

The key is the search filter key of the entity's canonical name: folded (no diacritics, so no
tone placement either: "Hoà"/"Hòa"), lower case, full stops read as spaces ("TP.HCM" and
"TP. HCM" -> "tp hcm"), then an alias table ("Úc" -> "australia", "Moscow" -> "moskva").
Inside one text a person named by the last part of a full name seen in it ("Donald Trump" ...
"Trump", "ông Trump"; "Phạm Công Danh" ... "Danh") takes the full name's key; across a batch
of articles (`relink`) a one-word person key takes the batch's only full name ending in it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..fold import strip_diacritics
from .names import SURNAMES

_SURNAMES = frozenset(strip_diacritics(s).lower() for s in SURNAMES)

# folded alias -> folded canonical name (the name the entity page shows comes from the
# mentions; only the key is shared)
ALIASES = {
    "tp hcm": "thanh pho ho chi minh", "tphcm": "thanh pho ho chi minh", "tp ho chi minh": "thanh pho ho chi minh",
    "hcm": "thanh pho ho chi minh", "sai gon": "thanh pho ho chi minh", "hcmc": "thanh pho ho chi minh",
    "uc": "australia", "moscow": "moskva", "hoa ky": "my", "usa": "my", "kyiv": "kiev",
    "hong kong": "hong kong", "hongkong": "hong kong", "y": "italy", "anh quoc": "anh", "vuong quoc anh": "anh",
    "nato": "to chuc hiep uoc bac dai tay duong", "lien hop quoc": "lien hop quoc", "lien hiep quoc": "lien hop quoc",
    "lhq": "lien hop quoc", "un": "lien hop quoc", "eu": "lien minh chau au", "who": "to chuc y te the gioi",
    "m u": "manchester united", "mu": "manchester united", "man utd": "manchester united",
    "man city": "manchester city", "spurs": "tottenham", "ubnd tp ha noi": "ubnd thanh pho ha noi",
    "tand tp hcm": "tand thanh pho ho chi minh", "tand tp ho chi minh": "tand thanh pho ho chi minh",
    "bo gd&dt": "bo giao duc va dao tao", "bo gd dt": "bo giao duc va dao tao", "mobifone": "mobifone",
    "viet nam": "viet nam", "vn": "viet nam", "trieu tien": "trieu tien", "bac trieu tien": "trieu tien",
    "tap can binh": "tap can binh", "xi jinping": "tap can binh", "vladimir putin": "vladimir putin",
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str
    title: str | None
    key: str  # the linked entity: equal keys are one entity


def entity_key(name: str) -> str:
    """Folded, alias-resolved key of a name ("TP. HCM", "TP.HCM", "Sài Gòn" -> one key)."""
    k = " ".join(strip_diacritics(name).lower().replace(".", " ").replace("–", " ").split())
    return ALIASES.get(k, k)


def link(ents) -> list[Mention]:
    """Mentions with keys; persons named by the tail of a full name in the same text share its key."""
    out = [Mention(e.start, e.end, e.type, e.text, e.attr, entity_key(e.text)) for e in ents]
    full: dict[str, list[tuple[int, str]]] = {}  # folded last word -> (position, key) of full names
    for n, m in enumerate(out):
        words = m.key.split()
        if m.type == "PER" and len(words) >= 2:
            full.setdefault(words[-1], []).append((n, m.key))
    for n, m in enumerate(out):
        words = m.key.split()
        if m.type != "PER" or len(words) != 1 or words[0] not in full:
            continue
        cands = full[words[0]]
        earlier = [k for p, k in cands if p < n]
        if earlier:
            out[n] = replace(m, key=earlier[-1])  # the nearest full name before it
        elif len({k for _, k in cands}) == 1:
            out[n] = replace(m, key=cands[0][1])  # a headline's "Trump" before "Donald Trump"
    return out


def relink(keys: list[tuple[str, str]]) -> dict[str, str]:
    """Across articles: (type, key) pairs -> {one-word person key: full key} where the batch holds
    exactly one full person name ending in that word. Only names that do not start with a
    Vietnamese family name: "Trump" in one article is Donald Trump of another, "Hùng" is not
    the one Nguyễn Văn Hùng of the batch."""
    ends: dict[str, set[str]] = {}
    for type_, k in keys:
        words = k.split()
        if type_ == "PER" and len(words) >= 2 and words[0] not in _SURNAMES:
            ends.setdefault(words[-1], set()).add(k)
    return {w: next(iter(ks)) for w, ks in ends.items() if len(ks) == 1}
