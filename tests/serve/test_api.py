import pytest
from fastapi.testclient import TestClient

from vinews.serve import create_app


@pytest.fixture(scope="module")
def client(corpus_dir):
    return TestClient(create_app(corpus_dir, hosts=["testserver"]))


def test_api_search_mirrors_page(client):
    data = client.get("/api/search", params={"q": "luong cuong"}).json()
    assert [h["id"] for h in data["hits"]] == ["a1"]
    assert "<mark>Lương</mark> <mark>Cường</mark>" in data["hits"][0]["snippet_html"]
    page = client.get("/", params={"q": "luong cuong"}).text
    assert 'href="/article/a1"' in page and "<mark>Lương</mark>" in page


def test_api_search_filters(client):
    got = client.get("/api/search", params={"from": "2024-03-12", "to": "2024-03-12", "copies": "true"}).json()
    assert {h["id"] for h in got["hits"]} == {"a1", "a2"}
    assert client.get("/api/search", params={"site": "baoc.vn", "q": "hòa bình"}).json()["total"] == 1
    assert client.get("/api/search", params={"entity": "Bộ Công Thương"}).json()["hits"][0]["id"] == "a7"
    assert client.get("/api/search", params={"from": "not-a-date"}).status_code == 400


def test_api_article_has_roles_and_reasons(client):
    d = client.get("/api/article/a1").json()
    assert d["article"]["title"].startswith("Đại tướng Lương Cường")
    roles = {ln["role"] for ln in d["lines"]}
    assert {"title", "lead", "body", "boilerplate", "caption", "byline"} <= roles
    dropped = [ln for ln in d["lines"] if ln["role"] == "boilerplate"]
    assert all(ln["reason"] for ln in dropped)
    assert any(e["text"] == "Lương Cường" and e["attr"] == "Đại tướng" for e in d["entities"])


def test_article_page_marks_entities_in_text(client):
    html = client.get("/article/a1").text
    assert '<span class="ent PER" title="PER: Đại tướng">Lương Cường</span>' in html
    assert '<span class="ent ORG" title="ORG">Bộ Quốc phòng Nga</span>' in html


def test_entity_marks_escape_and_skip_bad_offsets():
    from vinews.serve.entity_marks import marked_lines

    text = "<b>Ông Nam</b>\nHà Nội"
    ents = [{"start": 7, "end": 10, "type": "PER", "text": "Nam", "attr": '"><x'},
            {"start": 15, "end": 21, "type": "LOC", "text": "Hà Nội", "attr": None},
            {"start": 0, "end": 3, "type": "ORG", "text": "xyz", "attr": None}]  # offsets that do not fit
    lines = [str(m) for m in marked_lines(text, ents)]
    assert lines == ['&lt;b&gt;Ông <span class="ent PER" title="PER: &#34;&gt;&lt;x">Nam</span>&lt;/b&gt;',
                     '<span class="ent LOC" title="LOC">Hà Nội</span>']


def test_article_page_colours_lines_by_role(client):
    html = client.get("/article/a1").text
    assert 'class="line role-title"' in html and 'class="line role-boilerplate"' in html
    assert "navigation menu: repeated on every page of the site" in html


def test_page_without_article_is_shown(client):
    html = client.get("/article/p-home")
    assert html.status_code == 200 and "nonarticle" in html.text and "No article was kept" in html.text


def test_cluster_view_diffs_copy(client):
    d = client.get("/api/cluster/1").json()
    assert d["original"]["id"] == "a1" and [c["article"]["id"] for c in d["copies"]] == ["a2"]
    removed = "".join(s["text"] for s in d["copies"][0]["diff"] if s["op"] == "removed")
    assert "mong muốn mở rộng" in removed
    assert d["republications"][0]["attribution"] == "credited"
    html = client.get("/cluster/1").text
    assert '<span class="removed">' in html


def test_entity_view_has_chart_and_articles(client):
    d = client.get("/api/entity", params={"name": "luong cuong"}).json()
    assert d["name"] == "Lương Cường" and {a["id"] for a in d["articles"]} == {"a1", "a2"}
    assert d["titles"] == {"Đại tướng": 4}  # twice in each of a1 and a2
    assert d["per_month"]["2024-03"] == 2 and len(d["per_month"]) == 12 and sum(d["per_month"].values()) == 2
    html = client.get("/entity", params={"name": "Lương Cường"}).text
    assert "<svg" in html and "<rect" in html


def test_corpus_view(client):
    d = client.get("/api/corpus").json()
    assert d["articles"] == 7 and d["page_status"]["kept"] == 6
    assert d["by_site"] == {"baoa.vn": 2, "tinb.vn": 3, "baoc.vn": 2}
    html = client.get("/corpus").text
    assert html.count("<svg") >= 5
    assert "<figcaption>by site</figcaption>" in html  # stats.json's number maps become charts too


def test_unknown_things_are_404(client):
    assert client.get("/api/article/nope").status_code == 404
    assert client.get("/api/cluster/99").status_code == 404
    assert client.get("/article/nope").status_code == 404


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_search_api_honours_limit_and_offset_and_hits_carry_url(client):
    everything = client.get("/api/search", params={"copies": "true", "limit": 100}).json()
    assert len(everything["hits"]) == everything["total"] >= 4
    got = client.get("/api/search", params={"copies": "true", "limit": 2, "offset": 1}).json()
    assert [h["id"] for h in got["hits"]] == [h["id"] for h in everything["hits"][1:3]]
    assert got["offset"] == 1 and got["limit"] == 2
    assert all(h["url"] and h["url"].startswith("https://") for h in everything["hits"])
    assert client.get("/api/search", params={"limit": 0}).status_code in (400, 422)
    assert client.get("/api/search", params={"limit": 5000}).status_code in (400, 422)


def test_pages_of_every_status_are_reachable(client):
    got = client.get("/api/pages", params={"status": "nonarticle"}).json()
    assert got["total"] == 1 and got["rows"][0]["id"] == "p-home" and got["rows"][0]["reason"]
    html = client.get("/pages", params={"status": "rejected"}).text
    assert 'href="/article/p-empty"' in html and "empty page" in html
    assert 'href="/pages?status=duplicate"' in client.get("/corpus").text
    assert client.get("/api/pages", params={"status": "nope"}).status_code == 400


def test_favicon(client):
    res = client.get("/favicon.ico")
    assert res.status_code == 200 and res.headers["content-type"].startswith("image/svg+xml")
    assert client.get("/static/favicon.svg").status_code == 200


def test_a_page_without_url_or_title_never_says_none(client):
    html = client.get("/article/p-empty").text
    assert "None" not in html.split("<body", 1)[0]  # the <title>
    assert ">None<" not in html and "URL None" not in html


def test_charts_cover_the_whole_date_range_and_no_epochs():
    from vinews.serve.charts import bars, by_month, stats_report, timeline

    months = by_month(["2019-01-05", "2024-12-30"])  # 72 months
    t = timeline(months)
    assert len(t) <= 40 and next(iter(t)).startswith("2019") and list(t)[-1].startswith("2024")
    assert sum(t.values()) == 2
    assert timeline({"2024-01": 3}) == {"2024-01": 3}
    rep = stats_report({"started": {"extract": 1764600000.5, "write": 1764600100.0}, "status": {"kept": 3}})
    assert "started" not in rep["charts"] and rep["scalars"]["started"]["extract"].startswith("2025-")
    c = bars({f"site{i}.example.vn": 40 - i for i in range(40)}, sort=True)
    step = c["width"] / len(c["bars"])
    assert c["label_every"] * step >= 14 * 6  # labels of 14 characters at a stride wider than they are


def test_dropped_lines_say_where_they_were():
    import json as _json

    from vinews.serve.store import page_lines

    roles = [{"line": 0, "role": "boilerplate", "reason": "outside the main text"},
             {"line": 1, "role": "title", "reason": "headline"}, {"line": 2, "role": "body", "reason": "main text"},
             {"line": 3, "role": "boilerplate", "reason": "outside the main text"},
             {"line": 4, "role": "body", "reason": "main text"},
             {"line": 5, "role": "boilerplate", "reason": "outside the main text"},
             {"line": 6, "role": "boilerplate", "reason": "related-article link"}]
    lines = page_lines({"raw_text": "\n".join(f"dòng {i}" for i in range(7)), "roles_json": _json.dumps(roles)})
    why = [ln["reason"] for ln in lines]
    assert "above the headline" in why[0] and "between article lines" in why[3]
    assert "below the article's last line" in why[5] and why[6] == "related-article link"
