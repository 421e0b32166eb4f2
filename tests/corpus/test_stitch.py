"""stitch.py: row groups copied from other Parquet files give the bytes pyarrow writes itself."""
import struct

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus.stitch import StitchError, Stitcher, decode, encode, read_footer
from vinews.corpus.store import _WRITE, GroupWriter

SCHEMA = pa.schema([("seq", pa.int64()), ("s", pa.string()), ("l", pa.list_(pa.string())),
                    ("t", pa.timestamp("us", tz="+07:00")), ("b", pa.bool_())])
text = st.one_of(st.none(), st.text(max_size=30))
row = st.tuples(text, st.lists(st.text(max_size=8), max_size=3), st.one_of(st.none(), st.integers(0, 2**50)),
                st.one_of(st.none(), st.booleans()))


def table(rows) -> pa.Table:
    return pa.table({"seq": list(range(len(rows))), "s": [r[0] for r in rows], "l": [r[1] for r in rows],
                     "t": pa.array([r[2] for r in rows], pa.timestamp("us", tz="+07:00")),
                     "b": [r[3] for r in rows]}, schema=SCHEMA)


def write(path, parts) -> bytes:
    w = pq.ParquetWriter(path, SCHEMA, **_WRITE)
    for p in parts:
        w.write_table(p, row_group_size=max(1, p.num_rows))
    w.close()
    return path.read_bytes()


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(row, min_size=1, max_size=60), cuts=st.lists(st.integers(1, 59), max_size=6),
       sides=st.lists(st.booleans(), min_size=8, max_size=8))
def test_groups_from_two_files_stitch_to_the_file_written_whole(tmp_path_factory, rows, cuts, sides):
    d = tmp_path_factory.mktemp("st")
    t = table(rows)
    bounds = sorted({0, t.num_rows, *(c for c in cuts if c < t.num_rows)})
    parts = [t.slice(a, b - a) for a, b in zip(bounds, bounds[1:])]
    whole = write(d / "whole.parquet", parts)
    side = sides[: len(parts)]
    write(d / "a.parquet", [p for p, s in zip(parts, side) if s])
    write(d / "b.parquet", [p for p, s in zip(parts, side) if not s])
    s, at = Stitcher(), {True: 0, False: 0}
    for x in side:
        s.add(d / ("a.parquet" if x else "b.parquet"), at[x])
        at[x] += 1
    s.write(d / "out.parquet", template=d / "b.parquet")
    assert (d / "out.parquet").read_bytes() == whole
    assert pq.read_table(d / "out.parquet").equals(t)


def test_footer_decodes_and_encodes_to_the_same_bytes(tmp_path):
    raw = write(tmp_path / "x.parquet", [table([("a", ["b"], 1, True)] * 20)])
    n = struct.unpack("<I", raw[-8:-4])[0]
    assert encode(read_footer(tmp_path / "x.parquet")) == raw[-8 - n:-8]
    assert encode(decode(raw[-8 - n:-8])) == raw[-8 - n:-8]


def test_files_with_page_indexes_are_refused(tmp_path):
    pq.write_table(table([("a", [], None, None)] * 5), tmp_path / "x.parquet", write_page_index=True)
    with pytest.raises(StitchError, match="page indexes"):
        Stitcher().add(tmp_path / "x.parquet", 0)


def test_group_writer_copies_a_base_shard_only_when_its_rows_line_up(tmp_path):
    t = table([(str(i), [], i, i % 2 == 0) for i in range(30)])
    w = GroupWriter(tmp_path / "base.parquet", SCHEMA, row_group=8)
    w.write(t.slice(0, 20))  # shard 0: groups of 8, 8, 4
    w.write(t.slice(20))  # shard 1: 8, 2
    w.close()
    w = GroupWriter(tmp_path / "next.parquet", SCHEMA, row_group=8, base=tmp_path / "base.parquet")
    assert w.base_groups(list(range(20))) == [0, 1, 2]
    assert w.base_groups(list(range(21))) is None  # another cut: not the same rows
    assert w.base_groups(list(range(1, 20))) is None
    w.reuse([0, 1, 2])
    w.write(t.slice(20))
    w.close()
    assert (tmp_path / "next.parquet").read_bytes() == (tmp_path / "base.parquet").read_bytes()
    assert w.reused == 3


def test_group_writer_ignores_a_base_of_another_schema(tmp_path):
    pq.write_table(pa.table({"seq": [1, 2]}), tmp_path / "base.parquet")
    w = GroupWriter(tmp_path / "next.parquet", SCHEMA, row_group=8, base=tmp_path / "base.parquet")
    assert w.base is None and w.base_groups([1, 2]) is None
    w.close()


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(row, min_size=1, max_size=40), new=st.lists(row, min_size=40, max_size=40),
       changed=st.sets(st.sampled_from(["s", "l", "b"]), min_size=1), n=st.integers(1, 9))
def test_a_patched_group_is_the_group_written_with_the_new_values(tmp_path_factory, rows, new, changed, n):
    """Base rows, then the same rows with some fields changed: the base's groups with those
    fields patched give the bytes of the changed rows written whole (a list field included)."""
    d = tmp_path_factory.mktemp("pt")
    old = table(rows)
    cur = old
    for name in changed:
        col = table(new[: len(rows)]).column(name)
        cur = cur.set_column(cur.schema.get_field_index(name), name, col)
    w = GroupWriter(d / "base.parquet", SCHEMA, row_group=n)
    w.write(old)
    w.close()
    w = GroupWriter(d / "whole.parquet", SCHEMA, row_group=n)
    w.write(cur)
    w.close()
    w = GroupWriter(d / "next.parquet", SCHEMA, row_group=n, base=d / "base.parquet")
    groups = w.base_groups(list(range(len(rows))))
    w.patch(groups, cur.select(["seq", *sorted(changed)]))
    w.close()
    assert w.patched == len(groups)
    assert (d / "next.parquet").read_bytes() == (d / "whole.parquet").read_bytes()


def test_a_patch_of_other_rows_is_refused(tmp_path):
    t = table([(str(i), [], i, True) for i in range(10)])
    w = GroupWriter(tmp_path / "base.parquet", SCHEMA, row_group=4)
    w.write(t)
    w.close()
    w = GroupWriter(tmp_path / "next.parquet", SCHEMA, row_group=4, base=tmp_path / "base.parquet")
    with pytest.raises(ValueError, match="a patch of 9 rows"):
        w.patch(w.base_groups(list(range(10))), t.slice(0, 9).select(["seq", "s"]))


@pytest.mark.parametrize("fails", ["exdev", "absent"])
def test_stitch_copies_by_hand_where_the_kernel_cannot(tmp_path, monkeypatch, fails):
    """Without copy_file_range (another OS, or a file system that refuses it) the bytes are the same."""
    import errno
    import os

    t = table([(f"r{i}", ["x"] * (i % 3), i, i % 2 == 0) for i in range(50)])
    parts = [t.slice(0, 20), t.slice(20, 30)]
    whole = write(tmp_path / "whole.parquet", parts)
    write(tmp_path / "a.parquet", parts[:1])
    write(tmp_path / "b.parquet", parts[1:])
    calls = []
    if fails == "exdev":
        def refuse(*a):
            calls.append(a)
            raise OSError(errno.EXDEV, "cross-device")
        monkeypatch.setattr(os, "copy_file_range", refuse)
    else:
        monkeypatch.delattr(os, "copy_file_range")
    s = Stitcher()
    s.add(tmp_path / "a.parquet", 0)
    s.add(tmp_path / "b.parquet", 0)
    s.write(tmp_path / "out.parquet", template=tmp_path / "b.parquet")
    assert (tmp_path / "out.parquet").read_bytes() == whole
    assert (fails == "exdev") == bool(calls)
