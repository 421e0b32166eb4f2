import pyarrow as pa
import pyarrow.parquet as pq

from vinews.corpus import finalize
from vinews.corpus.store import PAGE_ROW_GROUP, ROW_GROUP, TableWriter


def test_table_writer_cuts_fixed_row_groups_of_the_size_asked(tmp_path):
    schema = pa.schema([("id", pa.string())])
    w = TableWriter(tmp_path / "t.parquet", schema, row_group=1024)
    for start in range(0, 3000, 700):  # shard sizes must not shape the file
        w.write(pa.table({"id": [str(i) for i in range(start, min(start + 700, 3000))]}))
    md = pq.ParquetFile(w.close()).metadata
    assert [md.row_group(g).num_rows for g in range(md.num_row_groups)] == [1024, 1024, 952]


def test_pages_table_uses_small_row_groups():
    # the article view decodes a page's whole row group at worst: pages.parquet keeps them small
    assert PAGE_ROW_GROUP < ROW_GROUP
    assert "PAGE_ROW_GROUP" in finalize.__dict__
