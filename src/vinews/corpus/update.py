"""`vinews build NEW_INPUT... --out CORPUS --update`: add pages to a corpus built with --keep-work.

The result equals a full build of the old input followed by the new (`vinews build OLD... NEW...`):
the update lays its work out exactly as that build would, and redoes only what the new pages
can change.

- **extract**: only the new pages. They first fill the corpus's last, partial shard (its page
  rows are merged with the new ones, nothing re-extracted), then new shards of `--shard-size`:
  the shards, and so every page's `seq`, are those of the full build.
- **ids, boilerplate**: redone over all shards from the kept per-shard id lists and line
  counts (numbers and short lines; no page is read again).
- **sign**: the new shards, the merged last shard, and in the old shards only the articles whose
  stripped text the new boilerplate changes: a line that passed or fell under the thresholds
  for its site (site boilerplate is learned from line counts, so a new page can push a line over
  the threshold for the old pages of its site). An old shard holding none of those lines is
  not read; in one that does, the unchanged rows keep their signature and keys.
- **pairs, clusters, decisions**: redone (numbers and metadata: candidate pairs from the kept
  LSH keys, verified from the kept signatures).
- **annotate**: redone for the shards whose kept articles or texts changed (keywords are scored
  within a shard), kept for the others.
- **write**: the tables, vinews.duckdb, stats.json (and the search index, when the corpus has
  one) are written to CORPUS/_work/update/next, then moved into the corpus. The move is the
  commit: a journal (update/commit.json) names it before the first rename, and any later
  update or build of the folder finishes a move a kill interrupted. Before the journal, the
  corpus holds its old tables untouched.

A killed update resumes when run again with the same arguments (update/pending.json names
its input; another update is refused until it is finished). The parameters, code and versions
must be those of the build (the stages' fingerprints, fingerprint.py): otherwise the update is
refused, as it would mix two builds.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import time
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..model import Page
from ..params import DEFAULT, ExtractParams
from . import dedup as dd
from .annotate_stage import annotate_shard, not_kept
from .boilerplate import LINE_SCHEMA, line_key
from .extract import extract_shard
from .fingerprint import STAGES, fingerprints as stage_fingerprints
from .ids import ID_SCHEMA, renames_between
from .params import DEFAULT_BOILERPLATE, DEFAULT_DEDUP, BoilerplateParams, DedupParams
from .sorted_io import read_batch, write_batches
from .store import (GroupWriter, atomic_dir, clean_temporaries, group_cuts, lock_corpus, read_table, write_table,
                    write_text)
from .workdir import WorkDir
from ..readers.shards import shards as input_shards, split

UPDATE = "update"  # CORPUS/_work/update: the update's own scratch (pending.json, next/, retired/...)
# The last `jobs` shards of an update's new pages are extracted in this many pieces each, merged
# into their shard after (merge_pieces). With a task per shard, a small update's last shard kept
# one worker busy while the others waited: 5,000 pages onto 100,000 at --jobs 2 are shards of
# 2,000, 2,000 and 1,000, so one worker extracted 3,000 pages; in pieces each does about 2,500.
# Only the tail is cut (a merge reads and writes its shard again), and only the tail needs it.
TAIL_PIECES = 4
REBUILD = ("vinews build OLD_INPUT... NEW_INPUT... --out {out} --keep-work")


class UpdateError(ValueError):
    """An update that cannot be done on this corpus; the message says what to do instead."""


# ---- the state an update needs ------------------------------------------------------------

def _paths(out: Path) -> dict[str, Path]:
    up = out / "_work" / UPDATE
    return {"up": up, "pending": up / "pending.json", "old_learned": up / "old_boilerplate.parquet",
            "next": up / "next", "retired": up / "retired", "resigned": up / "resigned", "pieces": up / "pieces",
            "merged": up / "merged", "commit": up / "commit.json", "reannotated": up / "reannotated",
            "rows": up / "resigned_rows",
            "old_pairs": up / "old_pairs", "changed": up / "changed", "old_clusters": up / "old_clusters",
            "old_decide": up / "old_decide", "reuse": up / "reuse"}


def check_updatable(out: Path) -> dict:
    """The recorded stages (work/stages.json) of a corpus an update can extend; UpdateError
    (nothing touched) otherwise."""
    if not (out / "pages.parquet").exists() or not (out / "stats.json").exists():
        raise UpdateError(f"--update: {out} holds no corpus (no pages.parquet/stats.json): build one first with "
                          f"`vinews build INPUT... --out {out} --keep-work`")
    state, pending = pending_state(out)
    if state == "live":
        return pending["base"]
    wd = WorkDir(out / "_work")
    try:
        stages = json.loads(wd.stages_file.read_text())["stages"]
        ok = ({s.name for s in STAGES} <= set(stages) and wd.extract(0).is_dir() and wd.sign(0).is_dir()
              and wd.boilerplate.exists() and "shard_size" in stages["extract"]["params"])
    except (OSError, ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise UpdateError(f"--update: {out} was built without the work an update needs (CORPUS/_work, kept by "
                          f"--keep-work): rebuild it once with `{REBUILD.format(out=out)}`; every update keeps it")
    return stages


def pending_state(out: Path) -> tuple[str | None, dict | None]:
    """(state, record) of update/pending.json: None (no update under way); "live" (an update
    that has not committed: stages.json is still the one it started from); "done" (it
    committed, killed before it cleaned up: stages.json names its input last); "stale" (the
    folder was rebuilt since, or the record is unreadable)."""
    p = _paths(out)
    if not p["pending"].exists():
        return None, None
    try:
        pending = json.loads(p["pending"].read_text())
        stages = json.loads(WorkDir(out / "_work").stages_file.read_text())["stages"]
    except (OSError, ValueError, KeyError, TypeError):
        return "stale", None
    if stages == pending.get("base"):
        return "live", pending
    last = ((stages.get("extract") or {}).get("params") or {}).get("input")
    if isinstance(last, dict) and (last.get("updates") or [None])[-1] == pending.get("input"):
        return "done", pending
    return "stale", pending


def _param_diff(old: dict, new: dict, path: str = "") -> list[str]:
    out = []
    for k in sorted(set(old) | set(new)):
        a, b = old.get(k), new.get(k)
        if isinstance(a, dict) and isinstance(b, dict):
            out += _param_diff(a, b, f"{path}{k}.")
        elif a != b:
            out.append(f"{path}{k} {a!r} -> {b!r}")
    return out


def check_same_build(base: dict, keys: dict[str, dict], fps: dict[str, str], out: Path) -> None:
    """Refuse an update whose parameters, code or versions differ from the corpus's build."""
    stale = [s.name for s in STAGES if (base.get(s.name) or {}).get("fingerprint") != fps[s.name]]
    if not stale:
        return
    diffs = []
    for name in stale:
        recorded = json.loads(json.dumps((base.get(name) or {}).get("params", {}), default=str))
        now = json.loads(json.dumps(keys.get(name, {}), default=str))
        diffs += [f"{name}: {d}" for d in _param_diff(recorded, now)]
    why = "; ".join(diffs[:6]) if diffs else "the code or the installed versions changed (same parameters)"
    raise UpdateError(f"--update: {out} was built with other parameters or code than this run ({why}): an update "
                      f"would mix the two. Run it with the build's options (--params, --no-annotate, field flags), "
                      f"or rebuild: `{REBUILD.format(out=out)}`")


# ---- the commit ---------------------------------------------------------------------------

def finish_commit(out: Path) -> bool:
    """Finish the move of a committed update (commit.json) that a kill interrupted; True if one
    was finished. Every step is guarded by its source still being there, so it can be rerun."""
    p = _paths(out)
    if not p["commit"].exists():
        return False
    journal = json.loads(p["commit"].read_text())
    nxt = p["next"]
    for name in journal["files"]:
        if (nxt / name).exists():
            os.replace(nxt / name, out / name)
    if journal.get("index") and (nxt / journal["index"]).exists():
        old = p["retired"] / journal["index"]
        if (out / journal["index"]).exists():
            shutil.rmtree(old, ignore_errors=True)
            old.parent.mkdir(parents=True, exist_ok=True)
            os.replace(out / journal["index"], old)
        os.replace(nxt / journal["index"], out / journal["index"])
    write_text(WorkDir(out / "_work").stages_file, journal["stages"])
    p["commit"].unlink()
    return True


def _commit(out: Path, files: list[str], index: str | None, stages: str) -> None:
    p = _paths(out)
    write_text(p["commit"], json.dumps({"files": files, "index": index, "stages": stages}))
    finish_commit(out)


# ---- helpers over shard folders -----------------------------------------------------------

def _swapped(target: Path, retired: Path) -> bool:
    return retired.exists() and target.exists()


def _swap_in(new: Path, target: Path, retired: Path) -> None:
    """Put folder `new` at `target`, the old one moved to `retired`; rerun after a kill, it
    finishes (retired and no target: the new one goes in)."""
    if retired.exists():
        if not target.exists():
            os.replace(new, target)
        return
    retired.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, retired)
    os.replace(new, target)


def merge_pieces(folders: list[Path], final: str, parts: int) -> None:
    """A new shard from the extract folders of its pieces (an update's task), unless a run
    killed after it made it."""
    if not Path(final).exists():
        merge_extract(folders, Path(final), parts)


def merge_extract(folders: list[Path], final: Path, parts: int) -> None:
    """One extract folder from extract folders of consecutive pages (the corpus's last shard
    and the new pages that fill it, or the pieces of a shard): what extracting them together
    writes (rows in seq order, line counts summed), the tables in a row group per folder."""
    from .stitch import Stitcher

    with atomic_dir(final) as tmp:
        for name in (WorkDir.PAGES, WorkDir.ARTICLES):  # their row groups copied (stitch.py), not encoded again
            st = Stitcher()
            for f in folders:
                for i in range(len(st.meta(f / name)[1])):
                    st.add(f / name, i)
            st.write(tmp / name, template=folders[0] / name)
        sites = pa.concat_tables([read_table(f / WorkDir.SITES) for f in folders])
        sites = sites.group_by("site").aggregate([("pages", "sum")]).rename_columns(["site", "pages"])
        write_table(sites.select(["site", "pages"]).sort_by("site"), tmp / WorkDir.SITES)
        lines = []
        for q in range(parts):
            t = pa.concat_tables([read_batch(f / WorkDir.LINES, q) for f in folders])
            g = t.group_by(["site", "line_hash"]).aggregate([("pages", "sum"), ("text_pages", "sum"), ("line", "min")])
            g = g.rename_columns([c.removesuffix("_sum").removesuffix("_min") for c in g.column_names])
            lines.append(g.select(LINE_SCHEMA.names).cast(LINE_SCHEMA).sort_by([("site", "ascending"),
                                                                                ("line_hash", "ascending")]))
        write_batches(tmp / WorkDir.LINES, LINE_SCHEMA, lines, compression="zstd")
        ids = [pa.concat_tables([read_batch(f / WorkDir.IDS, q) for f in folders]).cast(ID_SCHEMA)
               for q in range(parts)]
        write_batches(tmp / WorkDir.IDS, ID_SCHEMA, ids, compression="zstd")


def changed_lines(old_path: Path, new_path: Path) -> tuple[dict[str, set[int]], list[str], list[str]]:
    """The (site, line) pairs learned as boilerplate by one of the two tables and not the
    other: (site -> line hashes, their texts, the sites of those kept by hash only)."""
    def rows(p: Path) -> dict[tuple[str, int], str | None]:
        t = read_table(p, ["site", "line_hash", "line"])
        return dict(zip(zip(t.column("site").to_pylist(), t.column("line_hash").to_pylist()), t.column("line").to_pylist()))

    old, new = rows(old_path), rows(new_path)
    changed: dict[str, set[int]] = {}
    texts, unsampled = set(), set()
    for key in old.keys() ^ new.keys():
        changed.setdefault(key[0], set()).add(key[1])
        line = old.get(key) or new.get(key)
        if line is None:  # longer than sample_chars: known by its hash alone
            unsampled.add(key[0])
        else:
            texts.add(line)
    return changed, sorted(texts), sorted(unsampled)


def _holds_changed(wd: WorkDir, shard: int, changed: dict[str, set[int]], parts: int) -> bool:
    """Does the shard's line count hold a changed (site, line)? Numbers only: most shards don't."""
    want = pa.array(sorted({h for hs in changed.values() for h in hs}), pa.uint64())
    for q in range(parts):
        t = read_batch(wd.extract(shard) / WorkDir.LINES, q).select(["site", "line_hash"])
        t = t.filter(pc.is_in(t.column("line_hash"), value_set=want))
        if any(h in changed.get(s, ()) for s, h in zip(t.column("site").to_pylist(), t.column("line_hash").to_pylist())):
            return True
    return False


def rows_touching(t: pa.Table, changed: dict[str, set[int]], texts: list[str], unsampled: list[str]) -> list[int]:
    """Positions of the article rows (extract stage: site, lead, body, captions) holding a
    changed line of their site in their lead, body or captions. The texts are matched on whole
    columns first; only the rows they hit (and rows of sites with a long changed line) are
    hashed line by line."""
    value_set = pa.array(texts, pa.string())
    hit = np.zeros(t.num_rows, bool)
    hit |= pc.fill_null(pc.is_in(t.column("lead"), value_set=value_set), False).to_numpy(zero_copy_only=False)
    for col in ("body", "captions"):
        c = t.column(col)
        flat, parent = pc.list_flatten(c), pc.list_parent_indices(c).to_numpy()
        hit[parent[pc.is_in(flat, value_set=value_set).to_numpy(zero_copy_only=False)]] = True
    if unsampled:
        hit |= pc.is_in(t.column("site"), value_set=pa.array(unsampled, pa.string())).to_numpy(zero_copy_only=False)
    out = []
    cand = np.flatnonzero(hit)
    if not len(cand):
        return out
    sub = t.select(["site", "lead", "body", "captions"]).take(pa.array(cand)).to_pylist()
    for i, r in zip(cand.tolist(), sub):
        keys = changed.get(r["site"])
        if keys and any(line_key(x) in keys for x in ([r["lead"]] if r["lead"] else []) + r["body"] + r["captions"]):
            out.append(i)
    return out


def resign_shard(shard: int, work: str, parts: int, learned_path: str, changed: dict[str, set[int]],
                 texts: list[str], unsampled: list[str], up: str, params: DedupParams = DEFAULT_DEDUP) -> dict:
    """An old shard under the new boilerplate: the articles holding a line whose boilerplate
    status changed are stripped and signed again; the other rows keep their row, signature and
    keys untouched (Arrow slices, no Python row). Returns the number of articles re-signed."""
    wd, p = WorkDir(work), Path(up)
    target, retired = wd.sign(shard), p / "retired" / "sign" / target_name(shard)
    if _swapped(target, retired):
        return {"shard": shard, "resigned": -1}
    new_dir = p / "resigned" / target_name(shard)
    if retired.exists() or new_dir.exists():  # killed inside the swap: finish it
        _swap_in(new_dir, target, retired)
        return {"shard": shard, "resigned": -1}
    if not _holds_changed(wd, shard, changed, parts):
        return {"shard": shard, "resigned": 0}
    src = read_table(wd.extract(shard) / WorkDir.ARTICLES)
    redo = rows_touching(src, changed, texts, unsampled)
    if not redo:
        return {"shard": shard, "resigned": 0}
    rows = src.take(pa.array(redo)).to_pylist()
    renames = renames_between(work, rows[0]["seq"], rows[-1]["seq"])
    for r in rows:
        r["id"] = renames.get(r["seq"], r["id"])
    removed = dd.strip_rows(rows, dd.load_learned(learned_path))
    sig = np.load(target / WorkDir.SIG)
    counts = np.load(target / WorkDir.COUNTS)
    seqs = np.load(target / WorkDir.SEQS)
    assert np.array_equal(seqs, src.column("seq").to_numpy()), "sign shard out of step with its extract shard"
    # the old articles' row groups that hold a re-signed row (dd.SIGN_ROW_GROUP rows each)
    old_path, size = target / WorkDir.ARTICLES, dd.SIGN_ROW_GROUP
    touched = sorted({i // size for i in redo})
    cuts = group_cuts(len(seqs), size)  # as write_sign cuts them
    with pq.ParquetFile(old_path) as f:
        md = f.metadata
        aligned = [md.row_group(g).num_rows for g in range(md.num_row_groups)] == [n for _, n in cuts]
        whole = None if aligned else read_table(old_path)  # written in other groups: read whole, cut here
        old = {g: f.read_row_group(g) if aligned else whole.slice(cuts[g][0], size) for g in touched}
    # which re-signed rows changed, for write_changed and finalize; recorded before the new sign
    # folder exists, so a run killed after it finds the record of the swap it finishes
    was = [old[i // size].slice(i % size, 1).select(["text", "captions"]).to_pylist()[0] for i in redo]
    text = np.array([r["text"] != w["text"] for r, w in zip(rows, was)], bool)
    caps = np.array([r["captions"] != w["captions"] for r, w in zip(rows, was)], bool)
    with atomic_dir(p / "resigned_rows" / target_name(shard)) as tmp:
        np.save(tmp / "moved.npy", src.column("seq").to_numpy()[redo][text])
        np.save(tmp / "rows.npy", src.column("seq").to_numpy()[redo][text | caps])
    s2, c2, e2, *by_line = dd.minhash.sketch_and_lines([r["text"] for r in rows], params.num_perm, params.ngram)
    for r, c, e in zip(rows, c2.tolist(), e2.tolist()):
        r["n_shingles"], r["exact_key"] = c, e
    sig[redo], counts[redo] = s2, c2
    fresh_rows = dd.from_rows(rows, dd.SIGNED_SCHEMA)
    groups = {}  # touched group -> its rows with the re-signed ones replaced
    for g in touched:
        mine = [k for k, i in enumerate(redo) if i // size == g]
        keep = np.ones(old[g].num_rows, bool)
        keep[[redo[k] % size for k in mine]] = False
        groups[g] = pa.concat_tables([old[g].filter(pa.array(keep)).cast(dd.SIGNED_SCHEMA),
                                      fresh_rows.take(pa.array(mine, pa.int64()))]).sort_by("seq")

    def articles(path: Path) -> None:
        """The shard's articles: the untouched row groups copied from the old file, the others encoded."""
        w = GroupWriter(path, dd.SIGNED_SCHEMA, size, base=old_path if aligned else None)
        rest = whole  # the old rows, when the old groups cannot be copied
        for g, (at, n) in enumerate(cuts):
            if g in groups:
                w.write(groups[g])
            elif w.base is not None:
                w.reuse([g])
            else:  # the old file's groups are not these (or not its schema): its rows encoded again
                rest = read_table(old_path) if rest is None else rest
                w.write(rest.slice(at, n))
        w.close()

    fresh = dd.lsh_keys(seqs[redo], s2, c2, e2, by_line, params)
    kept = pa.concat_tables([read_batch(target / WorkDir.KEYS, q) for q in range(parts)])
    kept = kept.filter(pc.invert(pc.is_in(kept.column("seq"), value_set=pa.array(seqs[redo]))))
    keys = tuple(np.concatenate((kept.column(c).to_numpy(), f)) for c, f in zip(("key", "seq", "exact"), fresh))
    # removed lines: a changed line is only in the rows redone; every other count stands
    rem = read_table(target / WorkDir.REMOVED)
    total = {(s, h): [n, c] for s, h, n, c in zip(*(rem.column(x).to_pylist() for x in ("site", "line_hash", "removed",
                                                                                       "removed_chars")))
             if h not in changed.get(s, ())}
    total.update({k: v for k, v in removed.items() if k[1] in changed.get(k[0], ())})
    dd.write_sign(new_dir, articles, sig, seqs, counts, keys, total, parts)
    _swap_in(new_dir, target, retired)
    return {"shard": shard, "resigned": len(redo)}


def write_changed(p: dict, wd: WorkDir, n_old: int, last: int | None, resigned: dict, parts: int) -> Path:
    """update/changed: seqs.npy, the articles whose keys may differ from the build's (the new
    pages, the merged last shard, the re-signed rows), keys.arrow, a batch per key partition of
    the keys those of them that are old had before (the buckets they left), and rows.npy, the
    re-signed articles whose sign row changed (their text or captions: finalize encodes their
    row groups anew)."""
    out = p["changed"]
    shutil.rmtree(out, ignore_errors=True)
    seqs, old_keys, rows = [], [], []
    for s in range(len(list(wd.sign(0).parent.glob("s*")))):
        q = np.load(wd.sign(s) / WorkDir.SEQS)
        if q.size and (q[-1] >= n_old or s == last):
            seqs.append(q[q >= n_old] if s != last else q)
    for s in sorted(set(resigned) | ({last} if last is not None else set())):
        gone = p["retired"] / "sign" / target_name(s)
        if not gone.exists():
            continue
        k = pa.concat_tables([read_batch(gone / WorkDir.KEYS, q) for q in range(parts)])
        if s != last:  # a re-signed shard: the rows whose text changed (resign_shard's record)
            moved = np.load(p["rows"] / target_name(s) / "moved.npy")
            rows.append(np.load(p["rows"] / target_name(s) / "rows.npy"))
            seqs.append(moved)
            k = k.filter(pc.is_in(k.column("seq"), value_set=pa.array(moved)))
        old_keys.append(k)
    out.mkdir(parents=True)
    np.save(out / "seqs.npy", dd.sorted_unique(np.concatenate(seqs)) if seqs else np.zeros(0, np.int64))  # sorted: in_sorted
    np.save(out / "rows.npy", dd.sorted_unique(np.concatenate(rows)) if rows else np.zeros(0, np.int64))
    k = pa.concat_tables(old_keys) if old_keys else dd.KEY_SCHEMA.empty_table()
    part = pc.remainder(k.column("key"), pa.scalar(parts, pa.uint64())).to_numpy() if k.num_rows else np.zeros(0)
    write_batches(out / WorkDir.KEYS, dd.KEY_SCHEMA, [k.filter(pa.array(part == q)) for q in range(parts)])
    return out


def _codes(t: pa.Table) -> np.ndarray:
    return (t.column("a").to_numpy().astype(np.uint64) << np.uint64(32)) | t.column("b").to_numpy().astype(np.uint64)


def pair_partition_update(part: int, shards: list[int], work: str, params: DedupParams, changed: str,
                          old_pairs: str) -> dict:
    """dedup.pair_partition, reusing the build's verified edges (pairs_to_redo says which).
    Same rows as pair_partition, in another order."""
    wd = WorkDir(work)
    final = wd.pairs(part)
    if final.exists():
        return {"reused": 0, "verified": 0}
    t = pa.concat_tables([read_batch(wd.sign(s) / WorkDir.KEYS, part) for s in shards])
    g = read_batch(Path(changed) / WorkDir.KEYS, part)
    old = pq_read(Path(old_pairs) / wd.pairs(part).name)
    keep, todo = pairs_to_redo(*(t.column(c).to_numpy() for c in ("key", "seq", "exact")),
                               np.load(Path(changed) / "seqs.npy"),  # sorted (write_changed)
                               *(g.column(c).to_numpy() for c in ("key", "seq", "exact")), _codes(old),
                               params.all_pairs_max)
    del t, g
    verified = dd.verify(todo, dd.SignatureStore(work, shards, params.num_perm), params)
    kept = old.filter(pa.array(keep)).select(verified.column_names).cast(verified.schema)
    out = pa.concat_tables([kept, verified])
    out = out.take(pa.array(np.argsort(_codes(out), kind="stable"))) if out.num_rows else out
    write_table(out, final)
    return {"reused": int(keep.sum()), "verified": todo.num_rows}


def pairs_to_redo(key: np.ndarray, seq: np.ndarray, exact: np.ndarray, cseq: np.ndarray, g_key: np.ndarray,
                  g_seq: np.ndarray, g_exact: np.ndarray, old_codes: np.ndarray,
                  all_pairs_max: int = DEFAULT_DEDUP.all_pairs_max) -> tuple[np.ndarray, pa.Table]:
    """Which of the build's verified edges of a key partition stand, and which of today's
    candidates must be verified. `key, seq, exact`: the partition's keys today; `cseq`: the
    changed articles (sorted); `g_*`: the keys the old ones of them had in the build;
    `old_codes`: the build's edges (dedup pair codes, sorted). Returns (a mask over the old
    edges: kept as they are, the pairs to verify: dd.PAIR_SCHEMA).

    A bucket is changed if a changed article is in it now or was in the build, else unchanged
    (the same members, all unchanged). The build's candidates were the pairs of the unchanged
    buckets (U) and of the changed ones as they were (T: their unchanged members plus the
    changed articles' old keys); today's are U's and those of the changed buckets as they are
    (C). A candidate of today between two unchanged articles (same signatures) that was a
    candidate then with the same exact flag (OR over the buckets giving it) gets the build's
    verdict: the build's edge if it had one, else none. Every other candidate is verified.

    U is most of the partition, and its pairs are not made: a pair of U that is not a pair of T
    or C has the same flag then and now, so its old edge stands. Only the flags of U's pairs
    that meet T or C are needed, and they come from the unchanged buckets holding an endpoint
    of a T or C pair (every bucket giving such a pair holds its endpoints), made whole. An old
    edge that is not a pair of today's (those buckets' pairs and C) stands when it is not a T
    pair (then it is a U pair), else it is no candidate any more."""
    pairs = functools.partial(dd.candidate_pairs, all_pairs_max=all_pairs_max)
    moved = dd.in_sorted(seq, cseq)[0]
    in_c = dd.in_sorted(key, dd.sorted_unique(np.concatenate((key[moved], g_key))))[0]
    stay = in_c & ~moved  # the unchanged members of the changed buckets
    c = pairs(key[in_c], seq[in_c], exact[in_c])
    t = pairs(np.concatenate((key[stay], g_key)), np.concatenate((seq[stay], g_seq)),
              np.concatenate((exact[stay], g_exact)))
    ends = dd.sorted_unique(np.concatenate([x.column(k).to_numpy() for x in (c, t) for k in ("a", "b")]))
    unchanged = ~in_c
    near = unchanged & dd.in_sorted(key, dd.sorted_unique(key[unchanged & dd.in_sorted(seq, ends)[0]]))[0]
    u = pairs(key[near], seq[near], exact[near])
    code, flag = _or_flags(u, c)
    then_code, then_flag = _or_flags(u, t)
    was, at = dd.in_sorted(code, then_code)
    lo, hi = (code >> np.uint64(32)).astype(np.int64), (code & np.uint64(0xFFFFFFFF)).astype(np.int64)
    then_flag = then_flag[at] if len(then_flag) else np.zeros(len(code), bool)
    known = was & (then_flag == flag) & ~dd.in_sorted(lo, cseq)[0] & ~dd.in_sorted(hi, cseq)[0]
    now, pos = dd.in_sorted(old_codes, code)
    keep = np.where(now, known[pos] if len(known) else False, ~dd.in_sorted(old_codes, _codes(t))[0])
    todo = pa.table({"a": lo[~known], "b": hi[~known], "exact": flag[~known]}, schema=dd.PAIR_SCHEMA)
    return keep, todo


def _or_flags(x: pa.Table, y: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    """(codes, exact) of the pairs of two candidate_pairs tables, sorted, one per pair, exact if
    either said so."""
    cx, cy = _codes(x), _codes(y)
    code = dd.sorted_unique(np.concatenate((cx, cy)), kind="stable")  # two sorted runs
    flag = np.zeros(len(code), bool)
    flag[np.searchsorted(code, cx)] |= x.column("exact").to_numpy()
    flag[np.searchsorted(code, cy)] |= y.column("exact").to_numpy()
    return code, flag


def _decide_reusing(executor, w: str, shards: list[int], parts: int, dedup: DedupParams, p: dict) -> tuple[int, int]:
    """The clusters, members and decide stages of an update: as in a build (build.cluster_and_decide),
    but the clusters that stand unchanged keep the build's rows (reuse_decisions)."""
    from .clusters import components, decide_partition, member_shard

    n_clusters = components(Path(w), parts)
    reused = reuse_decisions(w, p["old_clusters"], p["old_decide"], p["changed"], parts, p["reuse"])
    skip = str(p["reuse"] / "labels.npy")
    executor.run(member_shard, [(s, w, parts, skip) for s in shards], len(shards), "members")
    executor.run(decide_partition, [(q, shards, w, dedup.num_perm, str(p["reuse"])) for q in range(parts)], parts,
                 "decide")
    return n_clusters, reused


def _clusters_of(folder: Path) -> tuple[np.ndarray, ...]:
    """A clusters folder (clusters.components) per label: (first seq, size, start in `members`,
    members: the seqs grouped by label, each group sorted, lowest edge similarity)."""
    nodes, labels = np.load(folder / WorkDir.NODES), np.load(folder / WorkDir.LABELS)
    low = np.load(folder / WorkDir.LOW)
    members = nodes[np.lexsort((nodes, labels))]
    size = np.bincount(labels, minlength=len(low)) if len(labels) else np.zeros(len(low), np.int64)
    start = np.concatenate(([0], np.cumsum(size)[:-1])).astype(np.int64) if len(low) else np.zeros(0, np.int64)
    first = members[start] if len(low) else np.zeros(0, np.int64)
    return first, size, start, members, low


def reuse_decisions(work: str, old_clusters: Path, old_decide: Path, changed: Path, parts: int, out: Path) -> int:
    """The clusters of the build that stand unchanged: the same member seqs (so the same first
    seq, their public id), none of them changed (`changed`/seqs.npy) and the same lowest edge
    similarity. Their rows in the build's decide outputs are what decide would write for them
    again (it reads only the members' records and signatures, both unchanged): `out`/labels.npy
    lists their labels now (the members and decide stages skip them), and `out`/qNN/ holds
    their rows split by cluster partition now, for decide to add. Returns how many."""
    if (out / "labels.npy").exists():
        return len(np.load(out / "labels.npy"))
    wd = WorkDir(work)
    first, size, start, members, low = _clusters_of(wd.clusters)
    o_first, o_size, o_start, o_members, o_low = _clusters_of(old_clusters)
    by_first = np.argsort(o_first, kind="stable")
    hit, at = dd.in_sorted(first, o_first[by_first])
    old = by_first[at] if len(by_first) else at
    same = hit & (size == o_size[old]) & (low == o_low[old]) if len(by_first) else hit
    # the very same seqs, compared one by one
    cand = np.flatnonzero(same)
    n = size[cand]
    within = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    cluster = np.repeat(np.arange(len(cand)), n)
    differ = members[np.repeat(start[cand], n) + within] != o_members[np.repeat(o_start[old[cand]], n) + within]
    same[cand[np.bincount(cluster[differ], minlength=len(cand)) > 0]] = False
    touched = np.repeat(np.arange(len(size)), size)[dd.in_sorted(members, np.load(changed / "seqs.npy"))[0]]
    same[touched] = False
    labels = np.flatnonzero(same)
    firsts = first[labels]  # sorted, as labels are ranked by their first seq (clusters.py)
    with atomic_dir(out) as tmp:
        files = {(q, name): tmp / f"q{q:02d}" / name for q in range(parts)
                 for name in (WorkDir.CLUSTERS, WorkDir.REPUBLICATIONS, WorkDir.DECISIONS)}
        writers: dict = {}
        try:
            for d in sorted(old_decide.iterdir()):
                for name in (WorkDir.CLUSTERS, WorkDir.REPUBLICATIONS, WorkDir.DECISIONS):
                    with pa.memory_map(str(d / name)) as f:
                        t = pa.ipc.open_file(f).read_all()
                    cid = t.column("cluster_id").to_numpy()
                    keep, where = dd.in_sorted(cid, firsts)
                    t, q = t.filter(pa.array(keep)), labels[where[keep]] % parts
                    for k in np.unique(q).tolist():
                        key = (k, name)
                        if key not in writers:
                            files[key].parent.mkdir(parents=True, exist_ok=True)
                            writers[key] = pa.ipc.new_file(str(files[key]), t.schema)
                        writers[key].write_table(t.filter(pa.array(q == k)))
        finally:
            for w in writers.values():
                w.close()
        np.save(tmp / "labels.npy", labels)
    return len(labels)


def pq_read(path: Path) -> pa.Table:
    if not path.exists():
        return pa.table({"a": pa.array([], pa.int64()), "b": pa.array([], pa.int64()), "exact": pa.array([], pa.bool_()),
                         "similarity": pa.array([], pa.float64()), "containment": pa.array([], pa.float64())})
    return read_table(path)


def target_name(shard: int) -> str:
    return WorkDir("").sign(shard).name


def annotate_if_stale(shard: int, work: str, parts: int, resigned: bool, marker: str) -> dict:
    """Keep an old shard's annotation when its kept articles and their texts are those it was
    made from; otherwise annotate the shard again (keywords are scored within a shard)."""
    wd = WorkDir(work)
    final, mark = wd.annotate(shard), Path(marker)
    if final.exists() and resigned and not mark.exists():
        shutil.rmtree(final)
    elif final.exists():
        t = read_table(wd.sign(shard) / WorkDir.ARTICLES, ["seq", "n_chars"])
        seq = t.column("seq").to_numpy()
        live = seq[t.column("n_chars").to_numpy() > 0]
        copies = not_kept(wd, parts, int(seq[0]), int(seq[-1])) if len(seq) else set()
        kept = sorted(set(live.tolist()) - copies)
        had = read_table(final / WorkDir.KEYWORDS, ["seq"]).column("seq").to_pylist()
        if had == kept:
            return {"shard": shard, "annotated": 0}
        shutil.rmtree(final)
    r = annotate_shard(shard, work, parts)
    if resigned:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    return r


# ---- the update ---------------------------------------------------------------------------

def added_input(base_input: dict, new: dict) -> dict:
    """The extract stage's input key after an update: the build's, and each update's in order."""
    if isinstance(base_input, dict) and "updates" in base_input:
        return {"built": base_input["built"], "updates": [*base_input["updates"], new]}
    return {"built": base_input, "updates": [new]}


def update_corpus(pages: Iterable[Page], out: Path | str, fingerprint: dict, executor, annotate: bool = True,
                  files: list[Path] | None = None, fmt: str | None = None, params: ExtractParams | None = None,
                  fields=None, boilerplate: BoilerplateParams = DEFAULT_BOILERPLATE,
                  dedup: DedupParams = DEFAULT_DEDUP, index: bool = True) -> dict:
    """Add `pages` (read from `files`) to the corpus in `out`; returns the new stats. Raises
    UpdateError (nothing touched) when the corpus cannot be updated. `index`: update the search
    index when the corpus has one."""
    out = Path(out)
    check_updatable(out)  # before the lock, which would create a missing folder
    lock = lock_corpus(out)
    try:
        return _update(pages, out, fingerprint, executor, annotate, files, fmt, params, fields, boilerplate, dedup,
                       index)
    finally:
        lock.close()


def _update(pages, out: Path, fingerprint: dict, executor, annotate: bool, files, fmt, params, fields,
            boilerplate: BoilerplateParams, dedup: DedupParams, index: bool) -> dict:
    from .build import (VERSION, _call, _done_shard, _pairs_if_needed, _sign_if_needed, cluster_and_decide,
                        ids_and_boilerplate, stage_params)
    from .finalize import finalize

    work = out / "_work"
    wd, w, p = WorkDir(work), str(work), _paths(out)
    params = DEFAULT if params is None else params
    finish_commit(out)
    state, _ = pending_state(out)
    if state == "done":  # killed after its commit, before the clean-up: nothing left to add
        shutil.rmtree(p["up"], ignore_errors=True)
        return json.loads((out / "stats.json").read_text())
    if state == "stale":  # the folder was rebuilt after a killed update: that update is void
        shutil.rmtree(p["up"], ignore_errors=True)
    base = check_updatable(out)
    ex = base["extract"]["params"]
    S, parts = int(ex["shard_size"]), int(ex["parts"])
    keys = stage_params(ex["input"], S, parts, annotate, params, fields, boilerplate, dedup)
    check_same_build(base, keys, stage_fingerprints(keys, VERSION), out)

    new_key = {k: fingerprint.get(k) for k in ("files", "bytes", "sha256")}
    pending = json.loads(p["pending"].read_text()) if p["pending"].exists() else None
    if pending and pending["input"] != new_key:
        raise UpdateError(f"--update: an update of {out} with other input is unfinished ({', '.join(pending['paths'])}): "
                          "run it again to finish it first")
    clean_temporaries(work)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if pending is None:
        shutil.rmtree(p["up"], ignore_errors=True)
        p["up"].mkdir(parents=True)
        old_shards = sorted(int(d.name[1:]) for d in wd.extract(0).parent.iterdir() if d.name.startswith("s"))
        if old_shards != list(range(len(old_shards))):
            raise UpdateError(f"--update: {out}/_work has a gap in its shards; rebuild: `{REBUILD.format(out=out)}`")
        old_pages = sum(pq.read_metadata(wd.extract(s) / WorkDir.PAGES).num_rows for s in old_shards)
        write_table(read_table(wd.boilerplate), p["old_learned"])
        if wd.pairs(0).parent.is_dir():  # the old verified edges: pairs among unchanged articles are not verified again
            os.replace(wd.pairs(0).parent, p["old_pairs"])
        if wd.clusters.is_dir() and wd.decide(0).parent.is_dir():  # the old clusters: those unchanged keep their rows
            os.replace(wd.clusters, p["old_clusters"])
            os.replace(wd.decide(0).parent, p["old_decide"])
        pending = {"base": base, "input": new_key, "paths": [str(f) for f in files or []],
                   "old_pages": old_pages, "old_shards": len(old_shards)}
        write_text(p["pending"], json.dumps(pending, default=str))
    m, n_old = pending["old_shards"], pending["old_pages"]
    last_rows = n_old - (m - 1) * S
    head = S - last_rows if 0 < last_rows < S else 0  # pages the corpus's last shard still takes

    # 1. extract the new pages: the first `head` into the last shard, the rest into new shards.
    started = {"extract": time.time()}
    n_new = [0]

    pieces: dict[int, list[Path]] = {}  # shard -> the extract folders of its pieces, in order
    jobs = getattr(executor, "jobs", 1)

    def shard_calls(shard: int, seq: int, batch, is_head: bool, cut: int) -> Iterator[tuple]:
        if is_head:
            done = (_swapped(wd.extract(shard), p["retired"] / "extract" / target_name(shard))
                    or (p["merged"] / target_name(shard)).exists())
        else:
            done = wd.extract(shard).exists()
        if done:
            yield (_done_shard, shard, len(batch))
            return
        in_pieces = split(batch, cut) if cut > 1 else [batch]
        if len(in_pieces) == 1 and not is_head:
            yield (extract_shard, shard, seq, batch, w, parts, params, boilerplate.sample_chars)
            return
        pieces[shard] = []
        for piece in in_pieces:  # named by their pages: a rerun with other pieces does not take these
            root = p["pieces"] / f"{seq}+{len(piece)}"
            pieces[shard].append(WorkDir(root).extract(shard))
            if pieces[shard][-1].exists():
                yield (_done_shard, shard, len(piece))
            else:
                yield (extract_shard, shard, seq, piece, str(root), parts, params, boilerplate.sample_chars)
            seq += len(piece)

    def extract_calls() -> Iterator[tuple]:
        first_shard, seq = (m - 1, n_old) if head else (m, n_old)
        tail: deque = deque()  # the last `jobs` shards are cut in pieces, once the input is known to end
        for i, batch in enumerate(input_shards(files or [], fmt, S, pages, fields, first=head or None)):
            n_new[0] += len(batch)
            tail.append((first_shard + i, seq, batch, i == 0 and bool(head)))
            seq += len(batch)
            if len(tail) > jobs:
                yield from shard_calls(*tail.popleft(), cut=1)
        while tail:
            yield from shard_calls(*tail.popleft(), cut=TAIL_PIECES if jobs > 1 else 1)

    results = executor.run(_call, ((c,) for c in extract_calls()), total=fingerprint.get("pages"),
                           label="extract", progress=lambda r: r["pages"])
    if not results:
        shutil.rmtree(p["up"], ignore_errors=True)
        from .build import NoPages
        raise NoPages("the input files hold no pages (no records, no text)")
    last = m - 1
    merges = [(f, str(wd.extract(s)), parts) for s, f in pieces.items() if not (head and s == last)]
    if merges:
        executor.run(merge_pieces, merges, len(merges), "merge")
    if head:
        retired = p["retired"] / "extract" / target_name(last)
        if not _swapped(wd.extract(last), retired):
            merged = p["merged"] / target_name(last)
            if not merged.exists() and not retired.exists():
                merge_extract([wd.extract(last), *pieces[last]], merged, parts)
            if wd.sign(last).exists():  # the old, partial shard's: its keys say which buckets it was in
                gone = p["retired"] / "sign" / target_name(last)
                shutil.rmtree(gone, ignore_errors=True)
                gone.parent.mkdir(parents=True, exist_ok=True)
                os.replace(wd.sign(last), gone)
            shutil.rmtree(wd.annotate(last), ignore_errors=True)
            _swap_in(merged, wd.extract(last), retired)
    shards = list(range(max(r["shard"] for r in results) + 1))
    n_pages = n_old + n_new[0]
    old_signed = m - 1 if head else m  # shards 0..old_signed-1 keep their sign folders, re-signed in part
    timings["extract"] = time.perf_counter() - t0

    # The stages redone over the whole corpus from kept numbers: their old outputs go first.
    for stage in ("ids", "learn", "pairs", "clusters", "members", "decide"):
        for q in wd.outputs(stage):
            shutil.rmtree(q) if q.is_dir() else q.unlink(missing_ok=True)
    shutil.rmtree(wd.sigindex, ignore_errors=True)

    # 2. ids and boilerplate, as in a build.
    t0 = time.perf_counter()
    started["boilerplate"] = time.time()
    site_pages, learned_path = ids_and_boilerplate(executor, wd, shards, parts, n_pages, boilerplate,
                                                   known_lines=p["old_learned"])
    timings["boilerplate"] = time.perf_counter() - t0

    # 3. sign: new shards whole; old shards only where the boilerplate changed.
    t0 = time.perf_counter()
    started["sign"] = time.time()
    changed, texts, unsampled = changed_lines(p["old_learned"], learned_path)
    resigned = {}
    if changed:
        res = executor.run(resign_shard, [(s, w, parts, str(learned_path), changed, texts, unsampled, str(p["up"]), dedup)
                                          for s in range(old_signed)], old_signed, "resign")
        resigned = {r["shard"]: r["resigned"] for r in res if r["resigned"]}
    executor.run(_sign_if_needed, [(s, w, parts, str(learned_path), dedup) for s in shards[old_signed:]],
                 len(shards) - old_signed, "sign")
    dd.write_seq_index(w, shards)
    timings["sign"] = time.perf_counter() - t0

    # 4-5. pairs, clusters, decisions: as in a build.
    t0 = time.perf_counter()
    started["pairs"] = time.time()
    pair_counts = {}
    if p["old_pairs"].is_dir():
        changed_at = write_changed(p, wd, n_old, m - 1 if head else None, resigned, parts)
        res = executor.run(pair_partition_update, [(q, shards, w, dedup, str(changed_at), str(p["old_pairs"]))
                                                   for q in range(parts)], parts, "pairs")
        pair_counts = {"edges_reused": sum(r["reused"] for r in res), "pairs_verified": sum(r["verified"] for r in res)}
    else:
        executor.run(_pairs_if_needed, [(q, shards, w, dedup) for q in range(parts)], parts, "pairs")
    timings["pairs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    started["dedup"] = time.time()
    if p["old_decide"].is_dir() and p["old_pairs"].is_dir():
        n_clusters, pair_counts["clusters_reused"] = _decide_reusing(executor, w, shards, parts, dedup, p)
    else:
        n_clusters = cluster_and_decide(executor, work, shards, parts, dedup)
    timings["dedup"] = time.perf_counter() - t0

    # 5b. annotation: the new shards, and the old ones whose kept articles or texts changed.
    if annotate:
        t0 = time.perf_counter()
        started["annotate"] = time.time()
        executor.run(annotate_if_stale, [(s, w, parts, s in resigned or s >= old_signed,
                                          str(p["reannotated"] / target_name(s))) for s in shards],
                     len(shards), "annotate")
        timings["annotate"] = time.perf_counter() - t0

    # 6. the tables into update/next, then the commit.
    executor.close()
    t0 = time.perf_counter()
    started["write"] = time.time()
    nxt = p["next"]
    shutil.rmtree(nxt, ignore_errors=True)
    nxt.mkdir(parents=True)
    # the shards extracted or signed again are encoded anew; every other shard's rows are copied
    # from the corpus's tables as they are where their ids, statuses and cluster fields did not change
    rows_at = p["changed"] / "rows.npy"
    stats = finalize(nxt, work, shards, site_pages, parts, n_pages, base=out, extracted=frozenset(shards[old_signed:]),
                     signed=frozenset(resigned), rewritten=np.load(rows_at) if rows_at.exists() else None)
    index_dir = None
    if index:
        from ..search.index import INDEX_DIR
        if (out / INDEX_DIR / "meta.json").exists():  # the corpus has a search index: a new one beside the tables
            from ..search.index import build_index
            build_index(nxt)
            index_dir = INDEX_DIR
    timings["write"] = time.perf_counter() - t0
    new_input = added_input(ex["input"], new_key)
    new_keys = stage_params(new_input, S, parts, annotate, params, fields, boilerplate, dedup)
    fps = stage_fingerprints(new_keys, VERSION)
    stats["timings_s"] = {k: round(v, 2) for k, v in timings.items()}
    stats["stage_started"] = {k: round(v, 2) for k, v in started.items()}
    stats["partitions"], stats["shards"] = parts, len(shards)
    stats["pages_in"] = n_pages
    stats["fingerprints"] = fps
    stats["update"] = {"pages_added": n_new[0], "articles_resigned": sum(v for v in resigned.values() if v > 0),
                       "shards_resigned": len(resigned), "changed_boilerplate_lines": sum(map(len, changed.values())),
                       "row_groups_copied": stats.pop("row_groups_copied"),
                       "row_groups_patched": stats.pop("row_groups_patched"),
                       "row_groups_encoded": stats.pop("row_groups_encoded"), **pair_counts}
    write_text(nxt / "stats.json", json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True))
    stages = {st.name: {"fingerprint": fps[st.name], "params": new_keys.get(st.name, {})} for st in STAGES}
    from .schema import DUCKDB_FILE, TABLES
    _commit(out, [f"{t}.parquet" for t in TABLES] + [DUCKDB_FILE, "stats.json"], index_dir,
            json.dumps({"stages": stages}, sort_keys=True, indent=1, default=str))
    p["pending"].unlink(missing_ok=True)
    shutil.rmtree(p["up"], ignore_errors=True)
    return stats
