"""Files of the work folder and the corpus: deterministic Parquet, atomic writes, DuckDB.

Every file is written under a temporary name and renamed into place, so a killed build leaves
either a complete file (or shard folder) or nothing; a rerun skips what exists.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
from bisect import bisect_left
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

# Fixed writer settings: the same rows give the same bytes on every run and engine.
_WRITE = dict(compression="zstd", compression_level=1, use_dictionary=True, write_statistics=True,
              data_page_size=1 << 20)
ROW_GROUP = 10000  # rows per row group: bounds what the writer buffers
# pages.parquet holds each page's raw text: the article view reads one page out of its row group,
# so its groups are small (the view decodes at most this many raw pages, 64 at a time)
PAGE_ROW_GROUP = 1024
# articles.parquet: an update that strips a changed boilerplate line from one article of a shard
# encodes that article's row group anew and copies the shard's others (finalize), so a group is
# a part of a shard, not all of it (~1,900 articles). Measured on a 95k-article table (2-core dev
# machine): groups of 10,000 / 2,000 / 1,024 / 512 rows: 303 / 307 / 309 / 315 MB, written in
# 3.8 / 4.0 / 3.9 / 4.3 s, a DuckDB group-by in 7 / 9 / 14 / 23 ms: 1,024 halves what such a
# shard re-encodes for under 1% more bytes than groups of a whole shard.
ARTICLE_ROW_GROUP = 1024


def prepare_build_process() -> None:
    """A build's process settings, made when a build starts (build_corpus in the driver, the
    executors in their workers); importing this module changes nothing. Two of them:
    - the garbage collector's thresholds for a long job (vinews.process);
    - jemalloc as the Arrow memory pool: Arrow's default allocator here (mimalloc) kept the
      buffers the build had freed (the driver writing the tables of 100k pages held 570 MB
      with it, 380 MB with jemalloc, which gives memory back). ARROW_DEFAULT_MEMORY_POOL,
      when set, still decides."""
    from ..process import tune_gc

    tune_gc()
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except (NotImplementedError, AttributeError):  # a pyarrow built without jemalloc
        pass


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp{os.getpid()}")


def group_cuts(n: int, row_group: int) -> list[tuple[int, int]]:
    """(offset, rows) of the row groups a writer cuts n rows into, `row_group` rows each but the
    last: pyarrow's row_group_size (write_table) and GroupWriter.write cut alike."""
    return [(i, min(row_group, n - i)) for i in range(0, n, row_group)]


def write_table(table: pa.Table, path: Path | str, row_group: int = ROW_GROUP) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    pq.write_table(table, tmp, row_group_size=row_group, **_WRITE)
    os.replace(tmp, path)
    return path


def write_text(path: Path | str, text: str) -> Path:
    """A small file (stats.json, the resume manifest) written whole or not at all: a temp file
    beside it, then a rename (a kill or a full disk never leaves half a file under its name)."""
    path = Path(path)
    tmp = _tmp(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_table(path: Path | str, columns: list[str] | None = None) -> pa.Table:
    return pq.read_table(path, columns=columns, memory_map=True)


def from_rows(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()


class _ParquetOut:
    """A Parquet file being written under a temporary name, in row groups of `row_group` rows."""

    def __init__(self, path: Path | str, schema: pa.Schema, row_group: int = ROW_GROUP):
        self.path = Path(path)
        self.row_group = row_group
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self._tmp = _tmp(self.path)
        self._writer = pq.ParquetWriter(self._tmp, schema, **_WRITE)


class TableWriter(_ParquetOut):
    """Stream batches into one Parquet file; it appears under its name only on close()."""

    def __init__(self, path: Path | str, schema: pa.Schema, row_group: int = ROW_GROUP):
        super().__init__(path, schema, row_group)
        self._pending: list[pa.Table] = []
        self._rows = 0

    def write(self, table: pa.Table) -> None:
        # Re-chunk to fixed row groups so the file layout does not depend on shard sizes.
        self._pending.append(table.select(self.schema.names).cast(self.schema))
        self._rows += table.num_rows
        while self._rows >= self.row_group:
            self._flush(self.row_group)

    def _flush(self, n: int) -> None:
        t = pa.concat_tables(self._pending)
        self._writer.write_table(t.slice(0, n), row_group_size=self.row_group)
        rest = t.slice(n)
        self._pending, self._rows = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self) -> Path:
        if self._rows:
            self._flush(self._rows)
        self._writer.close()
        os.replace(self._tmp, self.path)
        return self.path


def _as_read(schema: pa.Schema) -> pa.Schema:
    """`schema` as a Parquet file written with it reads back (lists' items named 'element')."""
    buf = pa.BufferOutputStream()
    pq.write_table(schema.empty_table(), buf, **_WRITE)
    return pq.ParquetFile(pa.BufferReader(buf.getvalue())).schema_arrow


class GroupWriter(_ParquetOut):
    """One corpus table written a shard at a time, each shard in row groups of its own (split
    every `row_group` rows), so that a shard whose rows are those of an earlier version of the
    table (`base`, the corpus an update starts from) is copied from it as bytes (stitch.py)
    instead of being decoded and encoded again. A full build and an update that copies give the
    same bytes: a row group's bytes depend only on its rows.

    `base_groups(seqs)`: the base's row groups holding exactly the rows `seqs` (by the `seq`
    column's statistics), or None; `reuse(groups)` puts them next; `patch(groups, table)` puts
    them next with the fields of `table` (the same rows, some fields) encoded anew and the rest
    copied; `write(table)` encodes."""

    def __init__(self, path: Path | str, schema: pa.Schema, row_group: int = ROW_GROUP, base: Path | None = None):
        super().__init__(path, schema, row_group)
        self._plan: list[tuple[str, int, int]] = []  # (fresh / base / patched, row group index, patch's)
        self._fresh = 0
        self._light: pq.ParquetWriter | None = None  # the patches' fields
        self._light_tmp = self._tmp.with_name(self._tmp.name + ".patch")
        self.base, self._spans, self._base_path = None, [], base
        if base is not None and base.exists():
            f = pq.ParquetFile(base)
            if f.schema_arrow.equals(_as_read(schema), check_metadata=True):
                self.base = f
                md, col = f.metadata, f.schema_arrow.get_field_index("seq")
                for i in range(md.num_row_groups):
                    st = md.row_group(i).column(col).statistics
                    if st is None or not st.has_min_max:
                        self.base, self._spans = None, []
                        break
                    self._spans.append((st.min, st.max, md.row_group(i).num_rows))
        self.reused = self.patched = 0

    def _sizes(self, n: int) -> list[int]:
        return [rows for _, rows in self.cuts(n)]

    @property
    def encoded(self) -> int:
        """Row groups encoded here (not copied or patched from the base)."""
        return self._fresh

    def cuts(self, n: int) -> list[tuple[int, int]]:
        """(offset, rows) of the row groups write() cuts a table of n rows into."""
        return group_cuts(n, self.row_group)

    def base_groups(self, seqs: "list[int]") -> list[int] | None:
        """Indices of the base's row groups that hold rows with exactly these seqs (sorted), cut
        as write() would cut them; None when there are none such."""
        if self.base is None or not seqs:
            return None
        lo = bisect_left(self._spans, (seqs[0],))
        sizes = self._sizes(len(seqs))
        idx = list(range(lo, lo + len(sizes)))
        if idx[-1] >= len(self._spans):
            return None
        at = 0
        for i, n in zip(idx, sizes):
            mn, mx, rows = self._spans[i]
            if rows != n or mn != seqs[at] or mx != seqs[at + n - 1]:
                return None
            at += n
        return idx

    def read_base(self, groups: list[int], columns: list[str]) -> pa.Table:
        return self.base.read_row_groups(groups, columns=columns)

    def reuse(self, groups: list[int]) -> None:
        self._plan.extend(("base", i, 0) for i in groups)
        self.reused += len(groups)

    def patch(self, groups: list[int], table: pa.Table) -> None:
        """The base's row groups `groups` (from base_groups of `table`'s seqs) with the fields
        `table` has taken from it: one patch file, so every patch must have the same fields."""
        fields = pa.schema([self.schema.field(n) for n in self.schema.names if n in table.column_names])
        if self._light is not None and not self._light.schema.equals(fields):
            raise ValueError(f"patches of other fields: {fields.names}, not {self._light.schema.names}")
        sizes = [self.base.metadata.row_group(i).num_rows for i in groups]
        if sum(sizes) != table.num_rows:
            raise ValueError(f"a patch of {table.num_rows} rows for row groups of {sum(sizes)}")
        table = table.select(fields.names).cast(fields).combine_chunks()  # (write's note)
        if self._light is None:
            self._light = pq.ParquetWriter(self._light_tmp, fields, **_WRITE)
        at = 0
        for i, n in zip(groups, sizes):
            self._light.write_table(table.slice(at, n), row_group_size=n)
            self._plan.append(("patched", i, self.patched))  # the patch file's row groups: one per patched group
            self.patched += 1
            at += n

    def write(self, table: pa.Table) -> None:
        # one chunk per column: the writer checks its page and dictionary limits per chunk, so
        # the same rows in other chunks (read from a file of several row groups) give other bytes
        table = table.select(self.schema.names).cast(self.schema).combine_chunks()
        for i, n in self.cuts(table.num_rows):
            self._writer.write_table(table.slice(i, n), row_group_size=n)
            self._plan.append(("fresh", self._fresh, 0))
            self._fresh += 1

    def close(self) -> Path:
        self._writer.close()
        if self._light is not None:
            self._light.close()
        if self.base is not None:
            self.base.close()
        if not self.reused and not self.patched:
            os.replace(self._tmp, self.path)
            return self.path
        from .stitch import Stitcher

        s = Stitcher()
        for how, i, j in self._plan:
            if how == "patched":
                s.add_patched(self._base_path, i, self._light_tmp, j)
            else:
                s.add(self._base_path if how == "base" else self._tmp, i)
        try:
            s.write(self.path, template=self._tmp)
        finally:
            self._tmp.unlink(missing_ok=True)
            self._light_tmp.unlink(missing_ok=True)
        return self.path


@contextmanager
def atomic_dir(final: Path) -> Iterator[Path]:
    """A shard folder: filled under a temporary name, renamed when complete (the done marker)."""
    tmp = final.with_name(f".{final.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        if final.exists():  # another try finished first: same content, keep it
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def clean_temporaries(root: Path) -> None:
    """Remove what killed runs left half-written (names starting with '.' and containing .tmp)."""
    if root.exists():
        for p in sorted(root.rglob(".*.tmp*"), reverse=True):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


LOCK_FILE = ".vinews.lock"
_STALE = re.compile(r"\..+\.tmp\d+(\.wal)?")  # what _tmp and atomic_dir name, plus DuckDB's log


class CorpusLocked(RuntimeError):
    """Another build holds the corpus folder."""


def lock_corpus(out: Path):
    """Take the corpus folder for one build: an exclusive, non-blocking flock on OUT/.vinews.lock,
    held while the returned file stays open (two builds into one folder overwrote each other's
    work files). Raises CorpusLocked at once when another process holds it. Then removes the
    temporaries that killed or failed runs left in the folder (a full disk in the final write,
    kill -9): under the lock no live build owns them."""
    out.mkdir(parents=True, exist_ok=True)
    fh = open(out / LOCK_FILE, "a+")
    try:
        import fcntl
    except ImportError:  # no flock (Windows): unlocked, as before
        fcntl = None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                    raise  # no locks on this file system (ENOLCK on some NFS): not "another build"
                fh.seek(0)
                holder = fh.read().strip()
                raise CorpusLocked(f"{out} is being built by another process{f' (pid {holder})' if holder else ''}; "
                                   "wait for it to finish or choose another --out") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        clean_stale(out)
    except BaseException:
        fh.close()  # the lock goes with the file: never held by a build that did not start
        raise
    return fh


def clean_stale(out: Path) -> None:
    """Remove `.NAME.tmpPID` files and folders at the top of a corpus folder (_work has its own
    clean_temporaries)."""
    for p in out.iterdir():
        if _STALE.fullmatch(p.name):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() and not p.is_symlink() else p.unlink(missing_ok=True)


# The DuckDB storage format written: v1.0.0 is read by every DuckDB from 1.0 on (the duckdb-cli on
# PyPI included, which reads storage versions up to 68; a file in the newest format is 69 or
# later). A file of views needs nothing newer.
DUCKDB_STORAGE_VERSION = "v1.0.0"


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def write_duckdb(corpus_dir: Path, tables: list[str], db_name: str,
                 storage_version: str = DUCKDB_STORAGE_VERSION) -> Path:
    """A DuckDB file with one view per Parquet table, so SQL on the corpus works at once. Views,
    not copies: copying a million pages' text took minutes and doubled the disk. The views name
    their files relative to the corpus folder, so a moved or copied folder reads its own
    files: open it from inside the folder (`cd corpus && duckdb vinews.duckdb`) or set the
    folder as DuckDB's file_search_path (`duckdb -cmd "SET file_search_path='corpus'"
    corpus/vinews.duckdb`; `connect` below does that). Written in `storage_version`'s format,
    so older DuckDB releases open it."""
    import duckdb

    path = corpus_dir / db_name
    tmp = _tmp(path)
    tmp.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        # the views are bound (their files found) where they are made: from the corpus folder
        con.execute(f"SET file_search_path = {_sql_str(str(corpus_dir.resolve()))}")
        try:
            con.execute(f"ATTACH {_sql_str(str(tmp))} AS corpus (STORAGE_VERSION {_sql_str(storage_version)})")
        except duckdb.Error:  # a DuckDB before 1.2 has no STORAGE_VERSION: it writes an old format anyway
            tmp.unlink(missing_ok=True)
            con.execute(f"ATTACH {_sql_str(str(tmp))} AS corpus")
        for name in tables:
            con.execute(f"CREATE VIEW corpus.{name} AS SELECT * FROM read_parquet({_sql_str(name + '.parquet')})")
        con.execute("DETACH corpus")
    finally:
        con.close()
    os.replace(tmp, path)
    Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return path


def connect(corpus_dir: Path | str, db_name: str = "vinews.duckdb"):
    """A read-only DuckDB connection to CORPUS_DIR/vinews.duckdb whose views read the folder's
    own Parquet files, wherever the folder is now and whatever the working directory."""
    import duckdb

    corpus_dir = Path(corpus_dir)
    con = duckdb.connect(str(corpus_dir / db_name), read_only=True)
    con.execute(f"SET file_search_path = {_sql_str(str(corpus_dir.resolve()))}")
    return con
