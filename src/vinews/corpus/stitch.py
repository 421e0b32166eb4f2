"""Parquet files made of row groups of other Parquet files, copied as bytes.

An incremental update rewrites the corpus tables, yet most of their row groups hold the same
rows as before (the old pages' raw text, the old articles' text). Decoding and encoding them
again was most of the update's write stage (3 GB of Arrow data at 100k pages). A row group's
bytes depend only on its rows and the writer's settings (no absolute offsets inside pages), so
a file whose row groups come from several files written with the same schema and settings can be
assembled by copying each group's column chunks and writing a new footer in which only the
offsets and ordinals differ. Done the way pyarrow lays a file out (groups back to back after the
4-byte magic, the footer after the last), the result is byte for byte the file pyarrow would have
written from the same rows: `tests/corpus/test_stitch.py` checks that.

The footer is Thrift's compact protocol (parquet.thrift's FileMetaData). It is decoded into a
generic tree that keeps every field in its order and type, the offsets are shifted, and the tree
encoded again; nothing else is interpreted, so fields this module does not know pass through.
Files with page indexes, bloom filters or encryption (whose offsets point outside the row
group's bytes) are refused: the build writes none of those.
"""
from __future__ import annotations

import errno
import os
import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"PAR1"

# compact protocol type codes
_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(13)

# parquet.thrift field ids used here
_FMD_NUM_ROWS, _FMD_ROW_GROUPS = 3, 4
_RG_COLUMNS, _RG_TOTAL_BYTES, _RG_NUM_ROWS, _RG_FILE_OFFSET, _RG_TOTAL_COMPRESSED, _RG_ORDINAL = 1, 2, 3, 5, 6, 7
_CC_FILE_PATH, _CC_FILE_OFFSET, _CC_META, _CC_OFFSET_INDEX, _CC_COLUMN_INDEX, _CC_CRYPTO = 1, 2, 3, 4, 6, 8
_CC_ENCRYPTED_META = 9
_CMD_PATH, _CMD_TOTAL_UNCOMPRESSED, _CMD_TOTAL_COMPRESSED = 3, 6, 7
_CMD_DATA_PAGE, _CMD_INDEX_PAGE, _CMD_DICT_PAGE, _CMD_BLOOM = 9, 10, 11, 14


class StitchError(ValueError):
    """A file this module cannot copy row groups from (or to) faithfully."""


# ---- Thrift compact protocol: a faithful generic codec ------------------------------------------

@dataclass
class Struct:
    """A decoded struct: its fields as [field id, type code, value], in the order read."""
    fields: list

    def get(self, fid: int):
        for f, _, v in self.fields:
            if f == fid:
                return v
        return None

    def set(self, fid: int, value) -> None:
        for f in self.fields:
            if f[0] == fid:
                f[2] = value
                return
        raise KeyError(fid)


class _Reader:
    def __init__(self, buf: bytes):
        self.buf, self.pos = buf, 0

    def byte(self) -> int:
        b = self.buf[self.pos]
        self.pos += 1
        return b

    def varint(self) -> int:
        shift = out = 0
        while True:
            b = self.byte()
            out |= (b & 0x7F) << shift
            if not b & 0x80:
                return out
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, t: int):
        if t in (_TRUE, _FALSE):  # inside a container: one byte of its own
            return self.byte()
        if t == _BYTE:
            return self.byte()
        if t in (_I16, _I32, _I64):
            return self.zigzag()
        if t == _DOUBLE:
            v = self.buf[self.pos:self.pos + 8]
            self.pos += 8
            return v
        if t == _BINARY:
            n = self.varint()
            v = self.buf[self.pos:self.pos + n]
            self.pos += n
            return v
        if t in (_LIST, _SET):
            head = self.byte()
            n, et = head >> 4, head & 0x0F
            if n == 15:
                n = self.varint()
            return (et, [self.value(et) for _ in range(n)])
        if t == _MAP:
            n = self.varint()
            if not n:
                return (0, [])
            kv = self.byte()
            kt, vt = kv >> 4, kv & 0x0F
            return (kv, [(self.value(kt), self.value(vt)) for _ in range(n)])
        if t == _STRUCT:
            return self.struct()
        raise StitchError(f"unknown Thrift compact type {t}")

    def struct(self) -> Struct:
        fields, last = [], 0
        while True:
            head = self.byte()
            t = head & 0x0F
            if t == _STOP:
                return Struct(fields)
            delta = head >> 4
            fid = last + delta if delta else self.zigzag()
            if t in (_TRUE, _FALSE):
                fields.append([fid, t, t == _TRUE])
            else:
                fields.append([fid, t, self.value(t)])
            last = fid


class _Writer:
    def __init__(self):
        self.out = bytearray()

    def varint(self, n: int) -> None:
        while True:
            b = n & 0x7F
            n >>= 7
            if n:
                self.out.append(b | 0x80)
            else:
                self.out.append(b)
                return

    def zigzag(self, n: int) -> None:
        self.varint((n << 1) ^ (n >> 63))

    def value(self, t: int, v) -> None:
        if t in (_TRUE, _FALSE, _BYTE):
            self.out.append(v)
        elif t in (_I16, _I32, _I64):
            self.zigzag(v)
        elif t == _DOUBLE:
            self.out += v
        elif t == _BINARY:
            self.varint(len(v))
            self.out += v
        elif t in (_LIST, _SET):
            et, items = v
            if len(items) < 15:
                self.out.append(len(items) << 4 | et)
            else:
                self.out.append(0xF0 | et)
                self.varint(len(items))
            for x in items:
                self.value(et, x)
        elif t == _MAP:
            kv, items = v
            self.varint(len(items))
            if items:
                self.out.append(kv)
                for k, x in items:
                    self.value(kv >> 4, k)
                    self.value(kv & 0x0F, x)
        elif t == _STRUCT:
            self.struct(v)
        else:
            raise StitchError(f"unknown Thrift compact type {t}")

    def struct(self, s: Struct) -> None:
        last = 0
        for fid, t, v in s.fields:
            code = (_TRUE if v else _FALSE) if t in (_TRUE, _FALSE) else t
            if 0 < fid - last <= 15:
                self.out.append((fid - last) << 4 | code)
            else:
                self.out.append(code)
                self.zigzag(fid)
            if t not in (_TRUE, _FALSE):
                self.value(t, v)
            last = fid
        self.out.append(_STOP)


def decode(buf: bytes) -> Struct:
    return _Reader(buf).struct()


def encode(s: Struct) -> bytes:
    w = _Writer()
    w.struct(s)
    return bytes(w.out)


# ---- row groups -----------------------------------------------------------------------------

@dataclass
class _Column:
    path: Path
    start: int  # its first byte (dictionary page, else first data page)
    size: int
    meta: Struct  # its ColumnChunk

    @property
    def name(self) -> str:
        """The top-level field the column chunk belongs to (a list's leaf: the list's name)."""
        return self.meta.get(_CC_META).get(_CMD_PATH)[1][0].decode()


@dataclass
class _Group:
    meta: Struct  # its RowGroup
    columns: list[_Column]  # its column chunks, back to back in the file


def read_footer(path: Path) -> Struct:
    with open(path, "rb") as f:
        f.seek(-8, os.SEEK_END)
        tail = f.read(8)
        if tail[4:] != MAGIC:
            raise StitchError(f"{path}: not a Parquet file")
        n = struct.unpack("<I", tail[:4])[0]
        f.seek(-8 - n, os.SEEK_END)
        return decode(f.read(n))


def _groups(path: Path, meta: Struct) -> list[_Group]:
    out = []
    for rg in meta.get(_FMD_ROW_GROUPS)[1]:
        lo = hi = None
        total = 0
        cols = []
        for cc in rg.get(_RG_COLUMNS)[1]:
            if any(cc.get(f) is not None for f in (_CC_FILE_PATH, _CC_OFFSET_INDEX, _CC_COLUMN_INDEX, _CC_CRYPTO,
                                                    _CC_ENCRYPTED_META)):
                raise StitchError(f"{path}: column chunks with page indexes, external files or encryption")
            md = cc.get(_CC_META)
            if md.get(_CMD_BLOOM) is not None or md.get(_CMD_INDEX_PAGE) is not None:
                raise StitchError(f"{path}: bloom filters or index pages")
            dict_at, data_at = md.get(_CMD_DICT_PAGE), md.get(_CMD_DATA_PAGE)
            first = dict_at if dict_at is not None else data_at
            size = md.get(_CMD_TOTAL_COMPRESSED)
            cols.append(_Column(path, first, size, cc))
            lo = first if lo is None else min(lo, first)
            hi = first + size if hi is None else max(hi, first + size)
            total += size
        if lo is None or hi - lo != total:
            raise StitchError(f"{path}: a row group whose column chunks are not back to back")
        out.append(_Group(rg, cols))
    return out


class Stitcher:
    """Row groups of Parquet files (same schema, same writer settings) into one file:
    `add(path, i)` (or `add_patched`) in the order wanted, then `write(out)`."""

    def __init__(self):
        self._files: dict[Path, tuple[Struct, list[_Group]]] = {}
        self._order: list[tuple[Struct, list[_Column]]] = []  # (a RowGroup, its column chunks in order)

    def meta(self, path: Path) -> tuple[Struct, list[_Group]]:
        path = Path(path)
        if path not in self._files:
            m = read_footer(path)
            self._files[path] = (m, _groups(path, m))
        return self._files[path]

    def add(self, path: Path, index: int) -> None:
        g = self.meta(path)[1][index]
        self._order.append((g.meta, g.columns))

    def add_patched(self, path: Path, index: int, patch: Path, patch_index: int) -> None:
        """Row group `index` of `path` with the column chunks of the fields that row group
        `patch_index` of `patch` holds (a file of some of the fields, the same rows) taken from
        there: a column chunk's bytes depend only on its own values, so the group is the one a
        writer would give for the rows with those fields' new values."""
        g, p = self.meta(path)[1][index], self.meta(patch)[1][patch_index]
        if g.meta.get(_RG_NUM_ROWS) != p.meta.get(_RG_NUM_ROWS):
            raise StitchError(f"{patch}: row group {patch_index} has other rows than {path}'s {index}")
        by_name: dict[str, list[_Column]] = {}
        for c in p.columns:
            by_name.setdefault(c.name, []).append(c)
        cols, used = [], set()
        for c in g.columns:
            if c.name in by_name:
                if c.name not in used:
                    cols.extend(by_name[c.name])
                    used.add(c.name)
            else:
                cols.append(c)
        if used != set(by_name) or len(cols) != len(g.columns):
            raise StitchError(f"{patch}: fields or leaves that {path} does not have")
        self._order.append((g.meta, cols))

    def write(self, out: Path, template: Path) -> Path:
        """Write the groups added, with `template`'s footer (schema, key-value metadata,
        created_by: a file written with the same schema and settings) less its row groups."""
        head = self.meta(template)[0]
        fields = [[f, t, v] for f, t, v in head.fields]
        foot = Struct(fields)
        groups, at, rows = [], len(MAGIC), 0
        for k, (rg, cols) in enumerate(self._order):
            groups.append(_placed(rg, cols, at, k))
            at += sum(c.size for c in cols)
            rows += rg.get(_RG_NUM_ROWS)
        foot.set(_FMD_ROW_GROUPS, (_STRUCT, groups))
        foot.set(_FMD_NUM_ROWS, rows)
        body = encode(foot)
        runs: list[list] = []  # [path, start, size]: column chunks back to back in one file, read at once
        for _, cols in self._order:
            for c in cols:
                if runs and runs[-1][0] == c.path and runs[-1][1] + runs[-1][2] == c.start:
                    runs[-1][2] += c.size
                else:
                    runs.append([c.path, c.start, c.size])
        tmp = out.with_name(f".{out.name}.stitch{os.getpid()}")
        try:
            with open(tmp, "wb", buffering=0) as w:  # unbuffered: the runs are copied on the file descriptor
                _write_all(w, MAGIC)
                handles: dict[Path, object] = {}
                try:
                    for path, start, size in runs:
                        f = handles.get(path) or handles.setdefault(path, open(path, "rb", buffering=0))
                        _copy_range(f, w, start, size, path)
                finally:
                    for f in handles.values():
                        f.close()
                _write_all(w, body + struct.pack("<I", len(body)) + MAGIC)
            os.replace(tmp, out)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return out


def _copy_range(src, dst, start: int, size: int, path: Path) -> None:
    """`size` bytes of `src` from `start` appended to `dst` (both unbuffered). In the kernel
    (os.copy_file_range: no trip through Python's memory, 5-6x faster for the hundreds of MB
    an update copies, a reflink on file systems that share blocks), else read and written."""
    at, left = start, size
    if hasattr(os, "copy_file_range"):
        try:
            while left:
                n = os.copy_file_range(src.fileno(), dst.fileno(), left, at)
                if n == 0:
                    raise StitchError(f"{path}: shorter than its footer says")
                at, left = at + n, left - n
            return
        except OSError as e:  # not on this file system or kernel (EXDEV, ENOSYS, EINVAL...): copy by hand
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ETXTBSY):
                raise
    src.seek(at)
    while left:
        chunk = src.read(min(left, 1 << 24))
        if not chunk:
            raise StitchError(f"{path}: shorter than its footer says")
        _write_all(dst, chunk)
        at, left = at + len(chunk), left - len(chunk)


def _write_all(f, data: bytes) -> None:
    """An unbuffered file's write may take part of the bytes."""
    view = memoryview(data)
    while view:
        view = view[f.write(view):]


def _placed(rg: Struct, cols: list[_Column], at: int, ordinal: int) -> Struct:
    """A RowGroup's metadata for its column chunks `cols` written back to back from byte `at`,
    with its sizes and offset computed as parquet-cpp does (total_byte_size: the chunks'
    uncompressed sizes; file_offset: the first chunk's dictionary page, else data page)."""
    def move(s: Struct, ids: tuple[int, ...], shift: int) -> Struct:  # (0: unset; pyarrow leaves ColumnChunk.file_offset 0)
        return Struct([[f, t, v + shift if f in ids and v else v] for f, t, v in s.fields])

    out_cols, first = [], at
    for c in cols:
        shift = at - c.start
        md = move(c.meta.get(_CC_META), (_CMD_DATA_PAGE, _CMD_DICT_PAGE), shift)
        cc = move(c.meta, (_CC_FILE_OFFSET,), shift)
        cc.set(_CC_META, md)
        out_cols.append(cc)
        at += c.size
    out = Struct([[f, t, v] for f, t, v in rg.fields])
    out.set(_RG_COLUMNS, (_STRUCT, out_cols))
    if out.get(_RG_FILE_OFFSET) is not None:
        out.set(_RG_FILE_OFFSET, first)
    if out.get(_RG_TOTAL_BYTES) is not None:
        out.set(_RG_TOTAL_BYTES, sum(cc.get(_CC_META).get(_CMD_TOTAL_UNCOMPRESSED) for cc in out_cols))
    if out.get(_RG_TOTAL_COMPRESSED) is not None:
        out.set(_RG_TOTAL_COMPRESSED, sum(c.size for c in cols))
    if out.get(_RG_ORDINAL) is not None:
        out.set(_RG_ORDINAL, ordinal)
    return out
