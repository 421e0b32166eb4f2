"""Turn what an analyst types into a tantivy query.

Words are ANDed; "quoted text" is a phrase. Each word matches the folded fields (diacritics
ignored) and, boosted, the exact fields in both tone placements, so documents written exactly as
typed rank first. Filters (site, date range, author, entity, copies) are required clauses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timezone

import tantivy

from ..urls import site_filter
from ..vntime import VN_TZ
from ..fold import fold, tone_variants, words

PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”')
EXACT_BOOST = 2.0
TITLE_BOOST = 1.5


@dataclass
class Filters:
    site: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    author: str | None = None
    entity: str | None = None
    copies: bool = False  # include non-canonical copies of republished stories


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    exact: dict[int, str] = field(default_factory=dict)  # term position -> the corpus's reading of it

    def highlight_words(self) -> list[str]:
        """Words to mark in snippets: folded, or "=word" to mark as the corpus reads an
        unaccented pair ("viet nam" marks "Việt Nam", not "năm")."""
        ws = {("=" + self.exact[i]) if i in self.exact else fold(w) for i, w in enumerate(self.terms)}
        ws |= {fold(w) for p in self.phrases for w in p}
        return sorted(ws, key=len, reverse=True)


def parse(q: str) -> ParsedQuery:
    pq = ParsedQuery()
    for m in PHRASE.finditer(q):
        ws = words(m.group(1) or m.group(2) or "")
        if len(ws) > 1:
            pq.phrases.append(ws)
        else:
            pq.terms.extend(ws)
    pq.terms.extend(words(PHRASE.sub(" ", q)))
    return pq


def _should(qs: list[tantivy.Query]) -> tantivy.Query:
    return qs[0] if len(qs) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in qs])


def _term(schema, word: str) -> tantivy.Query:
    f = fold(word)
    return _should([tantivy.Query.boost_query(tantivy.Query.term_query(schema, "title_f", f), TITLE_BOOST),
                    tantivy.Query.term_query(schema, "text_f", f)])


def _phrase(schema, ws: list[str]) -> tantivy.Query:
    """Matches the phrase with diacritics ignored. Exact spelling is rewarded by the word
    boosts in `_exact_boosts`: a second, exact-field phrase query would double the cost of
    the most expensive kind of query for little change in ranking."""
    folded = [fold(w) for w in ws]
    return _should([tantivy.Query.boost_query(tantivy.Query.phrase_query(schema, "title_f", folded), TITLE_BOOST),
                    tantivy.Query.phrase_query(schema, "text_f", folded)])


def _exact_boosts(schema, ws: list[str]) -> list[tantivy.Query]:
    """Optional clauses: words found as typed (either tone placement) score higher."""
    out = []
    for w in dict.fromkeys(ws):
        if w.isascii():  # typed without marks: no spelling preference to reward
            continue
        for v in tone_variants(w):
            out.append(tantivy.Query.boost_query(tantivy.Query.term_query(schema, "title", v), EXACT_BOOST * TITLE_BOOST))
            out.append(tantivy.Query.boost_query(tantivy.Query.term_query(schema, "text", v), EXACT_BOOST))
    return out


def _day(value: str, end: bool) -> datetime:
    d = datetime.fromisoformat(value)
    if d.tzinfo is None:
        if len(value) <= 10:  # a bare day covers all of it
            d = datetime.combine(d.date(), time.max if end else time.min)
        d = d.replace(tzinfo=VN_TZ)  # dates typed without a zone are Vietnam days
    try:
        return d.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:  # 0001-01-01 in Vietnam is before the first UTC datetime
        raise ValueError(f"date out of range: {value!r}") from None


def filter_clauses(schema, f: Filters) -> list[tantivy.Query]:
    from .index import key

    out = []
    if f.site:
        out.append(tantivy.Query.term_query(schema, "site", site_filter(f.site)))
    if f.author:
        out.append(tantivy.Query.term_query(schema, "author_f", key(f.author)))
    if f.entity:
        from ..annotate.link import entity_key  # the build's linked key: "Moscow" finds "Moskva"

        out.append(tantivy.Query.term_query(schema, "entity_f", entity_key(f.entity)))
    if f.date_from or f.date_to:
        lo = _day(f.date_from, end=False) if f.date_from else None
        hi = _day(f.date_to, end=True) if f.date_to else None
        out.append(tantivy.Query.range_query(schema, "published", tantivy.FieldType.Date, lo, hi))
    if not f.copies:
        out.append(tantivy.Query.term_query(schema, "canonical", 1))
    return out



def build_query(schema, q: str, f: Filters, readings: dict | None = None) -> tuple[tantivy.Query, ParsedQuery]:
    pq = parse(q)
    boost_words = pq.terms + [w for p in pq.phrases for w in p]
    if readings:  # unaccented words: reward the spelling the corpus mostly uses
        from .readings import read_as

        boost_words += list(read_as(pq.terms, readings).values())
        pq.exact = read_as(pq.terms, readings, pairs_only=True)
    clauses = [_term(schema, w) for w in pq.terms] + [_phrase(schema, p) for p in pq.phrases]
    filters = filter_clauses(schema, f)
    if not clauses:
        clauses = [tantivy.Query.all_query()]
    parts = [(tantivy.Occur.Must, c) for c in clauses]
    parts += [(tantivy.Occur.Should, q) for q in _exact_boosts(schema, boost_words)]
    if len(pq.terms) > 1:  # words typed together rank higher where they stand together
        near = tantivy.Query.phrase_query(schema, "text_f", [fold(w) for w in pq.terms], slop=1)
        parts.append((tantivy.Occur.Should, tantivy.Query.boost_query(near, 2.0)))
    # Filters must match but add nothing to the score.
    parts += [(tantivy.Occur.Must, tantivy.Query.const_score_query(c, 0.0)) for c in filters]
    return tantivy.Query.boolean_query(parts), pq
