"""Hostile input at the reader edge: every record gives exactly one page, whatever it holds; a
bad one is rejected with a reason and nothing after it is lost."""
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinews.readers import expand, read_path
from vinews.readers.records import read_jsonl

TEXT = "Chợ Bến Thành\n\nSáng nay chợ đông khách, các sạp rau quả và cá tươi bán hết sớm."

# Any JSON value, any Unicode (lone surrogates included: `"\ud800"` is valid JSON).
any_text = st.text(st.characters(codec=None, blacklist_categories=()), max_size=20)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(any_text, kids, max_size=4),
    max_leaves=12)
FIELDS = ("id", "url", "site", "fetched", "text", "html", "content")


def _utf8_ok(page) -> None:
    for v in (page.id, page.url, page.site, page.fetched, page.text, page.html, page.reject_reason):
        assert v is None or isinstance(v, str)
        if v:
            v.encode("utf-8")  # no lone surrogate gets past the reader


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=5), min_size=1, max_size=5))
def test_any_json_in_any_field_gives_one_page_each(tmp_path_factory, recs):
    path = tmp_path_factory.mktemp("j") / "dump.jsonl"
    lines = [json.dumps(r, ensure_ascii=True) for r in recs] + [json.dumps({"id": "last", "text": TEXT})]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    pages = list(read_path(path))
    assert len(pages) == len(lines)
    assert pages[-1].id == "last" and pages[-1].text.startswith("Chợ Bến Thành")
    for p in pages:
        _utf8_ok(p)


def test_lone_surrogate_is_replaced_not_fatal(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "text": "Hà Nội \\ud800 mưa to"}\n'
                    '{"id": "b\\udfff", "site": "x\\ud83d.vn", "html": "<p>Đà Nẵng \\udc00 nắng</p>"}\n'
                    + json.dumps({"id": "c", "text": TEXT}) + "\n", encoding="utf-8")
    a, b, c = read_path(path)
    assert a.text == "Hà Nội \ufffd mưa to" and not a.reject_reason
    assert b.id == "b\ufffd" and b.site == "x\ufffd.vn" and "\ufffd" in b.html
    assert c.text.startswith("Chợ")


def test_non_string_text_is_rejected_not_its_repr(tmp_path):
    path = tmp_path / "t.jsonl"
    recs = [{"id": "n", "text": 12345}, {"id": "l", "text": ["Hà", "Nội"]}, {"id": "h", "html": {"a": 1}},
            {"id": "ok", "text": TEXT}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    n, l, h, ok = read_path(path)
    assert n.reject_reason == "bad record: field 'text' is int, not a string" and n.text == ""
    assert "list" in l.reject_reason and "dict" in h.reject_reason
    assert ok.text.startswith("Chợ") and not ok.reject_reason


def test_non_string_metadata_is_ignored_with_a_note(tmp_path):
    path = tmp_path / "m.jsonl"
    recs = [{"id": ["q"], "site": 5, "url": {"u": 1}, "fetched": [2024], "text": TEXT},
            {"id": 7, "site": ["a.vn"], "fetched": 1700000000, "text": TEXT}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    a, b = read_path(path)
    assert (a.id, a.site, a.url, a.fetched) == ("m:0", None, None, None) and not a.reject_reason
    assert set(a.meta["notes"]) == {"id: list ignored", "site: int ignored", "url: dict ignored",
                                    "fetched: list ignored"}
    assert (b.id, b.site, b.fetched) == ("7", None, "1700000000")


def test_binary_parquet_columns(tmp_path):
    path = tmp_path / "b.parquet"
    pq.write_table(pa.table({"id": [b"r0", b"r1"], "site": [b"bao.vn", b"\xff\xfe"],
                             "text": [TEXT.encode(), b"\xffHu\xe1\xba\xbf"]}), path)
    a, b = read_path(path)
    assert (a.id, a.site) == ("r0", "bao.vn") and a.text.startswith("Chợ")
    assert b.site == "\ufffd\ufffd" and b.text.startswith("\ufffdHuế")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.sampled_from([1500, 20_000, 100_000]), opener=st.sampled_from(["[", '{"a":']))
def test_deep_nesting_is_one_rejected_row_and_reading_goes_on(tmp_path, depth, opener):
    closer = "]" if opener == "[" else "}"
    path = tmp_path / f"deep{depth}.jsonl"
    path.write_text(opener * depth + closer * depth + "\n" + json.dumps({"id": "after", "text": TEXT}) + "\n")
    deep, after = read_jsonl(path)
    assert deep.reject_reason and after.id == "after" and after.text
    if depth > 10_000:  # past the parser's stack: said so, where RecursionError used to end the file
        assert deep.reject_reason == "bad json: nested too deep"


def test_corrupt_row_group_loses_only_its_rows(tmp_path):
    n = 6
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(n)], "text": [f"{TEXT} {i}" for i in range(n)]}),
                   path, row_group_size=2, compression="none")
    col = pq.ParquetFile(path).metadata.row_group(1).column(1)
    off, size = col.dictionary_page_offset or col.data_page_offset, col.total_compressed_size
    data = bytearray(path.read_bytes())
    data[off:off + size] = b"\xff" * size
    path.write_bytes(bytes(data))
    pages = list(read_path(path))
    assert [p.id for p in pages] == ["r0", "r1", "c:2", "c:3", "r4", "r5"]
    assert all(p.reject_reason.startswith("corrupt parquet row group 1") for p in pages[2:4])
    assert all(p.text and not p.reject_reason for p in pages[:2] + pages[4:])


def test_unreadable_folder_and_dangling_symlink_are_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "notes.bin").symlink_to(tmp_path / "nowhere.bin")  # no reader: skipped, and said so
    real_scandir = os.scandir

    def scandir(p="."):
        if Path(p).name == "locked":  # what a folder without read permission does (tests run as root)
            raise PermissionError(13, "Permission denied", str(p))
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    skipped = []
    assert expand([tmp_path], skipped=skipped) == [tmp_path / "a.txt"]
    assert skipped == [(tmp_path / "gone.txt", "dangling symlink"),
                       (tmp_path / "locked", "unreadable folder: Permission denied"),
                       (tmp_path / "notes.bin", "unknown file type")]


def test_unreadable_listed_file_is_a_rejected_row(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "secret.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    real_open = builtins.open

    def deny(file, *a, **k):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", deny)
    (page,) = read_path(path)
    assert page.id == "secret" and page.reject_reason == "unreadable: Permission denied"


def test_undecodable_file_name_gives_a_utf8_id(tmp_path):
    name = os.fsdecode(b"tin-\xff.txt")  # a surrogate escape in the str
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (page,) = read_path(tmp_path / name)
    assert page.id == "tin-\ufffd" and page.text
