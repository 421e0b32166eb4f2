"""Roles and page kind on pages we wrote ourselves in the shapes news sites print."""
from vinews import extract
from vinews.classify import classify
from vinews.segment import segment


def roles(text):
    blocks = segment(text)
    kind, _ = classify(blocks)
    return kind, {b.text: b.role for b in blocks}


def test_article_roles(sample):
    kind, r = roles(sample("bao-mau-01"))
    assert kind == "article"
    assert r["Hợp tác xã trồng bưởi ở Bến Tre lần đầu xuất khẩu sang châu Âu"] == "title"
    assert r["Thứ Ba, ngày 12/03/2024 | 09:15"] == "date"
    assert r["Nông dân thu hoạch bưởi da xanh tại vườn. Ảnh: Minh Khoa"] == "caption"
    assert r["Khó khăn về vận chuyển"] == "body"  # a subheading inside the text
    assert r["Theo NGUYỄN HẠNH/baomekong.vn"] == "byline"
    # the related-news list after the article: teasers and their timestamps are boilerplate
    assert r["08:30 10/03/2024"] == "boilerplate"
    assert r["Giá sầu riêng giảm mạnh đầu vụ"] == "boilerplate"
    assert r["Viết bình luận mới"] == "boilerplate"


def test_duplicated_headline_takes_the_copy_above_the_lead(sample):
    text = sample("bao-mau-02")
    blocks = segment(text)
    classify(blocks)
    titles = [b.line for b in blocks if b.role == "title"]
    copies = [b.line for b in blocks if b.text.startswith("Trường học vùng cao")]
    assert len(copies) == 2 and titles == [copies[1]]


def test_comments_are_not_body(sample):
    a = extract(sample("bao-mau-02"))
    assert not any("Bài viết rất hay" in p for p in a.body)
    assert a.author == "Thu Trang"


def test_home_page_is_nonarticle(sample):
    a = extract(sample("bao-mau-03"))
    assert a.kind == "nonarticle" and a.reason and not a.body


def test_photo_post_is_article(sample):
    a = extract(sample("bao-mau-04"))
    assert a.kind == "article"
    # no running text but the pictures' captions: they carry the story, so they are its body
    # (the benchmark's convention for photo stories)
    assert len(a.body) >= 4 and a.lead and not a.captions
    assert a.author == "Quang Huy"


def test_photo_post_captions_stay_captions_with_the_rules_baseline(sample):
    from vinews.params import ExtractParams

    rules = ExtractParams(use_fitted_title=False, use_fitted_caption=False, use_fitted_kind=False)
    a = extract(sample("bao-mau-04"), params=rules)
    assert a.kind == "article" and len(a.captions) >= 4


def test_related_link_inside_text_dropped(sample):
    a = extract(sample("bao-mau-05"))
    assert a.lead.startswith("(Báo Mẫu)")
    assert not any(p.startswith(">>") for p in a.body)
    assert a.body[-1].endswith("./.")
    assert (a.author, a.source) == ("Vân Hà", "Pháp luật Việt Nam")


def test_teaser_list_after_body_without_header():
    para = ("Đây là đoạn văn bản chính của bài viết, có đủ độ dài và kết thúc bằng dấu chấm để "
            "trông giống một đoạn tin thật sự trong thân bài số {}.")
    lines = ["Tiêu đề bài viết về một sự kiện quan trọng hôm nay", "10/01/2024 08:00"]
    lines += [para.format(i) for i in range(5)]
    lines += ["Minh An"]
    for i in range(4):
        lines += [f"Tiêu đề tin khác số {i} được đặt ở cuối trang để mời đọc tiếp",
                  f"Đoạn giới thiệu ngắn của tin khác số {i}, viết thành một câu hoàn chỉnh cho đủ dài."]
    a = extract("\n\n".join(lines))
    assert a.kind == "article" and len(a.body) == 4 and a.author == "Minh An"
    assert not any("tin khác" in p for p in a.body)


def test_every_line_gets_a_role_and_reason(sample):
    a = extract(sample("bao-mau-01"))
    assert all(r["role"] and r["reason"] for r in a.roles)
    lines = sample("bao-mau-01").split("\n")
    assert {r["line"] for r in a.roles} == {i for i, line in enumerate(lines) if line.strip()}


def test_lead_echoed_at_the_end_is_kept_but_teasers_printed_twice_are_not():
    lead = "Chuyến thăm góp phần củng cố quan hệ hợp tác giữa hai địa phương trong nhiều lĩnh vực."
    body = ["Sáng nay, đoàn đại biểu tỉnh bạn đã đến thăm và làm việc với lãnh đạo thành phố về "
            f"các chương trình hợp tác kinh tế, văn hóa và giáo dục trong giai đoạn tới, phần {i}." for i in range(3)]
    echo = "Chuyến thăm tiếp tục góp phần củng cố quan hệ hợp tác giữa hai địa phương trong nhiều lĩnh vực quan trọng."
    teaser = "Một tin khác về hợp tác giữa các tỉnh được giới thiệu ở cuối trang, viết thành câu hoàn chỉnh."
    lines = ["Đoàn đại biểu tỉnh bạn thăm và làm việc tại thành phố", lead, *body, echo,
             "Tin liên quan", "Hai tỉnh ký kết thỏa thuận hợp tác", "Hai tỉnh ký kết thỏa thuận hợp tác", teaser, teaser]
    a = extract("\n\n".join(lines))
    assert a.lead == lead
    assert a.body[-1] == echo  # resembles the lead, but it is the article's own last paragraph
    assert teaser not in a.body


PHOTO_POST = """Trang chủ

Ảnh

Sắc xuân rực rỡ trên phố hoa Nguyễn Huệ

08/02/2024 10:20

Phố hoa năm nay mang chủ đề rồng vàng, mở cửa đón khách từ tối 7/2 đến hết mùng 5 Tết.

Linh vật rồng dài gần 100 mét đặt ở đầu phố

Các tiểu cảnh hoa mai vàng được sắp xếp dọc hai bên đường

Gia đình nhỏ chụp ảnh kỷ niệm bên những giỏ hoa cúc

Du khách nước ngoài thích thú với không gian Tết cổ truyền

Nhiều bạn trẻ mặc áo dài đến check-in từ sáng sớm

Hoài Nam
"""

CATEGORY = "\n\n".join(
    ["Trang chủ", "Chính sách mới"]
    + sum(([f"Quy định mới về quản lý hoạt động số {i} có hiệu lực từ tháng tới",
            f"Chính sách mới {10 + i}/01/2026 15:{10 + i}",
            f"(Báo Mẫu) - Bộ ban hành thông tư số {i} hướng dẫn thực hiện quy định về quản lý hoạt động trong lĩnh vực này."]
           for i in range(6)), []))


def test_short_photo_post_without_caption_marks_is_an_article():
    a = extract(PHOTO_POST)
    assert a.kind == "article", a.reason
    assert a.title == "Sắc xuân rực rỡ trên phố hoa Nguyễn Huệ"
    assert a.lead.startswith("Phố hoa năm nay")


def test_category_page_of_dated_teasers_is_nonarticle():
    assert extract(CATEGORY).kind == "nonarticle"


def test_crawler_hints_do_not_make_a_text_page_html(sample, monkeypatch):
    """The page-kind model's `html` feature comes from the blocks: a text page carrying a
    crawler's title / time hints (pipeline.py) is still a text page."""
    from vinews import fitted
    from vinews.model import Page
    from vinews.pipeline import extract_page

    seen = []
    real = fitted.kind_features

    def spy(blocks, feats, a, b, score, hints, html):
        seen.append(html)
        return real(blocks, feats, a, b, score, hints, html)

    monkeypatch.setattr(fitted, "kind_features", spy)
    page = Page(id="x", text=sample("bao-mau-01"), meta={"hints": {"title": "Bưởi Bến Tre sang châu Âu"}})
    assert extract_page(page).kind == "article"
    assert seen == [False]
