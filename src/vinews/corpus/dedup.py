"""Exact and near duplicates: stage functions over shards and hash partitions.

sign_shard   per extract shard: strip learned site boilerplate, exact key + MinHash signature
             of each article text, LSH band keys written hash-partitioned (the shuffle);
pair_partition  per key partition: articles sharing a bucket become candidate pairs, and
             `verify` keeps the edges among them:
verify       candidates -> edges: exact keys equal, or estimated Jaccard >= jaccard_min, or
             estimated containment >= containment_min with Jaccard >= jaccard_floor (a copy
             that trims or extends the original; corpus.params.DedupParams);
components   connected components on dense integer ids (scipy.sparse.csgraph).
Thresholds are measured in docs/dedup.md.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa

from .. import schema as record
from . import minhash
from .boilerplate import strip_lines
from .ids import renames_between
from .params import DEFAULT_DEDUP, DedupParams
from .republication import attribution
from .sorted_io import read_batch, write_batches
from .store import atomic_dir, from_rows, read_table, write_table
from .workdir import WorkDir

_EXACT_SALT = np.uint64(0x5DEECE66D2545F49)
_PARA_SALT = np.uint64(0x2545F4914F6CDD1D)

KEY_SCHEMA = pa.schema([("key", pa.uint64()), ("seq", pa.int64()), ("exact", pa.bool_())])
PAIR_SCHEMA = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("exact", pa.bool_())])
SIGNED_SCHEMA = record.arrow_schema(record.SIGNED)  # the fields of vinews.schema's SIGNED record
REMOVED_SCHEMA = pa.schema([("site", pa.string()), ("line_hash", pa.uint64()), ("removed", pa.int64()),
                            ("removed_chars", pa.int64())])

# A sign folder's articles in row groups of this many rows: an update that re-signs a few of a
# shard's articles encodes their groups anew and copies the others (update.resign_shard). A
# work file, read whole by the later stages: small groups cost them nothing, and an update at
# 100k + 5k pages re-signs 29 articles in 24 shards, a group each (1,024 rows: 65 ms to encode).
SIGN_ROW_GROUP = 256

_learned_cache: dict[tuple, dict[str, set[int]]] = {}


def load_learned(path: str) -> dict[str, set[int]]:
    """site -> learned boilerplate line hashes (cached per worker process). The cache key is the
    file's identity, not its name: an update (or a rebuild in the same process) learns a new
    table under the same path."""
    st = Path(path).stat()
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _learned_cache:
        t = read_table(path, ["site", "line_hash"])
        out: dict[str, set[int]] = {}
        for s, h in zip(t.column("site").to_pylist(), t.column("line_hash").to_pylist()):
            out.setdefault(s, set()).add(h)
        _learned_cache.clear()
        _learned_cache[key] = out
    return _learned_cache[key]


def sign_shard(shard: int, work: str, parts: int, learned_path: str, params: DedupParams = DEFAULT_DEDUP) -> dict:
    """Write the shard's sign folder (WorkDir.sign): cleaned articles, sig.npy, seqs.npy, keys.arrow (a batch per
    key partition), removed."""
    wd = WorkDir(work)
    rows = extracted_rows(work, shard)
    removed = strip_rows(rows, load_learned(learned_path))
    sig, counts, exact, *by_line = minhash.sketch_and_lines([r["text"] for r in rows], params.num_perm, params.ngram)
    for r, c, e in zip(rows, counts.tolist(), exact.tolist()):
        r["n_shingles"], r["exact_key"] = c, e
    # Entities and keywords come later, on the kept articles only (annotate_stage.py).
    seqs = np.array([r["seq"] for r in rows], dtype=np.int64)
    keys = lsh_keys(seqs, sig, counts, exact, by_line, params)
    write_sign(wd.sign(shard), rows, sig, seqs, counts, keys, removed, parts)
    return {"shard": shard, "articles": len(rows)}


def extracted_rows(work: str, shard: int) -> list[dict]:
    """The extract stage's article rows of a shard, with the ids stage's renames applied."""
    rows = read_table(WorkDir(work).extract(shard) / WorkDir.ARTICLES).to_pylist()
    renames = renames_between(work, rows[0]["seq"], rows[-1]["seq"]) if rows else {}
    for r in rows:
        r["id"] = renames.get(r["seq"], r["id"])
    return rows


def strip_rows(rows: list[dict], learned: dict[str, set[int]]) -> dict:
    """Remove the learned boilerplate lines from each row's lead, body and captions (in place),
    and fill the fields that follow from the text; returns (site, line hash) -> [lines, chars]
    removed."""
    removed: dict = {}
    for r in rows:
        site = r["site"]
        n0 = (1 if r["lead"] else 0) + len(r["body"]) + len(r["captions"])
        lead = strip_lines(site, [r["lead"]], learned, removed) if r["lead"] else []
        r["lead"] = lead[0] if lead else None
        r["body"] = strip_lines(site, r["body"], learned, removed)
        r["captions"] = strip_lines(site, r["captions"], learned, removed)
        r["boilerplate_lines"] = n0 - (1 if r["lead"] else 0) - len(r["body"]) - len(r["captions"])
        r["text"] = "\n".join(([r["lead"]] if r["lead"] else []) + r["body"])
        r["n_chars"] = len(r["text"])
        r["keywords"] = []
        r["credit"] = attribution(r)  # here, so the driver never loads bodies to find it
    return removed


def lsh_keys(seqs: np.ndarray, sig: np.ndarray, counts: np.ndarray, exact: np.ndarray, by_line,
             params: DedupParams = DEFAULT_DEDUP) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, seq, is_exact) of the articles' LSH band buckets, long paragraphs and exact texts.
    Each article's keys depend on its own text only."""
    live = counts > 0  # an article with no text left is never a duplicate
    bands = (minhash.band_hashes(sig[live], params.bands, params.rows) if live.any()
             else np.zeros((0, params.bands), np.uint64))
    para_keys, para_seqs = _paragraph_keys(seqs, *by_line, min_syllables=params.paragraph_min_syllables)
    keys = np.concatenate((bands.ravel(), para_keys, minhash.fmix64(exact[live] ^ _EXACT_SALT)))
    key_seq = np.concatenate((np.repeat(seqs[live], bands.shape[1]), para_seqs, seqs[live]))
    is_exact = np.concatenate((np.zeros(bands.size + len(para_keys), bool), np.ones(int(live.sum()), bool)))
    return keys, key_seq, is_exact


def write_sign(final: Path, rows: "list[dict] | pa.Table | Callable[[Path], None]", sig: np.ndarray, seqs: np.ndarray,
               counts: np.ndarray, keys: tuple[np.ndarray, np.ndarray, np.ndarray], removed: dict, parts: int) -> None:
    """A sign folder, whole or not at all (store.atomic_dir): the keys written a batch per key
    partition, sorted by key then seq. `rows`: the signed articles (dicts, a table of
    SIGNED_SCHEMA, or a function that writes their file at the path it is given: an update's
    re-signing stitches it from the old one); `removed`: (site, line hash) -> [lines, chars]
    removed."""
    keys, key_seq, is_exact = keys
    part = (keys % np.uint64(parts)).astype(np.int64)
    with atomic_dir(final) as tmp:
        if callable(rows):
            rows(tmp / WorkDir.ARTICLES)
        else:
            write_table(rows if isinstance(rows, pa.Table) else from_rows(rows, SIGNED_SCHEMA), tmp / WorkDir.ARTICLES,
                        SIGN_ROW_GROUP)
        np.save(tmp / WorkDir.SIG, sig)
        np.save(tmp / WorkDir.SEQS, seqs)
        np.save(tmp / WorkDir.COUNTS, counts)
        order = np.lexsort((key_seq, keys, part))  # by partition, then key, then seq
        keys, key_seq, is_exact, part = keys[order], key_seq[order], is_exact[order], part[order]
        cut = np.searchsorted(part, np.arange(parts + 1))
        t = pa.table({"key": keys, "seq": key_seq, "exact": is_exact}, schema=KEY_SCHEMA)
        write_batches(tmp / WorkDir.KEYS, KEY_SCHEMA, [t.slice(lo, hi - lo) for lo, hi in zip(cut[:-1], cut[1:])])
        rem = [{"site": s, "line_hash": h, "removed": v[0], "removed_chars": v[1]} for (s, h), v in sorted(removed.items())]
        write_table(from_rows(rem, REMOVED_SCHEMA), tmp / WorkDir.REMOVED)


def _paragraph_keys(seqs: np.ndarray, keys: np.ndarray, counts: np.ndarray, doc: np.ndarray,
                    min_syllables: int = DEFAULT_DEDUP.paragraph_min_syllables) -> tuple[np.ndarray, np.ndarray]:
    """A key per long paragraph (a line of the lead or body; `minhash.line_keys` of the texts).
    A republication that keeps only part of the original keeps those paragraphs word for word,
    so sharing one makes a candidate pair even when the whole-text Jaccard is too low for the
    bands; verification still decides."""
    if not len(keys):
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    seq = seqs[doc]
    long = counts >= min_syllables
    # One key per (article, paragraph text): a paragraph repeated inside one article is one key.
    k, s_ = minhash.fmix64(keys[long] ^ _PARA_SALT), seq[long]
    code = np.unique(np.stack((k, s_.astype(np.uint64)), axis=1), axis=0)
    return code[:, 0].copy(), code[:, 1].astype(np.int64)


def pair_partition(part: int, shards: list[int], work: str, params: DedupParams = DEFAULT_DEDUP) -> int:
    """Verified edges among the candidate pairs of one key partition -> WorkDir.pairs(part)
    (a < b, sorted). A pair sharing buckets in several partitions is verified in each; the
    driver keeps one edge of it (clusters.components)."""
    wd = WorkDir(work)
    tables = [read_batch(wd.sign(s) / WorkDir.KEYS, part) for s in shards]
    t = pa.concat_tables(tables) if tables else KEY_SCHEMA.empty_table()
    pairs = candidate_pairs(*(t.column(c).to_numpy() for c in ("key", "seq", "exact")), params.all_pairs_max)
    del t, tables
    out = verify(pairs, SignatureStore(work, shards, params.num_perm), params)
    write_table(out, wd.pairs(part))
    return out.num_rows


def candidate_pairs(key: np.ndarray, seq: np.ndarray, exact: np.ndarray,
                    all_pairs_max: int = DEFAULT_DEDUP.all_pairs_max) -> pa.Table:
    """Items sharing a key (an LSH band bucket or an exact-text key) -> pairs (a < b), sorted,
    one row per pair, exact if any shared key was an exact-text key."""
    order = np.lexsort((seq, key))
    key, seq, exact = key[order], seq[order], exact[order]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    sizes = np.diff(np.append(starts, len(key)))
    a_parts, b_parts, e_parts = [], [], []
    two = starts[sizes == 2]  # most buckets with a hit are pairs: vectorised
    a_parts.append(seq[two]), b_parts.append(seq[two + 1]), e_parts.append(exact[two])
    # buckets of 3..all_pairs_max items: all their pairs, vectorised over the buckets of one size
    # (a loop over buckets spent most of an update's pairs stage in triu_indices)
    mid = (sizes > 2) & (sizes <= all_pairs_max)
    for n in np.unique(sizes[mid]).tolist():
        at = starts[sizes == n]
        i, j = np.triu_indices(n, 1)
        a_parts.append(seq[at[:, None] + i].ravel()), b_parts.append(seq[at[:, None] + j].ravel())
        e_parts.append(np.repeat(exact[at], len(i)))
    huge = sizes > max(all_pairs_max, 2)
    for s, n in zip(starts[huge].tolist(), sizes[huge].tolist()):
        members = seq[s:s + n]  # a huge bucket (boilerplate-only texts): star from the first plus a chain
        i = np.concatenate((np.zeros(n - 1, np.int64), np.arange(1, n - 1)))
        j = np.concatenate((np.arange(1, n), np.arange(2, n)))
        a_parts.append(members[i]), b_parts.append(members[j]), e_parts.append(np.full(len(i), exact[s]))
    return unique_pairs(np.concatenate(a_parts), np.concatenate(b_parts), np.concatenate(e_parts))


def sorted_unique(x: np.ndarray, kind: str = "quicksort") -> np.ndarray:
    """np.unique(x), by a sort: numpy 2's np.unique hashes, 7x slower on a partition's 260k keys.
    kind="stable" (a merge sort) for x made of a few sorted runs: 3x faster on two of them."""
    x = np.sort(x, kind=kind)
    return x[np.concatenate(([True], x[1:] != x[:-1]))] if len(x) else x


def in_sorted(x: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hit, pos): which of `x` are in `s` (sorted, unique) and where (pos is 0 where not).
    A binary search per item: np.isin sorts both arrays together (with numpy 2, hashes and
    inverts them), most of the pairs stage's time on a partition's ~250k keys."""
    if not len(s):
        return np.zeros(len(x), bool), np.zeros(len(x), np.int64)
    pos = np.searchsorted(s, x)
    pos[pos == len(s)] = 0
    return s[pos] == x, pos


def unique_pairs(a: np.ndarray, b: np.ndarray, e: np.ndarray) -> pa.Table:
    """One row per pair (a < b), sorted, exact if any of its rows said so."""
    keep = a != b
    lo, hi, e = np.minimum(a, b)[keep], np.maximum(a, b)[keep], e[keep]
    code = (lo.astype(np.uint64) << np.uint64(32)) | hi.astype(np.uint64)
    order = np.lexsort((~e, code))
    code, e = code[order], e[order]
    first = np.concatenate(([True], code[1:] != code[:-1])) if len(code) else np.zeros(0, bool)
    code, e = code[first], e[first]
    return pa.table({"a": (code >> np.uint64(32)).astype(np.int64), "b": (code & np.uint64(0xFFFFFFFF)).astype(np.int64),
                    "exact": e}, schema=PAIR_SCHEMA)


def write_seq_index(work: str, shards: list[int]) -> None:
    """WorkDir.sigindex: the seqs of every signed article (sorted, as shards hold increasing
    ranges) and where each shard's start, filled a shard at a time into a memory-mapped file.
    Every verify and decide task looks signatures up through it instead of loading each
    shard's seqs.npy (a thousand files per task)."""
    wd = WorkDir(work)
    final = wd.sigindex
    if final.exists():
        return
    dirs = [wd.sign(s) for s in shards]
    sizes = [np.load(d / WorkDir.SEQS, mmap_mode="r").shape[0] for d in dirs]
    offsets = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
    with atomic_dir(final) as tmp:
        out = np.lib.format.open_memmap(tmp / WorkDir.SEQS, mode="w+", dtype=np.int64, shape=(int(offsets[-1]),))
        for d, lo, hi in zip(dirs, offsets[:-1].tolist(), offsets[1:].tolist()):
            out[lo:hi] = np.load(d / WorkDir.SEQS)
        out.flush()
        del out
        np.save(tmp / WorkDir.OFFSETS, offsets)


class SignatureStore:
    """Signature rows by seq, read from the sign shards' sig.npy files (memory-mapped), found
    through WorkDir.sigindex (write_seq_index)."""

    def __init__(self, work: str, shards: list[int], num_perm: int = DEFAULT_DEDUP.num_perm, max_open: int = 64):
        self.num_perm = num_perm
        wd = WorkDir(work)
        self.dirs = [wd.sign(s) for s in shards]
        self.seqs = np.load(wd.sigindex / WorkDir.SEQS, mmap_mode="r")
        self.offsets = np.load(wd.sigindex / WorkDir.OFFSETS)
        # each shard's files mapped once: verify asks for a chunk of pairs at a time, and opening
        # the maps again for every chunk was most of an update's verification (5,000 np.load);
        # at most `max_open` shards stay mapped (the least recently used goes first), so that the
        # pages a task touches do not add up over a corpus of a thousand shards
        self._maps: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.max_open = max_open

    def _shard(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if k in self._maps:
            self._maps.move_to_end(k)
        else:
            d = self.dirs[k]
            self._maps[k] = (np.load(d / WorkDir.SIG, mmap_mode="r"), np.load(d / WorkDir.COUNTS, mmap_mode="r"))
            while len(self._maps) > self.max_open:
                self._maps.popitem(last=False)
        return self._maps[k]

    def get(self, seqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(signatures, shingle counts) of the given seqs."""
        out = np.zeros((len(seqs), self.num_perm), dtype=np.uint32)
        counts = np.zeros(len(seqs), dtype=np.int64)
        if not len(self.seqs) or not len(seqs):
            return out, counts
        hit, pos = in_sorted(seqs, self.seqs)
        found = np.flatnonzero(hit)
        shard = np.searchsorted(self.offsets, pos[found], side="right") - 1
        order = np.argsort(shard, kind="stable")
        found, shard = found[order], shard[order]
        cuts = np.flatnonzero(np.diff(shard, prepend=-1))
        for lo, hi in zip(cuts.tolist(), cuts[1:].tolist() + [len(found)]):
            k, rows = int(shard[lo]), found[lo:hi]
            local = pos[rows] - self.offsets[k]
            sig, cnt = self._shard(k)
            out[rows] = sig[local]
            counts[rows] = cnt[local]
        return out, counts


def verify(pairs: pa.Table, store: SignatureStore, params: DedupParams = DEFAULT_DEDUP, chunk: int = 1 << 15) -> pa.Table:
    """Candidate pairs -> accepted edges with their similarity (estimated Jaccard; 1.0 exact).
    In chunks: both signatures of a pair are 1 KB, and a key partition can hold 10^5 pairs."""
    if pairs.num_rows > chunk:
        return pa.concat_tables([verify(pairs.slice(i, chunk), store, params, chunk) for i in range(0, pairs.num_rows, chunk)])
    a, b, exact = (pairs.column(c).to_numpy() for c in ("a", "b", "exact"))
    (sa, na), (sb, nb) = store.get(a), store.get(b)
    jac = minhash.similarity(sa, sb) if len(a) else np.zeros(0)
    cont = minhash.containment(jac, na, nb) if len(a) else np.zeros(0)
    ok = exact | (jac >= params.jaccard_min) | ((cont >= params.containment_min) & (jac >= params.jaccard_floor))
    sim = np.where(exact, 1.0, jac)
    return pa.table({"a": a[ok], "b": b[ok], "exact": exact[ok], "similarity": sim[ok],
                     "containment": np.where(exact, 1.0, cont)[ok]})


def components(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(seqs, component label per seq) over the edges a[i]-b[i]; labels ordered by smallest seq."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nodes, inv = np.unique(np.concatenate((a, b)), return_inverse=True)
    n = len(nodes)
    if n == 0:
        return nodes, np.zeros(0, np.int64)
    g = coo_matrix((np.ones(len(a), np.int8), (inv[: len(a)], inv[len(a):])), shape=(n, n))
    _, labels = connected_components(g, directed=False)
    # Relabel by first appearance in seq order (nodes are sorted): deterministic ids.
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return nodes, rank[labels]
