"""update.pairs_to_redo: the build's edges an update keeps plus the candidates it verifies give
the edges a build from scratch would, on random buckets (an oracle test). Verification is a
stand-in that depends on the pair, its exact flag and whether an article changed, as the real
one depends on the signatures."""
from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings, strategies as st

from vinews.corpus import dedup as dd
from vinews.corpus.update import _codes, pairs_to_redo


def verdict(a: int, b: int, exact: bool, changed: bool) -> bool:
    """An edge or none, as a function of what verification sees (`changed`: new signatures)."""
    h = hashlib.blake2b(f"{a} {b} {exact} {changed}".encode(), digest_size=2).digest()
    return exact or h[0] % 2 == 0


def rows(keys: dict[int, list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, seq, exact) arrays; a key is an exact-text key when it is a multiple of 3."""
    pairs = [(k, q) for q, ks in sorted(keys.items()) for k in sorted(set(ks))]
    key = np.array([k for k, _ in pairs], np.uint64)
    seq = np.array([q for _, q in pairs], np.int64)
    return key, seq, key % np.uint64(3) == 0


def edges(key, seq, exact, changed: set[int], all_pairs_max: int) -> set[tuple[int, int, bool]]:
    c = dd.candidate_pairs(key, seq, exact, all_pairs_max)
    return {(a, b, e) for a, b, e in zip(*(c.column(x).to_pylist() for x in ("a", "b", "exact")))
            if verdict(a, b, e, a in changed or b in changed)}


article = st.lists(st.integers(0, 7), min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(old=st.lists(article, min_size=1, max_size=12), fate=st.data(), all_pairs_max=st.sampled_from([2, 3, 50]))
def test_kept_edges_and_verified_candidates_equal_a_build_from_scratch(old, fate, all_pairs_max):
    then = dict(enumerate(old))
    now = {}
    for q, ks in then.items():  # each old article unchanged, changed (re-signed: other keys) or gone from no bucket
        now[q] = fate.draw(st.one_of(st.just(ks), article), label=f"keys of {q} now")
    for q in range(len(old), len(old) + fate.draw(st.integers(0, 4), label="new articles")):
        now[q] = fate.draw(article, label=f"keys of new {q}")
    changed = {q for q in now if q not in then or now[q] != then[q]}
    cseq = np.array(sorted(changed), np.int64)

    old_edges = sorted(edges(*rows(then), set(), all_pairs_max))
    old_codes = np.array([(a << 32) | b for a, b, _ in old_edges], np.uint64)
    g_key, g_seq, g_exact = rows({q: then[q] for q in changed if q in then})
    keep, todo = pairs_to_redo(*rows(now), cseq, g_key, g_seq, g_exact, old_codes, all_pairs_max)

    got = {e for e, k in zip(old_edges, keep.tolist()) if k}
    got |= {(a, b, e) for a, b, e in zip(*(todo.column(x).to_pylist() for x in ("a", "b", "exact")))
            if verdict(a, b, e, a in changed or b in changed)}
    assert got == edges(*rows(now), changed, all_pairs_max)
    assert np.all(np.diff(_codes(todo).astype(np.int64)) > 0)  # one row per pair, sorted


def test_unchanged_pairs_far_from_the_change_are_kept_without_being_made_again():
    # exact-text keys (multiples of 3: always an edge). Buckets 3 (0, 1) and 6 (2, 3) stand;
    # article 4 left bucket 9 (shared with 5) for bucket 12, with the new article 6
    then = {0: [3], 1: [3], 2: [6], 3: [6], 4: [9], 5: [9]}
    now = {**then, 4: [12], 6: [12]}
    old_edges = sorted(edges(*rows(then), set(), 50))
    assert [e[:2] for e in old_edges] == [(0, 1), (2, 3), (4, 5)]
    old_codes = np.array([(a << 32) | b for a, b, _ in old_edges], np.uint64)
    keep, todo = pairs_to_redo(*rows(now), np.array([4, 6], np.int64), *rows({4: [9]}), old_codes, 50)
    assert keep.tolist() == [True, True, False]  # (4, 5): no bucket holds both any more
    assert list(zip(todo.column("a").to_pylist(), todo.column("b").to_pylist())) == [(4, 6)]


def test_flags_of_unchanged_pairs_come_from_whole_buckets():
    # all_pairs_max 2: a bucket of more gives a star from its first seq plus a chain, so bucket 3
    # (10, 11, 13, 15; unchanged) has no pair 11-15. Bucket 6 gives it once 14 has left it
    # (1, 11, 15: star 1-11, 1-15, chain 11-15): a new candidate to verify, though both ends
    # stand and are in bucket 3. Taking bucket 3's rows of those ends alone would make 11-15 a
    # pair of bucket 3 too, then and now, and reuse the build's verdict (none).
    then = {1: [6], 10: [3], 11: [3, 6], 13: [3], 14: [6], 15: [3, 6]}
    now = {**then, 14: [20]}
    old_edges = sorted(edges(*rows(then), set(), 2))
    assert (11, 15, True) not in old_edges
    old_codes = np.array([(a << 32) | b for a, b, _ in old_edges], np.uint64)
    keep, todo = pairs_to_redo(*rows(now), np.array([14], np.int64), *rows({14: [6]}), old_codes, 2)
    got = {e for e, k in zip(old_edges, keep.tolist()) if k} | {
        (a, b, e) for a, b, e in zip(*(todo.column(x).to_pylist() for x in ("a", "b", "exact")))}
    assert got == edges(*rows(now), {14}, 2)
    assert (11, 15, True) in got
