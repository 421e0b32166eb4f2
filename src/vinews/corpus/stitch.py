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

import os
import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"PAR1"

# compact protocol type codes
_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(13)

# parquet.thrift field ids used here
_FMD_NUM_ROWS, _FMD_ROW_GROUPS = 3, 4
_RG_COLUMNS, _RG_NUM_ROWS, _RG_FILE_OFFSET, _RG_TOTAL_COMPRESSED, _RG_ORDINAL = 1, 3, 5, 6, 7
_CC_FILE_PATH, _CC_FILE_OFFSET, _CC_META, _CC_OFFSET_INDEX, _CC_COLUMN_INDEX, _CC_CRYPTO = 1, 2, 3, 4, 6, 8
_CC_ENCRYPTED_META = 9
_CMD_TOTAL_COMPRESSED, _CMD_DATA_PAGE, _CMD_INDEX_PAGE, _CMD_DICT_PAGE, _CMD_BLOOM = 7, 9, 10, 11, 14


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
class _Group:
    path: Path
    start: int  # first byte of the group's column chunks
    size: int
    meta: Struct  # its RowGroup


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
            lo = first if lo is None else min(lo, first)
            hi = first + size if hi is None else max(hi, first + size)
            total += size
        if lo is None or hi - lo != total:
            raise StitchError(f"{path}: a row group whose column chunks are not back to back")
        out.append(_Group(path, lo, hi - lo, rg))
    return out


class Stitcher:
    """Row groups of Parquet files (same schema, same writer settings) into one file:
    `add(path, i)` in the order wanted, then `write(out)`."""

    def __init__(self):
        self._files: dict[Path, tuple[Struct, list[_Group]]] = {}
        self._order: list[_Group] = []

    def meta(self, path: Path) -> tuple[Struct, list[_Group]]:
        path = Path(path)
        if path not in self._files:
            m = read_footer(path)
            self._files[path] = (m, _groups(path, m))
        return self._files[path]

    def add(self, path: Path, index: int) -> None:
        self._order.append(self.meta(path)[1][index])

    def write(self, out: Path, template: Path) -> Path:
        """Write the groups added, with `template`'s footer (schema, key-value metadata,
        created_by: a file written with the same schema and settings) less its row groups."""
        head = self.meta(template)[0]
        fields = [[f, t, v] for f, t, v in head.fields]
        foot = Struct(fields)
        groups, at, rows = [], len(MAGIC), 0
        for k, g in enumerate(self._order):
            rg = _shifted(g.meta, at - g.start, k)
            groups.append(rg)
            at += g.size
            rows += rg.get(_RG_NUM_ROWS)
        foot.set(_FMD_ROW_GROUPS, (_STRUCT, groups))
        foot.set(_FMD_NUM_ROWS, rows)
        body = encode(foot)
        tmp = out.with_name(f".{out.name}.stitch{os.getpid()}")
        try:
            with open(tmp, "wb") as w:
                w.write(MAGIC)
                handles: dict[Path, object] = {}
                try:
                    for g in self._order:
                        f = handles.get(g.path) or handles.setdefault(g.path, open(g.path, "rb"))
                        f.seek(g.start)
                        left = g.size
                        while left:
                            chunk = f.read(min(left, 1 << 24))
                            if not chunk:
                                raise StitchError(f"{g.path}: shorter than its footer says")
                            w.write(chunk)
                            left -= len(chunk)
                finally:
                    for f in handles.values():
                        f.close()
                w.write(body)
                w.write(struct.pack("<I", len(body)))
                w.write(MAGIC)
            os.replace(tmp, out)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return out


def _shifted(rg: Struct, shift: int, ordinal: int) -> Struct:
    """A RowGroup's metadata moved by `shift` bytes and renumbered."""
    def move(s: Struct, ids: tuple[int, ...]) -> Struct:  # (0: unset; pyarrow leaves ColumnChunk.file_offset 0)
        return Struct([[f, t, v + shift if f in ids and v else v] for f, t, v in s.fields])

    cols = []
    for cc in rg.get(_RG_COLUMNS)[1]:
        md = move(cc.get(_CC_META), (_CMD_DATA_PAGE, _CMD_DICT_PAGE))
        c = move(cc, (_CC_FILE_OFFSET,))
        c.set(_CC_META, md)
        cols.append(c)
    out = move(rg, (_RG_FILE_OFFSET,))
    out.set(_RG_COLUMNS, (_STRUCT, cols))
    if out.get(_RG_ORDINAL) is not None:
        out.set(_RG_ORDINAL, ordinal)
    return out
