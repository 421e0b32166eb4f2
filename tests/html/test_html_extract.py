"""HTML path: blocks rendered like page text, DOM evidence, markup hints, end-to-end extraction."""
import json

from vinews.html import extract_html, html_blocks
from vinews.html.hints import jsonld_hints, norm_date
from vinews.model import Page

BODY = ("Người dân ở khu phố cho biết con đường mới giúp việc đi lại thuận tiện hơn rất nhiều so với trước đây, "
        "nhất là vào giờ cao điểm buổi sáng và buổi chiều khi học sinh đến trường.")
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Đường mới thông xe - Báo Làng</title>
<meta property="og:title" content="Đường mới thông xe trước Tết">
<meta property="og:site_name" content="Báo Làng">
<meta name="author" content="Báo Làng">
<meta property="og:description" content="Tuyến đường nối hai xã chính thức thông xe sau hai năm thi công, giúp người dân đi lại dễ dàng.">
<link rel="canonical" href="https://www.baolang.vn/duong-moi-thong-xe-123.html">
<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "BreadcrumbList", "itemListElement": []},
    {"@type": "NewsArticle", "headline": "Đường mới thông xe trước Tết", "datePublished": "2024-02-01T01:30:00Z",
     "author": [{"@type": "Person", "name": "Lê Hoa"}, {"@type": "Organization", "name": "Báo Làng"}]}]},
    ensure_ascii=False)}</script>
<style>p {{ color: red }}</style></head>
<body>
<div id="header"><ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi">Xã hội</a></li></ul></div>
<div class="wrapper has-sidebar">
 <div class="article-detail">
  <div class="breadcrumb"><a href="/xa-hoi">Xã hội</a></div>
  <h1 class="title">Đường mới thông xe trước Tết</h1>
  <div class="meta"><span class="date"><time datetime="2024-02-01T08:30:00+07:00">Thứ năm, 1/2/2024 08:30</time></span></div>
  <h2 class="sapo">Tuyến đường nối hai xã chính thức thông xe sau hai năm thi công, giúp người dân đi lại dễ dàng.</h2>
  <div class="detail-content">
   <p>{BODY}</p>
   <figure class="image"><img src="a.jpg"><figcaption><p>Xe cộ qua lại trên tuyến đường mới. Ảnh: Lê Hoa</p></figcaption></figure>
   <p>{BODY} <a href="/x">Xem thêm</a> về dự án.</p>
   <p style="text-align:center"><img src="b.jpg"></p><p><em>Cây xanh được trồng dọc hai bên đường</em></p>
   <p>{BODY}</p>
   <p style="text-align: right;"><strong>Lê Hoa</strong></p>
  </div>
  <div class="box-tin-lien-quan"><h3>Tin liên quan</h3><ul><li><a href="/a">Cầu mới khánh thành ở xã bên</a></li>
   <li><a href="/b">Chợ quê đông vui ngày cận Tết</a></li></ul></div>
 </div>
 <div class="sidebar"><div class="most-read"><a href="/c">Bài đọc nhiều nhất trong tuần</a></div></div>
</div>
<footer><p>Bản quyền © Báo Làng. Giấy phép số 1/GP.</p></footer>
<script>document.write("<p>không hiện</p>")</script>
</body></html>"""


def blocks_by_text():
    blocks, hints = html_blocks(PAGE)
    return {b.text: b for b in blocks}, blocks, hints


def test_blocks_render_like_page_text():
    by, blocks, _ = blocks_by_text()
    assert [b.line for b in blocks] == [2 * i for i in range(len(blocks))]
    assert "không hiện" not in " ".join(by) and "color: red" not in " ".join(by)
    assert "Trang chủ" in by and "Xã hội" in by
    assert f"{BODY} Xem thêm về dự án." in by  # inline link text stays in its paragraph


def test_dom_features():
    by, _, _ = blocks_by_text()
    assert by["Đường mới thông xe trước Tết"].features["heading"] == 1
    assert by["Đường mới thông xe trước Tết"].features["meta_title"]
    assert by["Trang chủ"].features["container"] == "boilerplate"  # header menu
    assert by["Cầu mới khánh thành ở xã bên"].features["container"] == "boilerplate"  # related box
    assert by["Bài đọc nhiều nhất trong tuần"].features["container"] == "boilerplate"
    assert by["Bản quyền © Báo Làng. Giấy phép số 1/GP."].features["container"] == "boilerplate"
    body = by[BODY].features
    assert body["container"] == "article" and body["link_density"] == 0 and body["tag"] == "p"
    linked = by[f"{BODY} Xem thêm về dự án."].features
    assert 0 < linked["link_density"] < 0.1
    assert by["Xe cộ qua lại trên tuyến đường mới. Ảnh: Lê Hoa"].features["figcaption"]
    assert by["Cây xanh được trồng dọc hai bên đường"].features["figcaption"]  # italic under a picture
    assert not body["figcaption"]
    assert by["Lê Hoa"].features["align_right"] and by["Lê Hoa"].features["bold"]
    lead = by["Tuyến đường nối hai xã chính thức thông xe sau hai năm thi công, giúp người dân đi lại dễ dàng."]
    assert lead.features["lead_cue"] and lead.features["meta_description"]
    assert by["Thứ năm, 1/2/2024 08:30"].features["date_cue"]


def test_wrapper_named_sidebar_holding_the_article_is_not_boilerplate():
    # "wrapper has-sidebar" holds the h1 and the article body: not page furniture
    by, _, _ = blocks_by_text()
    assert by["Đường mới thông xe trước Tết"].features["container"] == "article"


def test_hints():
    _, _, h = blocks_by_text()
    assert h["title"] == "Đường mới thông xe trước Tết"
    assert h["published"] == "2024-02-01T08:30:00+07:00"  # UTC in JSON-LD -> Vietnam time
    assert h["author"] == "Lê Hoa"  # the outlet's name is not an author
    assert h["site"] == "baolang.vn" and h["url"] == "https://www.baolang.vn/duong-moi-thong-xe-123.html"
    assert h["site_name"] == "Báo Làng" and h["description"].startswith("Tuyến đường")


def test_extract_html_end_to_end():
    art = extract_html(Page(id="t1", html=PAGE))
    assert art.kind == "article"
    assert art.title == "Đường mới thông xe trước Tết"
    assert art.published == "2024-02-01T08:30:00+07:00"
    assert art.author == "Lê Hoa"
    assert art.site == "baolang.vn"
    assert BODY in art.body
    assert "Cầu mới khánh thành ở xã bên" not in art.body


def test_home_page_of_article_cards_is_not_an_article():
    cards = "".join(f'<article class="item"><h3><a href="/{i}">Tiêu đề tin số {i} hôm nay</a></h3>'
                    f'<p class="sapo">Tóm tắt ngắn của tin số {i} về một sự kiện trong ngày.</p></article>'
                    for i in range(25))
    html = f"<html><body><nav><a href='/'>Trang chủ</a></nav><div class='list'>{cards}</div></body></html>"
    blocks, _ = html_blocks(html)
    assert not any(b.features["container"] == "article" for b in blocks)  # cards, not an article


def test_html_without_body_text_is_rejected():
    for html in ("<html><head><title>x</title></head></html>", "", "<html><body><script>x()</script></body></html>"):
        art = extract_html(Page(id="e", html=html))
        assert art.kind == "rejected" and "no text" in art.reason


def test_broken_markup_does_not_raise():
    html = "<div>" * 5000 + "<p>Đoạn văn trong cây lồng sâu" + "</span></td>" * 100
    blocks, _ = html_blocks(html)
    assert blocks and blocks[-1].text.startswith("Đoạn văn")


def test_norm_date_forms():
    assert norm_date("2024-02-01T01:30:00Z") == "2024-02-01T08:30:00+07:00"
    assert norm_date("2024-02-01T08:30:00.000+0700") == "2024-02-01T08:30:00+07:00"
    assert norm_date("2024-02-01 08:30") == "2024-02-01T08:30:00+07:00"
    assert norm_date("01-02-2024T08:30:00+07:00") == "2024-02-01T08:30:00+07:00"
    assert norm_date("2024-02-01") == "2024-02-01"
    assert norm_date("không phải ngày") is None and norm_date("2024-13-45") is None


def test_jsonld_damage_and_escapes():
    raw = '{"@type": "NewsArticle", "headline": "Chi&amp;#7871;n th&#7855;ng", "author": "Ngọc Mai",}'
    h = jsonld_hints([raw, "not json at all", "[]"])
    assert h["title"] == "Chiến thắng" and h["authors"] == ["Ngọc Mai"]


def test_itemprop_author_and_source_credit():
    from selectolax.lexbor import LexborHTMLParser

    from vinews.html.hints import page_hints

    html = ('<html><body><span itemprop="author"><span itemprop="name">Phạm Thu</span></span>'
            '<span itemprop="datePublished" content="2023-05-06T07:08:00+07:00">6/5</span></body></html>')
    h = page_hints(LexborHTMLParser(html))
    assert h["author"] == "Phạm Thu" and h["published"] == "2023-05-06T07:08:00+07:00"
    credit = '<html><body><p itemprop="author">Theo Báo Khác</p></body></html>'
    assert page_hints(LexborHTMLParser(credit))["author"] is None


def test_office_paste_classes_are_not_page_furniture():
    from vinews.html.cues import element_cues

    assert element_cues("p", {"class": "MsoListParagraph"}).get("container") is None
    assert element_cues("div", {"class": "list-news"}).get("container") == "boilerplate"
    assert element_cues("div", {"class": "box-tin-lien-quan"}).get("container") == "boilerplate"
    assert element_cues("div", {"itemprop": "articleBody"}).get("container") == "article"
    assert element_cues("div", {"class": "fck_detail"}).get("container") == "article"
    assert element_cues("div", {"class": "PhotoCMS_Caption"}).get("caption")


def test_organisations_are_not_authors():
    from selectolax.lexbor import LexborHTMLParser

    from vinews.html.hints import page_hints

    for who in ("Công nghệ ABC", "SEO, Traffic Team", "Ban biên tập", "Báo Người Xưa"):
        html = f'<html><head><meta name="author" content="{who}"></head><body><p>x</p></body></html>'
        assert page_hints(LexborHTMLParser(html))["author"] is None, who
    html = '<html><head><meta name="author" content="Trần Văn Nam"></head><body><p>x</p></body></html>'
    assert page_hints(LexborHTMLParser(html))["author"] == "Trần Văn Nam"
