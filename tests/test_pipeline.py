from vinews import Page, extract, extract_page
from vinews.urls import site_of


def test_api_returns_article(sample):
    a = extract(sample("bao-mau-01"), id="x1", url="https://www.baomau.vn/kinh-te/a.html")
    assert a.id == "x1" and a.kind == "article"
    assert a.site == "baomau.vn"
    assert a.published == "2024-03-12T09:15:00+07:00"
    assert (a.author, a.source) == ("Nguyễn Hạnh", "baomekong.vn")
    assert a.text.startswith(a.lead)


def test_rejected_page_kept_with_reason():
    a = extract_page(Page(id="bad", reject_reason="binary: NUL bytes"))
    assert a.kind == "rejected" and a.reason == "binary: NUL bytes"


def test_blank_text_is_rejected():
    assert extract(" \n\u200b\n\u00a0").kind == "rejected"


def test_site_of():
    assert site_of("https://m.vnexpress.net/a") == "vnexpress.net"
    assert site_of(None) is None


def test_site_of_junk_url():
    assert site_of("http://[") is None
    assert site_of("https://a.vn:99999999/") in (None, "a.vn")


def test_guarded_extraction_keeps_the_readers_notes_on_a_crash(monkeypatch):
    from vinews import pipeline
    from vinews.model import Page

    def boom(page, params=None):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(pipeline, "extract_page", boom)
    page = Page(id="x", text="Tiêu đề\n\nNội dung", url="https://baomau.vn/a", meta={"decode": {"how": "utf-8"}})
    art, _ = pipeline.extract_guarded(page)
    assert art.kind == "rejected" and art.reason == "extractor error: RuntimeError: hỏng"
    assert art.meta == {"decode": {"how": "utf-8"}} and art.url == "https://baomau.vn/a"
