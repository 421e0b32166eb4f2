"""Per-site boilerplate, learned across the corpus (the CCNet idea, done per site and safely).

Pass 1 (extract shards) counts, per site and normalised line hash, the pages a line is on and
the pages where the extractor kept it as article text. A line is site boilerplate when it is on
at least min_pages pages and min_share of its site's pages, and the extractor kept it as text on
fewer than max_text_share of them (corpus.params.BoilerplateParams). Pass 2 removes such lines from the lead, body and captions of
the pages where the extractor did keep them. The text-share test is what keeps legitimate
repeated lines: a column name that recurs inside the body is body on most pages, so it stays.
"""
from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import xxhash

from .params import DEFAULT_BOILERPLATE, BoilerplateParams
from .sorted_io import read_batch
from .store import read_table, write_table
from .workdir import WorkDir

TEXT_ROLES = frozenset(("lead", "body", "caption"))

LINE_SCHEMA = pa.schema([("site", pa.string()), ("line_hash", pa.uint64()), ("pages", pa.int64()),
                         ("text_pages", pa.int64()), ("line", pa.string())])


def line_key(line: str) -> int:
    """Hash of a line for counting. Lines come normalised (NFC, spaces folded, stripped) from
    normalize_text on both sides, and a site's template repeats its lines letter for letter, so
    the raw bytes are the key (case folding here cost a fifth of the counting time)."""
    return xxhash.xxh3_64_intdigest(line.encode("utf-8", "surrogatepass"))


class LineCounter:
    """Counts (site, line) over the pages of one shard. Per-site dicts keyed by line hash: no
    (site, hash) tuple to build and hash for every line of every page. (A memo of line text ->
    hash saved nothing: looking a fresh str up hashes it too.)"""

    def __init__(self, sample_chars: int = DEFAULT_BOILERPLATE.sample_chars) -> None:
        self.sample_chars = sample_chars
        self.pages: dict[str, dict[int, int]] = {}
        self.text_pages: dict[str, dict[int, int]] = {}
        self.sample: dict[str, dict[int, str]] = {}

    def add_page(self, site: str, text: str, line_nos: "list[int]", roles: "list[str]") -> None:
        """`line_nos`, `roles`: the extractor's audit (Article.audit), one entry per non-empty
        line; the line it names in `text` is that block's text (stripped, normalised)."""
        lines = text.split("\n")
        sample = self.sample.setdefault(site, {})
        limit = self.sample_chars
        seen: dict[int, bool] = {}
        for n, role in zip(line_nos, roles):
            line = lines[n]
            k = line_key(line)
            if role in TEXT_ROLES:
                seen[k] = True
            elif k not in seen:
                seen[k] = False
            if len(line) <= limit:
                prev = sample.get(k)
                if prev is None or line < prev:
                    sample[k] = line
        pages = self.pages.setdefault(site, {})
        text_pages = self.text_pages.setdefault(site, {})
        for k, is_text in seen.items():
            pages[k] = pages.get(k, 0) + 1
            if is_text:
                text_pages[k] = text_pages.get(k, 0) + 1

    def partitions(self, parts: int) -> list[pa.Table]:
        """The counts split by line hash into `parts` tables (the shuffle to the learn stage),
        each in site order, then hash order."""
        # per column (LINE_SCHEMA's order), a site's rows at a time; the empty ones give the types
        cols = [[np.empty(0, object)], [np.empty(0, np.uint64)], [np.empty(0, np.int64)], [np.empty(0, np.int64)],
                [np.empty(0, object)]]
        for site in sorted(self.pages):
            pages, text_pages, sample = self.pages[site], self.text_pages[site], self.sample[site]
            k = np.fromiter(pages.keys(), np.uint64, len(pages))
            n = np.fromiter(pages.values(), np.int64, len(pages))
            order = np.argsort(k, kind="stable")
            k, n = k[order], n[order]
            t = np.zeros(len(k), np.int64)
            if text_pages:
                tk = np.fromiter(text_pages.keys(), np.uint64, len(text_pages))
                t[np.searchsorted(k, tk)] = np.fromiter(text_pages.values(), np.int64, len(text_pages))
            lines = np.full(len(k), None, object)
            if sample:
                sk = np.fromiter(sample.keys(), np.uint64, len(sample))
                sv = np.empty(len(sample), object)
                sv[:] = list(sample.values())
                lines[np.searchsorted(k, sk)] = sv
            site_col = np.empty(len(k), object)
            site_col[:] = site
            for c, x in zip(cols, (site_col, k, n, t, lines)):
                c.append(x)
        site_col, k, n, t, lines = (np.concatenate(c) for c in cols)
        part = (k % np.uint64(parts)).astype(np.int64)
        order = np.argsort(part, kind="stable")
        bounds = np.concatenate(([0], np.cumsum(np.bincount(part, minlength=parts))))
        out = []
        for q in range(parts):
            at = order[bounds[q]:bounds[q + 1]]
            out.append(pa.Table.from_arrays([pa.array(x[at], type=f.type) for x, f in
                                             zip((site_col, k, n, t, lines), LINE_SCHEMA)], schema=LINE_SCHEMA))
        return out


def learn(counts: pa.Table, site_pages: dict[str, int], params: BoilerplateParams = DEFAULT_BOILERPLATE) -> pa.Table:
    """Sum one partition's counts over all shards and keep the boilerplate lines, sorted."""
    return with_samples(frequent_lines(counts, site_pages, params), [counts])


def frequent_lines(counts: pa.Table, site_pages: dict[str, int],
                   params: BoilerplateParams = DEFAULT_BOILERPLATE) -> pa.Table:
    """(site, line_hash, pages, text_pages) of the lines that pass the thresholds, sorted, from
    counts summed over shards. Numbers only, tested on whole columns: nearly every line of a
    partition is article text seen once, and its text or a Python row for it was most of the
    learn stage's memory."""
    cols = ["site", "line_hash", "pages", "text_pages"]
    if counts.num_rows == 0:
        return pa.schema([LINE_SCHEMA.field(c) for c in cols]).empty_table()
    g = counts.select(cols).group_by(["site", "line_hash"]).aggregate([("pages", "sum"), ("text_pages", "sum")])
    n = g.column("pages_sum").to_numpy()
    text = g.column("text_pages_sum").to_numpy()
    names = sorted(site_pages)
    totals = np.array([site_pages[s] for s in names] + [0], dtype=np.int64)
    where = pc.index_in(g.column("site"), value_set=pa.array(names, pa.string())).fill_null(len(names))
    total = totals[where.to_numpy()]
    keep = ((n >= params.min_pages) & (total > 0) & (n >= params.min_share * total)
            & (text < params.max_text_share * n))
    g = g.filter(pa.array(keep)).sort_by([("site", "ascending"), ("line_hash", "ascending")])
    return pa.table([g.column(c) for c in ("site", "line_hash", "pages_sum", "text_pages_sum")],
                    schema=pa.schema([LINE_SCHEMA.field(c) for c in cols]))


def with_samples(kept: pa.Table, tables: Iterable[pa.Table]) -> pa.Table:
    """`kept` (frequent_lines) with each line's sample text: its text in the first of `tables`
    (tables with site, line_hash, line, read one at a time) that has it, None for a line too
    long to sample (its text is None wherever it is). The key is a hash of the line's exact
    text, so every table has the same text for it: the tables after the one where the last
    kept line was found are not read (at 100k pages that is most of the learn stage's reading)."""
    if kept.num_rows == 0:
        return LINE_SCHEMA.empty_table()
    keys = list(zip(kept.column("site").to_pylist(), kept.column("line_hash").to_pylist()))
    want, sample = set(keys), {}
    for t in tables:
        t = t.filter(pc.is_in(t.column("line_hash"), value_set=pa.array(sorted({h for _, h in want}), pa.uint64())))
        found: dict[tuple[str, int], str | None] = {}
        for site, h, line in zip(*(t.column(c).to_pylist() for c in ("site", "line_hash", "line"))):
            k = (site, h)
            if k in want and (k not in found or (line is not None and (found[k] is None or line < found[k]))):
                found[k] = line  # the smallest, should two texts share a hash
        sample.update(found)
        want.difference_update(found)
        if not want:
            break
    return kept.append_column("line", pa.array([sample.get(k) for k in keys], pa.string())).cast(LINE_SCHEMA)


def strip_lines(site: str, lines: list[str], learned: dict[str, set[int]], removed: dict) -> list[str]:
    """Drop learned boilerplate lines of `site`; count what was removed in `removed`."""
    keys = learned.get(site)
    if not keys:
        return lines
    out = []
    for line in lines:
        k = line_key(line)
        if k in keys:
            r = removed.setdefault((site, k), [0, 0])
            r[0] += 1
            r[1] += len(line)
        else:
            out.append(line)
    return out


def learn_partition(part: int, shards: list[int], work: str, site_pages: dict[str, int],
                    params: BoilerplateParams = DEFAULT_BOILERPLATE, known: str | None = None) -> int:
    """WorkDir.learn(part): the boilerplate lines of one line-hash partition, from the line
    counts of every extract shard. `known`: a learned table (an update's corpus's) whose line
    texts are taken first, then the shards' from the newest: a line learned now and not then
    is on a new page (the new pages only add to a line's counts and to its site's pages)."""
    wd = WorkDir(work)
    final = wd.learn(part)
    if final.exists():
        return 0
    paths = [wd.extract(s) / WorkDir.LINES for s in shards]
    # Counts first (numbers), then the text of the few lines kept: the line texts of a whole
    # partition are never in memory at once.
    counts = [read_batch(p, part).drop_columns(["line"]) for p in paths]
    kept = frequent_lines(pa.concat_tables(counts) if counts else LINE_SCHEMA.empty_table(), site_pages, params)
    del counts
    if known is None:
        texts: Iterable[pa.Table] = (read_batch(p, part) for p in paths)
    else:
        texts = chain([read_table(Path(known), ["site", "line_hash", "line"])], (read_batch(p, part) for p in paths[::-1]))
    learned = with_samples(kept, texts if kept.num_rows else [])
    write_table(learned, final)
    return learned.num_rows


def merge_learned(work: "str | Path | WorkDir", parts: int) -> Path:
    """WorkDir.boilerplate: the learned lines of every partition, sorted by site and hash."""
    wd = WorkDir(work)
    path = wd.boilerplate
    if not path.exists():
        learned = pa.concat_tables([read_table(wd.learn(p)) for p in range(parts)])
        write_table(learned.sort_by([("site", "ascending"), ("line_hash", "ascending")]), path)
    return path
