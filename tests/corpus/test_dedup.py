"""dedup.candidate_pairs against a plain reference (one bucket at a time); the sorted-array helpers against numpy's."""
from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus.dedup import candidate_pairs, in_sorted, sorted_unique


def reference(key, seq, exact, all_pairs_max):
    pairs: dict[tuple[int, int], bool] = {}
    for k in sorted(set(key.tolist())):
        rows = sorted((int(s), bool(e)) for kk, s, e in zip(key.tolist(), seq.tolist(), exact.tolist()) if kk == k)
        members = [s for s, _ in rows]
        e = rows[0][1]  # the bucket's flag: that of its first row (a key is exact or not)
        if len(members) <= max(all_pairs_max, 2):
            got = list(combinations(members, 2))
        else:
            got = [(members[0], m) for m in members[1:]] + list(zip(members[1:], members[2:]))
        for a, b in got:
            if a != b:
                p = (min(a, b), max(a, b))
                pairs[p] = pairs.get(p, False) or e
    return sorted(pairs.items())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 40)), max_size=120), st.integers(1, 8))
def test_candidate_pairs_match_the_reference(rows, all_pairs_max):
    rows = sorted(set(rows))  # an item is in a bucket once
    key = np.array([k for k, _ in rows], np.int64)
    seq = np.array([s for _, s in rows], np.int64)
    exact = key % 3 == 0  # a key is an exact-text key or a band bucket, for all its rows
    t = candidate_pairs(key, seq, exact, all_pairs_max)
    got = list(zip(zip(t.column("a").to_pylist(), t.column("b").to_pylist()), t.column("exact").to_pylist()))
    assert got == reference(key, seq, exact, all_pairs_max)


def test_a_bucket_above_the_limit_is_a_star_and_a_chain():
    key = np.zeros(5, np.int64)
    seq = np.array([9, 3, 7, 1, 5], np.int64)
    t = candidate_pairs(key, seq, np.zeros(5, bool), all_pairs_max=4)
    assert list(zip(t.column("a").to_pylist(), t.column("b").to_pylist())) == \
        [(1, 3), (1, 5), (1, 7), (1, 9), (3, 5), (5, 7), (7, 9)]


big = st.integers(0, 2**64 - 1)


@settings(max_examples=200, deadline=None)
@given(x=st.lists(st.one_of(st.integers(0, 20), big), max_size=60))
def test_sorted_unique_is_np_unique(x):
    a = np.array(x, np.uint64)
    assert np.array_equal(sorted_unique(a), np.unique(a))
    assert sorted_unique(a).dtype == a.dtype


@settings(max_examples=200, deadline=None)
@given(x=st.lists(st.one_of(st.integers(0, 20), big), max_size=60),
       s=st.lists(st.one_of(st.integers(0, 20), big), max_size=30))
def test_in_sorted_finds_what_np_isin_finds_and_where(x, s):
    xs, ss = np.array(x, np.uint64), np.unique(np.array(s, np.uint64))
    hit, pos = in_sorted(xs, ss)
    assert np.array_equal(hit, np.isin(xs, ss))
    assert np.array_equal(ss[pos[hit]], xs[hit])


@settings(max_examples=30, deadline=None)
@given(want=st.lists(st.integers(0, 40), max_size=30), max_open=st.integers(1, 4))
def test_signature_store_finds_each_seq_whatever_stays_mapped(tmp_path_factory, want, max_open):
    from vinews.corpus.dedup import SignatureStore, write_seq_index
    from vinews.corpus.workdir import WorkDir

    work = tmp_path_factory.mktemp("w")
    wd = WorkDir(work)
    rng = np.random.default_rng(0)
    sigs = {}
    for s, seqs in enumerate(([0, 2, 5], [7, 8], [11, 20, 30, 31])):
        d = wd.sign(s)
        d.mkdir(parents=True)
        sig = rng.integers(0, 2**32, (len(seqs), 4), dtype=np.uint32)
        np.save(d / WorkDir.SIG, sig)
        np.save(d / WorkDir.COUNTS, np.array(seqs, np.int64) * 10)
        np.save(d / WorkDir.SEQS, np.array(seqs, np.int64))
        sigs.update({q: row for q, row in zip(seqs, sig)})
    write_seq_index(str(work), [0, 1, 2])
    store = SignatureStore(str(work), [0, 1, 2], num_perm=4, max_open=max_open)
    for chunk in (want[: len(want) // 2], want[len(want) // 2:], want):
        got, counts = store.get(np.array(chunk, np.int64))
        for q, row, c in zip(chunk, got, counts):
            assert (row == sigs[q]).all() and c == q * 10 if q in sigs else not row.any() and c == 0
        assert len(store._maps) <= max_open
