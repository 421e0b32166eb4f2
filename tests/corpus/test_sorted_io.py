import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus import sorted_io as S

SCHEMA = pa.schema([("k", pa.int64()), ("v", pa.string())])


def table(keys, tag):
    return pa.table({"k": keys, "v": [f"{tag}{i}" for i in range(len(keys))]}, schema=SCHEMA)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 60), max_size=30), min_size=1, max_size=4),
       st.integers(1, 7), st.integers(1, 25))
def test_merge_below_gives_every_row_once_in_key_order(tmp_path_factory, files, batch, step):
    d = tmp_path_factory.mktemp("m")
    old, S.BATCH = S.BATCH, batch
    try:
        paths = []
        for n, keys in enumerate(files):
            t = table(sorted(keys), f"f{n}-")
            if n % 2:  # Parquet and IPC files alike
                pq.write_table(t, d / f"{n}.parquet", row_group_size=batch)
                paths.append(d / f"{n}.parquet")
            else:
                paths.append(S.write_sorted(d / f"{n}.arrow", t, "k"))
        readers = [S.SortedReader(p, "k") for p in paths]
        got = [S.merge_below(readers, b, SCHEMA) for b in range(step, 61 + step, step)]
    finally:
        S.BATCH = old
    rows = [r for t in got for r in t.to_pylist()]
    assert [r["k"] for r in rows] == sorted(k for keys in files for k in keys)
    # Ties keep file order, and rows of one file keep their order.
    expect = sorted(((k, n, i) for n, keys in enumerate(files) for i, k in enumerate(sorted(keys))))
    assert [r["v"] for r in rows] == [f"f{n}-{i}" for _, n, i in expect]


def test_write_batches_keeps_one_batch_per_partition_even_empty(tmp_path):
    parts = [table([1, 2], "a"), table([], "b"), table([5], "c")]
    p = S.write_batches(tmp_path / "x.arrow", SCHEMA, parts)
    assert [S.read_batch(p, i).column("k").to_pylist() for i in range(3)] == [[1, 2], [], [5]]
