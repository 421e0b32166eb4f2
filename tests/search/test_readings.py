"""Unaccented queries read as the corpus writes them: "viet nam" is "Việt Nam", not "năm"."""
from vinews.search import Searcher
from vinews.search.index import INDEX_DIR, write_index
from vinews.search.readings import count, read_as, write

ROWS = [
    {"id": "years", "title": "Bài viết về mùa vụ",
     "text": "Năm nay lúa được mùa. Năm ngoái mất mùa, năm trước hạn hán, năm tới còn chưa biết, năm sau sẽ khác."},
    {"id": "country", "title": "Xuất khẩu gạo",
     "text": "Việt Nam xuất khẩu gạo sang nhiều nước. Gạo Việt Nam được ưa chuộng."},
]


def test_pairs_win_over_the_words_own_reading():
    r = count(row["text"] for row in ROWS)
    assert r["words"]["nam"] == "năm"  # alone, the corpus mostly means the year
    assert read_as(["viet", "nam"], r) == {0: "việt", 1: "nam"}
    assert read_as(["nam"], r) == {0: "năm"}
    assert read_as(["nam"], r, pairs_only=True) == {}
    assert read_as(["việt", "nam"], r) == {1: "năm"}  # a word typed with marks is taken as typed


def test_viet_nam_ranks_and_marks_viet_nam(tmp_path):
    write_index(tmp_path / INDEX_DIR, ROWS, {})
    write(tmp_path / INDEX_DIR, count(f"{r['title']}\n{r['text']}" for r in ROWS))
    res = Searcher(tmp_path).search("viet nam")
    assert [h["id"] for h in res["hits"]] == ["country", "years"]
    html = " ".join(str(h["snippet_html"]) + str(h["title_html"]) for h in res["hits"])
    assert "<mark>Việt</mark> <mark>Nam</mark>" in html
    assert "<mark>năm</mark>" not in html.lower() and "<mark>viết</mark>" not in html.lower()
