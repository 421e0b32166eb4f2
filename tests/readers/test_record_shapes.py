"""Crawler output in the shapes crawlers write it (issue 12): pretty-printed .json (an object or
an array), capitalised keys, other field names (--text-field & co.), HTML in a text field, and
the crawler's own title and publish time used as hints the page is checked against."""
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vinews.cli import app
from vinews.readers import iter_pages
from vinews.readers.records import FieldMap, looks_like_html, record_to_page

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "samples" / "pages" / "bao-mau-01.txt").read_text(encoding="utf-8")
PARAS = PAGE.split("\n\n")
TITLE = "Hợp tác xã trồng bưởi ở Bến Tre lần đầu xuất khẩu sang châu Âu"
# the same page as a CMS would hand it over in a `content` column: tags and entities
HTML = ("<div class=\"detail\"><h1>" + TITLE + "</h1>\n<p class=\"date\">Thứ Ba, ngày 12/03/2024 | 09:15</p>\n"
        + "\n".join(f"<p style=\"text-align:justify\">{p.replace('é', '&eacute;')}</p>" for p in PARAS[8:15])
        + "\n<p>Ng&agrave;y hội bưởi c&oacute; cả quầy caf&eacute; v&agrave; nước &eacute;p tr&aacute;i c&acirc;y.</p>"
        + f"\n<p>{PARAS[15]}</p>\n</div>")
runner = CliRunner()


def extract(tmp_path, name, content, *args):
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(src), "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_pretty_json_object_and_array(tmp_path):
    one = extract(tmp_path, "one.json", json.dumps({"id": "b1", "text": PAGE}, ensure_ascii=False, indent=2))
    assert [(r["id"], r["title"]) for r in one] == [("b1", TITLE)]
    many = extract(tmp_path, "many.json", json.dumps([{"text": PAGE}, {"text": PAGE}, 7], indent=4))
    assert [r["id"] for r in many] == ["many:0", "many:1", "many:2"]
    assert many[1]["title"] == TITLE and many[2]["kind"] == "rejected"


def test_json_file_holding_jsonl_and_broken_json(tmp_path):
    recs = extract(tmp_path, "lines.json", "\n".join(json.dumps({"text": PAGE}) for _ in range(3)) + "\n")
    assert len(recs) == 3 and recs[0]["title"] == TITLE
    bad = extract(tmp_path, "bad.json", '{"text": "unclosed')
    assert bad[0]["kind"] == "rejected" and bad[0]["reason"].startswith("bad json")


def test_capitalised_keys(tmp_path):
    recs = extract(tmp_path, "caps.jsonl", json.dumps({"ID": "k1", "Url": "https://www.baomau.vn/a.html",
                                                       "Content": PAGE}) + "\n")
    assert recs[0]["id"] == "k1" and recs[0]["url"] == "https://www.baomau.vn/a.html"
    assert recs[0]["site"] == "baomau.vn" and recs[0]["title"] == TITLE


def test_field_flags_name_other_columns(tmp_path):
    rec = {"bai_viet": PAGE, "ma": "x9", "duong_dan": "https://baomau.vn/x9.html", "text": "not this"}
    recs = extract(tmp_path, "f.jsonl", json.dumps(rec) + "\n", "--text-field", "bai_viet", "--id-field", "ma",
                   "--url-field", "duong_dan")
    assert (recs[0]["id"], recs[0]["url"], recs[0]["title"]) == ("x9", "https://baomau.vn/x9.html", TITLE)
    recs = extract(tmp_path, "h.jsonl", json.dumps({"trang": HTML}) + "\n", "--html-field", "trang")
    assert recs[0]["title"] == TITLE


def test_field_flags_reach_parquet_and_build_workers(tmp_path):
    src = tmp_path / "p.parquet"
    pq.write_table(pa.table({"Noi_dung": [PAGE], "Ma": ["q1"]}), src)
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(src), "-o", str(out), "--text-field", "noi_dung", "--id-field", "ma"])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "q1"
    j = tmp_path / "in.jsonl"  # plain JSONL: the build's workers read their own shards
    j.write_text("".join(json.dumps({"ma": f"j{i}", "bai": PAGE.replace("18 tấn", f"{i} tấn")}) + "\n"
                         for i in range(3)), encoding="utf-8")
    res = runner.invoke(app, ["build", str(j), "--out", str(tmp_path / "c"), "--no-annotate",
                              "--text-field", "bai", "--id-field", "ma", "--shard-size", "2"])
    assert res.exit_code == 0, res.output
    pages = pq.read_table(tmp_path / "c" / "pages.parquet").to_pylist()
    assert [p["id"] for p in pages] == ["j0", "j1", "j2"] and {p["kind"] for p in pages} == {"article"}


def test_html_in_a_text_field_is_read_as_html(tmp_path):
    recs = extract(tmp_path, "cms.jsonl", json.dumps({"id": "c1", "content": HTML}) + "\n")
    r = recs[0]
    assert r["kind"] == "article" and r["title"] == TITLE
    text = " ".join([r["lead"] or ""] + r["body"])
    assert "<p" not in text and "&eacute;" not in text and "style=" not in text
    assert "quầy café và nước ép" in text


def test_crawler_title_and_time_are_hints(tmp_path):
    body = "\n\n".join(PARAS[8:15])  # no headline, no dateline: the page alone has neither
    rec = {"text": body, "title": "Bưởi Bến Tre sang châu Âu", "time": "2024-03-12 09:15"}
    r = extract(tmp_path, "t.jsonl", json.dumps(rec) + "\n")[0]
    assert r["title"] == "Bưởi Bến Tre sang châu Âu" and r["published"].startswith("2024-03-12T09:15")
    # the visible dateline wins over a crawler time that disagrees with it
    r = extract(tmp_path, "v.jsonl", json.dumps({"text": PAGE, "published": "2020-01-01"}) + "\n")[0]
    assert r["published"].startswith("2024-03-12")
    r = extract(tmp_path, "e.jsonl", json.dumps({"text": body, "PubDate": 1710209700}) + "\n")[0]  # epoch seconds
    assert r["published"].startswith("2024-03-12T09:15")
    r = extract(tmp_path, "x.jsonl", json.dumps({"text": body, "time": "hôm qua"}) + "\n", "--audit")[0]
    assert r["published"] is None  # no date in it: no hint, the page is read as it is


def test_time_field_flag(tmp_path):
    body = "\n\n".join(PARAS[8:15])
    r = extract(tmp_path, "t.jsonl", json.dumps({"text": body, "ngay_dang": "12/03/2024"}) + "\n",
                "--time-field", "ngay_dang", "--title-field", "tieu_de")[0]
    assert r["published"] == "2024-03-12"


_key = st.sampled_from(["text", "content", "url", "id"]).flatmap(
    lambda k: st.tuples(st.just(k), st.lists(st.booleans(), min_size=len(k), max_size=len(k))))


@settings(max_examples=50, deadline=None)
@given(_key)
def test_any_capitalisation_of_a_known_key_is_that_key(key):
    name, upper = key
    cased = "".join(c.upper() if u else c for c, u in zip(name, upper))
    value = "https://baomau.vn/a" if name == "url" else "p1" if name == "id" else "Một dòng chữ"
    page = record_to_page({cased: value, **({} if name in ("text", "content") else {"text": "x"})}, "d", {})
    got = {"text": page.text, "content": page.text, "url": page.url, "id": page.id}[name]
    assert got == value


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_characters="<"), max_size=300))
def test_text_without_tags_is_never_html(text):
    assert not looks_like_html(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters="<>&"), min_size=1, max_size=40), min_size=2, max_size=6),
       st.sampled_from(["p", "div", "P", "li"]))
def test_text_in_page_tags_is_html(paras, tag):
    assert looks_like_html("".join(f"<{tag} class='x'>{p}</{tag}>" for p in paras))


def test_one_tag_mentioned_in_text_stays_text():
    assert not looks_like_html("Dùng thẻ <b> để in đậm chữ trong bài viết.")
    assert not looks_like_html('Bạn đọc gửi <script>alert("x")</script> và "><img src=x onerror=alert(3)>.')
    page = record_to_page({"text": "Dùng thẻ <b> để in đậm."}, "d", {})
    assert page.html is None and page.text.startswith("Dùng")


def test_fieldmap_reaches_every_record_reader(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"Bai": PAGE}), encoding="utf-8")
    pages = list(iter_pages([tmp_path], fields=FieldMap(text="bai")))
    assert len(pages) == 1 and pages[0].text.startswith("Trang chủ")


_time_value = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
               | st.text(max_size=40) | st.lists(st.integers(), max_size=2)
               | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat()))


@settings(max_examples=150, deadline=None)
@given(_time_value, st.sampled_from(["time", "Published", "DATE", "pubdate"]))
def test_any_crawler_time_is_a_hint_or_a_note_never_a_crash(value, key):
    page = record_to_page({"text": "Một dòng chữ.", key: value}, "d", {})
    assert page.reject_reason is None and page.text == "Một dòng chữ."
    hint = page.meta.get("hints", {}).get("published")
    if hint is not None:
        assert hint[:4].isdigit() and hint[4] == "-"  # ISO 8601
