"""The Python API (issue 12): vinews.extract(html=...), vinews.build(...), vinews.search(...)."""
from pathlib import Path

import pytest

import vinews

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "samples" / "pages" / "bao-mau-01.txt").read_text(encoding="utf-8")
PARAS = PAGE.split("\n\n")
TITLE = PARAS[6]
HTML = (f"<html><head><title>{TITLE} | Báo Mẫu</title></head><body><nav><a href='/'>Trang chủ</a></nav><article>"
        f"<h1>{TITLE}</h1><p class='time'>{PARAS[7]}</p>" + "".join(f"<p>{p}</p>" for p in PARAS[8:15])
        + "</article></body></html>")


def test_extract_html_string_and_bytes():
    art = vinews.extract(html=HTML, url="https://www.baomau.vn/kinh-te/buoi.html")
    assert art.kind == "article" and art.title == TITLE and art.site == "baomau.vn"
    assert art.published.startswith("2024-03-12T09:15") and len(art.body) >= 3
    assert vinews.extract(html=HTML.encode("utf-8")).title == TITLE
    assert vinews.extract(HTML).title == TITLE  # markup given as text is read as HTML, not as a nonarticle


def test_extract_text_and_hints():
    assert vinews.extract(PAGE, id="p").title == TITLE
    bare = "\n\n".join(PARAS[8:15])
    art = vinews.extract(bare, title="Bưởi Bến Tre sang châu Âu", published="2024-03-12T09:15:00+07:00")
    assert art.title == "Bưởi Bến Tre sang châu Âu" and art.published.startswith("2024-03-12T09:15")
    with pytest.raises(TypeError):
        vinews.extract()


def test_build_then_search(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    for p in (ROOT / "samples" / "pages").glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    stats = vinews.build(src, tmp_path / "c", annotate=False)
    assert stats["pages"] == 5 and stats["status"]["kept"] >= 3
    res = vinews.search(tmp_path / "c", "buoi ben tre")  # indexes on first use
    assert res["hits"][0]["id"] == "bao-mau-01" and "url" in res["hits"][0]
    assert (tmp_path / "c" / "index" / "meta.json").exists()
    everything = vinews.search(tmp_path / "c", limit=100)["hits"]
    page = vinews.search(tmp_path / "c", limit=2, offset=1)
    assert [h["id"] for h in page["hits"]] == [h["id"] for h in everything[1:3]] and page["offset"] == 1
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no input pages"):
        vinews.build(tmp_path / "empty", tmp_path / "d")
