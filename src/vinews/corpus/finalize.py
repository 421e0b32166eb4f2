"""Stage 6 in the driver: the tables, in input order, from the shards and the sorted outputs
of the dedup stages (clusters.py). Everything streams: a shard of articles and pages at a time,
a slice of each sorted work file at a time, so the driver's memory does not grow with the corpus.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa

from .. import schema as record
from . import schema
from .clusters import DECISIONS
from .dedup import in_sorted
from .sorted_io import SortedReader, merge_below, merge_to_parquet
from .stats import corpus_stats
from .store import ARTICLE_ROW_GROUP, PAGE_ROW_GROUP, GroupWriter, TableWriter, from_rows, read_table, write_duckdb, write_table
from .workdir import WorkDir


def finalize(out: Path, work: Path, shards: list[int], site_pages: dict[str, int], parts: int,
             n_pages: int, base: Path | None = None, extracted: frozenset[int] = frozenset(),
             signed: frozenset[int] = frozenset(), rewritten: "np.ndarray | None" = None) -> dict:
    """The corpus tables into `out`. `base`: the corpus folder an update starts from, whose
    pages and articles row groups are copied as bytes for every old shard: whole where the
    rows' changing columns (ids, statuses, cluster fields, keywords) are what the base holds,
    else with those columns encoded anew (stitch.py); except the shards the update extracted
    (pages and articles) or signed (articles) again, which are encoded anew like every shard
    of a full build; of a shard signed again only the row groups holding a `rewritten` seq
    (sorted: the articles whose sign row changed) when it is given."""
    wd = WorkDir(work)
    decide = [wd.decide(q) for q in range(parts)]
    merge_to_parquet(out / "clusters.parquet", [SortedReader(d / WorkDir.CLUSTERS, "cluster_id") for d in decide],
                     schema.CLUSTERS, n_pages)  # cluster ids are seqs (clusters.py)
    merge_to_parquet(out / "republications.parquet",
                     [SortedReader(d / WorkDir.REPUBLICATIONS, "cluster_id") for d in decide], schema.REPUBLICATIONS,
                     n_pages, read_schema=schema.REPUBLICATIONS_WORK,
                     transform=lambda t: record.with_timestamps(t, schema.REPUBLICATION_TIMES))
    # Pages (and entities) are written on threads beside the articles: Parquet encoding
    # releases the GIL. One thread for pages keeps their shards in order.
    with ThreadPoolExecutor(1) as page_pool, ThreadPoolExecutor(1) as side_pool:
        side = [side_pool.submit(_write_entities, out, wd, shards),
                side_pool.submit(_write_boilerplate, out, wd, shards, site_pages)]
        pages = GroupWriter(out / "pages.parquet", schema.PAGES, PAGE_ROW_GROUP,
                            base / "pages.parquet" if base else None)
        articles = GroupWriter(out / "articles.parquet", schema.ARTICLES, ARTICLE_ROW_GROUP,
                               base / "articles.parquet" if base else None)
        decisions = [SortedReader(d / WorkDir.DECISIONS, "seq") for d in decide]
        renames = SortedReader(wd.renames, "seq")
        pending, chars = [], {}
        for s in shards:
            seqs = read_table(wd.extract(s) / WorkDir.PAGES, ["seq"]).column("seq").to_numpy()
            bound = int(seqs.max()) + 1 if len(seqs) else 0
            copy = s not in extracted and (s not in signed or rewritten is not None)
            status_of = _write_articles(articles, wd, s, merge_below(decisions, bound, DECISIONS), copy,
                                        rewritten if s in signed else None, chars)
            pending.append(page_pool.submit(_write_pages, pages, wd, s, status_of, renames.take_below(bound),
                                            s not in extracted))
            while len(pending) > 2:  # bound the shards waiting for the page thread
                pending.pop(0).result()
        for j in pending:
            j.result()
        # both files stitched at once: their bytes are copied in the kernel, outside the GIL
        closing = page_pool.submit(pages.close)
        articles.close()
        for j in side + [closing]:
            j.result()
    write_duckdb(out, list(schema.TABLES), schema.DUCKDB_FILE)
    stats = corpus_stats(out, text_chars=chars)
    if base is not None:
        stats["row_groups_copied"] = {"articles": articles.reused, "pages": pages.reused}
        stats["row_groups_patched"] = {"articles": articles.patched, "pages": pages.patched}
        stats["row_groups_encoded"] = {"articles": articles.encoded, "pages": pages.encoded}
    return stats


# The article columns an old shard's rows may change in an update (the rest come from its sign
# folder, unchanged unless the update signed the shard again: then it is `fresh`).
_ARTICLE_CHANGING = ["seq", "id", "cluster_id", "is_canonical", "original_id", "keywords"]
_PAGE_CHANGING = ["seq", "id", "status", "reason"]


def _write_articles(writer: GroupWriter, wd: WorkDir, shard: int, decided: pa.Table,
                    copy: bool = False, rewritten: "np.ndarray | None" = None,
                    chars: dict[str, int] | None = None) -> dict[int, tuple[str, str]]:
    """One shard of articles.parquet (copied from the writer's base when `copy` and its rows
    are the base's; with `rewritten`, sorted seqs, the row groups holding one of them are
    encoded anew and the others copied); returns seq -> (status, reason) for its articles not
    plainly kept. Adds the characters of text written per site to `chars`."""
    d = {r["seq"]: r for r in decided.to_pylist()}
    path = wd.sign(shard) / WorkDir.ARTICLES
    if copy and writer.base is not None:
        light, status_of = _article_rows(read_table(path, ["seq", "id", "site", "n_chars", "boilerplate_lines",
                                                           "keywords"]), wd, shard, d)
        seqs = light.column("seq").to_numpy()
        groups = writer.base_groups(seqs.tolist())
        if groups is not None:
            _count_chars(light, chars)
            if rewritten is None:
                _copy_or_patch(writer, groups, light.select(_ARTICLE_CHANGING))
                return status_of
            full = None
            for i, (at, n) in zip(groups, writer.cuts(len(seqs))):
                if in_sorted(seqs[at:at + n], rewritten)[0].any():
                    if full is None:
                        full = record.with_timestamps(_article_rows(read_table(path), wd, shard, d)[0])
                    writer.write(full.slice(at, n))
                else:
                    _copy_or_patch(writer, [i], light.slice(at, n).select(_ARTICLE_CHANGING))
            return status_of
    t, status_of = _article_rows(read_table(path), wd, shard, d)
    _count_chars(t, chars)
    writer.write(record.with_timestamps(t))  # publish times: ISO text in the work files, timestamps in the table
    return status_of


def _count_chars(t: pa.Table, chars: dict[str, int] | None) -> None:
    """Characters of text per site (n_chars is len(text): what corpus_stats would sum from the table)."""
    if chars is None or not t.num_rows:
        return
    g = t.select(["site", "n_chars"]).group_by("site").aggregate([("n_chars", "sum")])
    for site, n in zip(g.column("site").to_pylist(), g.column("n_chars_sum").to_pylist()):
        chars[site] = chars.get(site, 0) + n


def _copy_or_patch(writer: GroupWriter, groups: list[int], light: pa.Table) -> None:
    """A shard whose rows are the base's `groups`: copied whole where its changing columns are
    the base's too, else copied with those columns (`light`) encoded anew (a copy that is now a
    duplicate changes its status and reason, not its text)."""
    if writer.read_base(groups, light.column_names).equals(light):
        writer.reuse(groups)
    else:
        writer.patch(groups, light)


def _article_rows(t: pa.Table, wd: WorkDir, shard: int, d: dict) -> tuple[pa.Table, dict[int, tuple[str, str]]]:
    """The shard's sign rows (all columns or some) with keywords, cluster fields and the rows
    left without text dropped; and the statuses of the articles not plainly kept."""
    status_of: dict[int, tuple[str, str]] = {}
    seqs = t.column("seq").to_pylist()
    kw_path = wd.annotate(shard) / WorkDir.KEYWORDS
    if kw_path.exists():  # keywords of the kept articles, from the annotate stage
        k = read_table(kw_path)
        kw = dict(zip(k.column("seq").to_pylist(), k.column("keywords").to_pylist()))
        col = t.schema.get_field_index("keywords")
        t = t.set_column(col, t.schema.field(col), pa.array([kw.get(q, []) for q in seqs], t.schema.field(col).type))
    empty = [n == 0 for n in t.column("n_chars").to_pylist()]
    stripped = t.column("boilerplate_lines").to_pylist()
    cid, canon, orig = [], [], []
    for seq, e, b in zip(seqs, empty, stripped):
        x = d.get(seq)
        if e:
            status_of[seq] = ("rejected", "no article text left after removing site boilerplate" if b
                              else "article without lead or body text")
        elif x and not x["is_canonical"]:
            status_of[seq] = ("duplicate", x["reason"])
        cid.append(x["cluster_id"] if x else None)
        canon.append(bool(x["is_canonical"]) if x else not e)
        orig.append(x["original_id"] if x else None)
    keep = pa.array([not e for e in empty], pa.bool_())
    t = t.append_column("cluster_id", pa.array(cid, pa.int64())).append_column(
        "is_canonical", pa.array(canon, pa.bool_())).append_column("original_id", pa.array(orig, pa.string()))
    return t.filter(keep), status_of


def _write_pages(writer: GroupWriter, wd: WorkDir, shard: int, status_of: dict[int, tuple[str, str]],
                 renamed: pa.Table | None, copy: bool = False) -> None:
    """One shard of pages.parquet: status and reason for every page, renamed ids (copied from
    the writer's base when `copy` and those are the base's)."""
    path = wd.extract(shard) / WorkDir.PAGES
    if copy and writer.base is not None:
        light = _page_rows(read_table(path, ["seq", "id", "kind", "reason"]), status_of, renamed)
        groups = writer.base_groups(light.column("seq").to_pylist())
        if groups is not None:
            _copy_or_patch(writer, groups, light.select(_PAGE_CHANGING))
            return
    writer.write(_page_rows(read_table(path), status_of, renamed))


def _page_rows(t: pa.Table, status_of: dict[int, tuple[str, str]], renamed: pa.Table | None) -> pa.Table:
    if renamed is not None and renamed.num_rows:
        new = dict(zip(renamed.column("seq").to_pylist(), renamed.column("id").to_pylist()))
        ids = [new.get(q, i) for q, i in zip(t.column("seq").to_pylist(), t.column("id").to_pylist())]
        t = t.set_column(t.schema.get_field_index("id"), "id", pa.array(ids, pa.string()))
    kinds, reasons = t.column("kind").to_pylist(), t.column("reason").to_pylist()
    status, reason = [], []
    for seq, k, r in zip(t.column("seq").to_pylist(), kinds, reasons):
        if k == "article":
            st, why = status_of.get(seq, ("kept", None))
        else:
            st, why = k, r or f"extractor: {k}"
        status.append(st)
        reason.append(why)
    t = t.set_column(t.schema.get_field_index("reason"), "reason", pa.array(reason, pa.string()))
    return t.append_column("status", pa.array(status, pa.string()))


def _write_entities(out: Path, wd: WorkDir, shards: list[int]) -> None:
    paths = [p for p in (wd.annotate(s) / WorkDir.ENTITIES for s in shards)
             if p.exists()]  # none when the build ran with --no-annotate
    # One key per entity across the corpus ("Trump" in one shard, "Donald Trump" in another):
    # the distinct person keys first (a small set), then the rows with one-word keys resolved.
    from ..annotate.link import relink

    distinct: set[tuple[str, str]] = set()
    for p in paths:
        t = read_table(p, ["type", "key"])
        distinct.update(zip(t.column("type").to_pylist(), t.column("key").to_pylist()))
    full = relink(sorted(distinct))
    ents = TableWriter(out / "entities.parquet", schema.ENTITIES)
    for p in paths:
        t = read_table(p)
        if full:
            keys = [full.get(k, k) if ty == "PER" else k
                    for ty, k in zip(t.column("type").to_pylist(), t.column("key").to_pylist())]
            t = t.set_column(t.schema.get_field_index("key"), "key", pa.array(keys, pa.string()))
        ents.write(t)
    ents.close()


def _write_boilerplate(out: Path, wd: WorkDir, shards: list[int], site_pages: dict[str, int]) -> None:
    learned = read_table(wd.boilerplate)
    removed: dict[tuple[str, int], list[int]] = {}
    for s in shards:
        t = read_table(wd.sign(s) / WorkDir.REMOVED)
        for site, h, n, c in zip(*(t.column(x).to_pylist() for x in ("site", "line_hash", "removed", "removed_chars"))):
            r = removed.setdefault((site, h), [0, 0])
            r[0] += n
            r[1] += c
    rows = []
    for site, h, n, tp, line in zip(*(learned.column(x).to_pylist() for x in ("site", "line_hash", "pages", "text_pages", "line"))):
        total = site_pages.get(site, 0)
        r = removed.get((site, h), [0, 0])
        rows.append({"site": site, "line": line, "line_hash": h, "count": n, "pages": total,
                     "share": round(n / total, 4) if total else 0.0, "text_pages": tp, "removed": r[0], "removed_chars": r[1]})
    rows.sort(key=lambda r: (r["site"], -r["count"], r["line_hash"]))
    write_table(from_rows(rows, schema.SITE_BOILERPLATE), out / "site_boilerplate.parquet")
