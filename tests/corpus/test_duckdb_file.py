"""vinews.duckdb opens in the DuckDB CLI users install from PyPI (an older storage format than
the Python package writes by default) and survives `mv` of the corpus folder (issue 12)."""
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vinews.corpus.schema import DUCKDB_FILE, TABLES
from vinews.corpus.store import connect, write_duckdb

CLI_MAX_STORAGE = 68  # the newest storage version duckdb-cli 1.5 (PyPI) reads


def corpus(path: Path) -> Path:
    path.mkdir()
    for i, name in enumerate(TABLES):
        pq.write_table(pa.table({"n": list(range(i + 1))}), path / f"{name}.parquet")
    write_duckdb(path, list(TABLES), DUCKDB_FILE)
    return path


def storage_version(db: Path) -> int:
    head = db.read_bytes()[:20]
    assert head[8:12] == b"DUCK"
    return struct.unpack("<Q", head[12:20])[0]


def test_views_survive_a_move_and_a_copy(tmp_path, monkeypatch):
    old = corpus(tmp_path / "c")
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    shutil.move(str(old), str(moved))
    copy = tmp_path / "copy"
    shutil.copytree(moved, copy)
    pq.write_table(pa.table({"n": list(range(9))}), copy / "articles.parquet")  # the copy's own files
    monkeypatch.chdir(tmp_path)
    con = connect(moved)
    assert [con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES] == list(range(1, len(TABLES) + 1))
    assert connect(copy).execute("select count(*) from articles").fetchone()[0] == 9
    monkeypatch.chdir(moved)  # from inside the folder, no setting is needed
    import duckdb

    assert duckdb.connect(DUCKDB_FILE, read_only=True).execute("select count(*) from pages").fetchone()[0] == 2


def test_storage_format_is_one_older_clis_read(tmp_path):
    assert storage_version(corpus(tmp_path / "c") / DUCKDB_FILE) <= CLI_MAX_STORAGE


def duckdb_cli() -> str | None:
    beside = Path(sys.executable).with_name("duckdb")  # the duckdb-cli package of the test extra
    return str(beside) if beside.exists() else shutil.which("duckdb")


@pytest.mark.skipif(duckdb_cli() is None, reason="no duckdb CLI installed (pip install duckdb-cli)")
def test_the_duckdb_cli_opens_a_moved_corpus(tmp_path):
    c = corpus(tmp_path / "c")
    moved = tmp_path / "m"
    os.rename(c, moved)
    res = subprocess.run([duckdb_cli(), "-csv", "-noheader", "-cmd", f"SET file_search_path='{moved}'",
                          str(moved / DUCKDB_FILE), "select count(*) from entities"],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == str(len(TABLES))
    res = subprocess.run([duckdb_cli(), "-csv", "-noheader", DUCKDB_FILE, "select count(*) from articles"],
                         capture_output=True, text=True, timeout=60, cwd=moved)
    assert res.returncode == 0 and res.stdout.strip() == "1", res.stderr
