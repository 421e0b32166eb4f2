"""Results a user can trust (issue 12): the same story read as a bare text page and as an HTML
record with its URL keeps the copy that says where it was published; a relative canonical link
never becomes a site."""
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from vinews.cli import app

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "samples" / "pages" / "bao-mau-01.txt").read_text(encoding="utf-8")
PARAS = PAGE.split("\n\n")
runner = CliRunner()


def html(canonical: str) -> str:
    return (f'<html><head><link rel="canonical" href="{canonical}"><meta property="og:url" content="{canonical}">'
            f"</head><body><article><h1>{PARAS[6]}</h1><p>{PARAS[7]}</p>"
            + "".join(f"<p>{p}</p>" for p in PARAS[8:15]) + "</article></body></html>")


def test_a_tie_keeps_the_copy_with_url_and_site(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-bare.txt").write_text("\n\n".join(PARAS[6:15]) + "\n", encoding="utf-8")  # first in input order
    (src / "b-crawl.jsonl").write_text(json.dumps({"id": "web", "url": "https://baomau.vn/kinh-te/buoi.html",
                                                   "html": html("buoi.html")}) + "\n", encoding="utf-8")
    out = tmp_path / "c"
    res = runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate"])
    assert res.exit_code == 0, res.output
    arts = {a["id"]: a for a in pq.read_table(out / "articles.parquet").to_pylist()}
    assert set(arts) == {"a-bare", "web"} and arts["web"]["cluster_id"] == arts["a-bare"]["cluster_id"] is not None
    assert arts["web"]["is_canonical"] and not arts["a-bare"]["is_canonical"]
    assert arts["a-bare"]["original_id"] == "web"
    assert arts["web"]["site"] == "baomau.vn" and arts["web"]["url"] == "https://baomau.vn/kinh-te/buoi.html"


def test_relative_canonical_is_resolved_and_never_a_site(tmp_path):
    (tmp_path / "the-thao.html").write_text(html("the-thao.html"), encoding="utf-8")  # no page URL at all
    rec = {"id": "r", "url": "https://www.baomau.vn/tin/a.html", "html": html("/kinh-te/buoi.html")}
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(tmp_path / "the-thao.html"), str(tmp_path / "r.jsonl"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    bare, crawled = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert bare["kind"] == "article" and bare["site"] is None and bare["url"] is None
    assert crawled["site"] == "baomau.vn"


def test_site_of_a_path_is_none():
    from vinews.html.hints import page_hints
    from vinews.urls import absolute_url, site_of
    from selectolax.lexbor import LexborHTMLParser

    assert site_of("the-thao.html") is None and site_of("/tin/a.html") is None and site_of("bai-viet.php?id=3") is None
    assert site_of("baomau.vn/tin/a.html") == "baomau.vn" and site_of("https://m.baomau.vn/x") == "baomau.vn"
    assert absolute_url("the-thao.html", "https://baomau.vn/tin/a.html") == "https://baomau.vn/tin/the-thao.html"
    assert absolute_url("the-thao.html", None) is None
    hints = page_hints(LexborHTMLParser(html("the-thao.html")), "https://baomau.vn/tin/a.html")
    assert hints["url"] == "https://baomau.vn/tin/the-thao.html" and hints["site"] == "baomau.vn"
