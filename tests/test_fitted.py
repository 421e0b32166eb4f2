"""The fitted decisions (fitted.py): the linear scorer's arithmetic, the model file's contract,
and the title, caption-vs-body and page-kind choices on pages we wrote ourselves in the shapes
Vietnamese news sites print. Each page case says what the extractor must do with it; where it
does not yet, the case is a strict xfail saying what it does instead (none today)."""
from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vinews import extract
from vinews.cli import app
from vinews.features import block_features
from vinews.fitted import (CAPTION_FEATURES, KIND_FEATURES, TITLE_FEATURES, Linear, choose_title,
                           load_models)
from vinews.model import Page
from vinews.params import DEFAULT, ExtractParams
from vinews.pipeline import extract_page, extract_with_text
from vinews.segment import segment

RULES = ExtractParams(use_fitted_title=False, use_fitted_caption=False, use_fitted_kind=False)


# --- pages ---------------------------------------------------------------------------------

def page(*blocks: str) -> str:
    """Page text as the scrapes carry it: one block a line, a blank line between blocks."""
    return "\n\n".join(blocks) + "\n"


MENU = ["Trang chủ", "Thời sự", "Kinh tế", "Giáo dục", "Sức khỏe", "Thể thao"]

P1 = ("Sở Giáo dục và Đào tạo Hà Nội vừa công bố kế hoạch tuyển dụng thêm hơn hai nghìn giáo viên cho các "
      "trường công lập ở ngoại thành, ưu tiên những môn đang thiếu người dạy như tin học, tiếng Anh và âm nhạc.")
P2 = ("Theo bà Trần Thu Hà, phó giám đốc sở, nhiều trường ở huyện Ba Vì và Mỹ Đức phải ghép lớp hoặc mời giáo "
      "viên thỉnh giảng trong năm học vừa qua vì không đủ biên chế, ảnh hưởng đến chất lượng dạy và học.")
P3 = ("Các ứng viên sẽ nộp hồ sơ trực tuyến từ giữa tháng tám, sau đó tham gia vòng phỏng vấn và thực hành "
      "giảng dạy tại các hội đồng tuyển dụng do quận, huyện tổ chức trước khi năm học mới bắt đầu.")
P4 = ("Sở cũng đề xuất thành phố hỗ trợ tiền thuê nhà cho giáo viên trẻ nhận công tác ở các xã xa trung tâm, "
      "nhằm giữ chân người giỏi và giảm tình trạng xin chuyển trường sau vài năm làm việc.")
HEADLINE = "Hà Nội tuyển thêm hơn hai nghìn giáo viên cho năm học mới"

# a section label and a tool bar's buttons right above the headline and its dateline
TOOLBAR_ABOVE = page(*MENU, "Giáo dục", "Sao chép liên kết", "Báo lỗi", HEADLINE,
                     "Thứ Hai, 05/08/2024 | 14:20", P1, P2, P3, P4, "Lan Phương")
# the author's name in capitals between the dateline and the lead
BYLINE_CAPS = page(*MENU, "Giáo dục", HEADLINE, "05/08/2024 14:20 GMT+7", "NGUYỄN MINH TUẤN", P1, P2, P3, P4)

PHOTO_TITLE = "Sắc hoa tam giác mạch phủ kín sườn đồi Hà Giang"
PHOTO_LEAD = ("Cuối thu, những cánh đồng tam giác mạch nở rộ khắp các huyện vùng cao, kéo du khách đổ về "
              "cao nguyên đá.")
CREDIT = "Ảnh: Minh Anh"
# a photo story: headline, dateline, a one-line lead, then the pictures' captions, each ending
# with its credit (one picture with the credit alone), and no other running text
PHOTO_CAPTIONS = [
    "Những ruộng hoa tam giác mạch nở trắng hồng trên triền đồi ở xã Sủng Là, nơi mỗi cuối tuần có hàng nghìn "
    "du khách từ khắp nơi tìm đến để ngắm hoa và chụp ảnh. Ảnh: Minh Anh",
    "Du khách mặc trang phục truyền thống của người Mông, người Lô Lô thuê ngay tại chân đồi để chụp ảnh giữa "
    "ruộng hoa, mỗi bộ giá chừng năm mươi nghìn đồng một giờ. Ảnh: Minh Anh",
    "Một cô bé người Mông đứng bán bánh tam giác mạch nướng bên đường, thứ bánh làm từ hạt hoa xay thành bột, có "
    "vị ngọt bùi mà du khách nào cũng muốn nếm thử một lần. Ảnh: Minh Anh",
    "Sương sớm phủ kín thung lũng hoa ở Phố Cáo, đến gần trưa nắng lên mới để lộ những mái nhà trình tường của "
    "đồng bào nằm lẫn giữa sắc hoa trải dài tới chân núi. Ảnh: Minh Anh",
    "Người dân gùi những bó hoa đã tàn về nhà để lấy hạt nấu rượu và làm bánh, nguồn thu nhập thêm của nhiều gia "
    "đình sau khi mùa du lịch hoa kết thúc vào đầu tháng mười hai. Ảnh: Minh Anh",
    "Hoàng hôn buông xuống cánh đồng hoa dưới chân dãy núi đá tai mèo, khi những đoàn khách cuối cùng trong ngày "
    "còn nán lại chụp thêm vài tấm ảnh trước lúc xuống núi về thị trấn. Ảnh: Minh Anh",
]
PHOTO_STORY = page(*MENU[:3], "Du lịch", PHOTO_TITLE, "12/11/2023 08:40 GMT+7", PHOTO_LEAD,
                   *PHOTO_CAPTIONS[:2], CREDIT, *PHOTO_CAPTIONS[2:], "Từ khóa", "du lịch Hà Giang")
# the same story with one-line captions
SHORT_CAPTIONS = [
    "Hoa tam giác mạch nở trắng hồng trên triền đồi ở xã Sủng Là. Ảnh: Minh Anh",
    "Du khách mặc trang phục dân tộc chụp ảnh giữa ruộng hoa. Ảnh: Minh Anh",
    "Một cô bé người Mông bán bánh tam giác mạch bên đường. Ảnh: Minh Anh",
    "Sương sớm phủ lên thung lũng hoa ở Phố Cáo. Ảnh: Minh Anh",
    "Người dân gùi hoa về nhà nấu rượu sau buổi thu hoạch. Ảnh: Minh Anh",
    "Hoàng hôn trên cánh đồng hoa dưới chân núi đá tai mèo. Ảnh: Minh Anh",
]
SHORT_PHOTO_STORY = page(*MENU[:3], "Du lịch", PHOTO_TITLE, "12/11/2023 08:40 GMT+7", PHOTO_LEAD,
                         *SHORT_CAPTIONS[:5], CREDIT, SHORT_CAPTIONS[5], "Từ khóa", "du lịch Hà Giang")

# an ordinary article: several long paragraphs and two short captions
ORD_TITLE = "Nông dân Sóc Trăng trúng mùa lúa thơm nhờ giống mới"
ORD_P = [
    "Vụ đông xuân năm nay, hàng nghìn héc ta lúa thơm ở các huyện ven biển Sóc Trăng cho năng suất cao hơn hẳn "
    "mọi năm, giá bán tại ruộng cũng tăng khiến nông dân phấn khởi bước vào mùa gặt.",
    "Ông Lâm Văn Sáu, một nông dân ở huyện Mỹ Xuyên, cho biết gia đình ông gieo giống lúa mới trên toàn bộ bốn "
    "héc ta ruộng, mỗi công thu về gần một tấn lúa tươi, thương lái đến tận bờ ruộng để mua.",
    "Theo ngành nông nghiệp tỉnh, giống lúa mới chịu mặn tốt và có thời gian sinh trưởng ngắn, giúp nông dân né "
    "được đợt xâm nhập mặn cuối mùa khô vốn gây thiệt hại nặng trong những năm trước.",
    "Tỉnh dự kiến mở rộng diện tích gieo trồng giống lúa này trong vụ tới, đồng thời liên kết với doanh nghiệp "
    "bao tiêu sản phẩm để nông dân yên tâm sản xuất và không bị ép giá khi vào vụ thu hoạch.",
]
ORD_CAPTIONS = ["Nông dân thu hoạch lúa bằng máy gặt đập liên hợp. Ảnh: Hoàng Tú",
                "Thương lái cân lúa ngay tại ruộng. Ảnh: Hoàng Tú"]
ORDINARY = page(*MENU, "Kinh tế", ORD_TITLE, "Thứ Sáu, 15/03/2024 | 10:05", ORD_P[0], ORD_CAPTIONS[0],
                ORD_P[1], ORD_P[2], ORD_CAPTIONS[1], ORD_P[3], "Hoàng Tú")

# a home page: a menu, then a dozen items of headline, timestamp and a one-sentence teaser
HOME_ITEMS = [
    ("Giá xăng giảm lần thứ ba liên tiếp từ chiều nay",
     "Mỗi lít xăng RON 95 giảm gần 500 đồng trong kỳ điều hành mới của liên bộ."),
    ("Mưa lớn gây ngập nhiều tuyến phố ở Thủ Đức",
     "Nhiều xe máy chết máy giữa đường khi nước dâng cao sau trận mưa kéo dài hai giờ."),
    ("Đội tuyển bóng chuyền nữ giành vé dự giải thế giới",
     "Các cô gái Việt Nam thắng thuyết phục đối thủ Thái Lan ở trận chung kết khu vực."),
    ("Sân bay Long Thành lắp đặt xong mái nhà ga",
     "Nhà thầu cho biết phần kết cấu thép lớn nhất của công trình đã hoàn thành đúng tiến độ."),
    ("Học sinh lớp mười ở Hà Nội nhập học sớm",
     "Các trường yêu cầu học sinh có mặt trước ngày mười lăm để ổn định lớp và học nội quy."),
    ("Giá sầu riêng tăng mạnh trước mùa xuất khẩu",
     "Thương lái miền Tây thu mua sầu riêng loại một với giá cao nhất trong ba năm qua."),
    ("Cầu Rạch Miễu hai hợp long nhịp chính",
     "Công trình nối Tiền Giang và Bến Tre dự kiến thông xe vào cuối năm sau nếu thuận lợi."),
    ("Bệnh viện tuyến tỉnh quá tải vì sốt xuất huyết",
     "Số ca mắc trong tháng tăng gấp đôi cùng kỳ, nhiều bệnh nhi phải nằm ghép giường."),
    ("Ngân hàng đồng loạt hạ lãi suất cho vay mua nhà",
     "Mức lãi suất ưu đãi năm đầu giảm còn khoảng sáu phần trăm ở nhiều ngân hàng lớn."),
    ("Lễ hội pháo hoa quốc tế trở lại Đà Nẵng",
     "Năm đội từ các châu lục sẽ tranh tài trên sông Hàn trong bốn đêm thi diễn mùa hè."),
    ("Xuất khẩu gỗ phục hồi sau nửa năm khó khăn",
     "Đơn hàng từ Mỹ và châu Âu tăng trở lại giúp các doanh nghiệp chế biến gỗ có việc làm."),
    ("Tàu cá Quảng Ngãi cứu sống ba ngư dân gặp nạn",
     "Ba người trôi dạt trên biển hai ngày sau khi tàu của họ bị sóng lớn đánh chìm."),
]
HOME = page(*MENU, "Tin mới nhất",
            *[x for k, (h, t) in enumerate(HOME_ITEMS) for x in (h, f"{8 + k // 2:02d}:{(k * 7) % 60:02d} 20/05/2024", t)],
            "Liên hệ quảng cáo", "© 2024 Báo Mẫu. Ghi rõ nguồn khi phát hành lại thông tin từ website này.")

# a short video post: headline, dateline, one paragraph of 29 words, the video's caption line
VIDEO_TITLE = "Khoảnh khắc lính cứu hỏa giải cứu bé trai mắc kẹt trên ban công"
VIDEO_P = ("Chiều qua, lính cứu hỏa quận Hoàng Mai dùng thang dây tiếp cận tầng bốn, đưa bé trai năm tuổi "
           "mắc kẹt ngoài ban công xuống đất an toàn.")
VIDEO = page(*MENU, "Thời sự", VIDEO_TITLE, "22/06/2024 19:30 GMT+7", VIDEO_P,
             "Video: Người dân cung cấp", "Từ khóa", "cứu hộ")

TINY = page("Bão số ba đổ bộ vào Quảng Ninh", "Gió giật mạnh, mất điện.")  # a headline and 5 words

# a clean one-paragraph article whose paragraph opens by naming its source
BI_TITLE = "Tỷ phú công nghệ chi hàng trăm triệu USD mua đảo riêng ở Hawaii"
BI_P = ("Theo Business Insider, một tỷ phú công nghệ người Mỹ vừa hoàn tất thương vụ mua lại gần như toàn bộ "
        "một hòn đảo nhỏ ở quần đảo Hawaii với giá được cho là hơn 300 triệu USD, sau nhiều tháng đàm phán với các "
        "chủ đất địa phương. Hòn đảo có bãi biển dài, một sân bay nhỏ và vài khu nghỉ dưỡng đang hoạt động. Người "
        "phát ngôn của ông cho biết chủ mới sẽ giữ nguyên các khu nghỉ và không đuổi cư dân đang sống trên đảo, đồng "
        "thời đầu tư thêm vào trường học, bệnh viện và hệ thống cấp nước cho cộng đồng bản địa.")
BI = page(BI_TITLE, BI_P)

# a series instalment whose text opens with a '>>' pointer to the previous part, then runs on
KY_TITLE = "Hành trình đi tìm đồng đội của người cựu binh già ở Quảng Trị"
KY_P = (">>Kì trước: Những lá thư chưa kịp gửi từ chiến trường năm xưa. Ba mươi năm sau ngày giải ngũ, ông "
        "Nguyễn Văn Lực vẫn đều đặn mỗi mùa khô khoác ba lô lên đường, lần theo những tấm bản đồ vẽ tay và trí nhớ "
        "của mình để tìm lại nơi đồng đội ngã xuống, rồi báo tin cho những gia đình đã chờ đợi suốt mấy chục năm trời.")
KY_P2 = ("Ông kể nhiều chuyến đi kéo dài hàng tháng, ngủ nhờ nhà dân trong bản và ăn cơm nắm, nhưng chỉ cần tìm "
         "được một ngôi mộ là mọi vất vả đều tan biến.")
KY = page(*MENU, "Phóng sự", KY_TITLE, "27/07/2024 06:00", KY_P, KY_P2, "Hoài Nam")

# HTML: the headline the <h1>, og:title and JSON-LD agree on, a label between it and the text
W1 = ("Sau hai năm chờ đợi, hơn ba trăm hộ dân ở bản Nậm Cang, huyện Sa Pa đã có nước sạch dùng hằng ngày khi "
      "công trình cấp nước tự chảy do tỉnh đầu tư chính thức đưa vào vận hành từ đầu tháng tư.")
W2 = ("Trước đây, người dân phải gùi can nhựa xuống suối cách nhà vài cây số để lấy nước, nhất là vào mùa khô khi "
      "các khe nước trên núi cạn kiệt, trẻ em thường phải nghỉ học để phụ cha mẹ đi lấy nước.")
W3 = ("Ông Vàng A Sử, trưởng bản, cho biết từ khi có nước sạch, tình trạng đau bụng, tiêu chảy ở trẻ nhỏ giảm "
      "hẳn, bà con cũng có nước tưới rau quanh nhà và nuôi thêm lợn gà để tăng thu nhập.")


def html_page(title: str, label: str) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": "2024-04-10T07:00:00+07:00"}, ensure_ascii=False)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{title} | Báo Vùng Cao</title>
<meta property="og:title" content="{title}">
<script type="application/ld+json">{ld}</script></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi">Xã hội</a></li></ul></nav>
<main><div class="detail">
<div class="crumbs"><a href="/xa-hoi">Xã hội</a></div>
<h1>{title}</h1>
<div class="time">Thứ Tư, 10/04/2024 07:00</div>
<div class="topic">{label}</div>
<div class="content"><p>{W1}</p><p>{W2}</p><p>{W3}</p><p><strong>Thu Hà</strong></p></div>
</div></main>
<footer>© 2024 Báo Vùng Cao</footer></body></html>"""


def roles(text: str, params: ExtractParams | None = None) -> dict[str, str]:
    """Each line's role (text path), keyed by the line."""
    art, norm = extract_with_text(Page(id="p", text=text), params)
    lines = norm.split("\n")
    return {lines[r["line"]]: r["role"] for r in art.roles}


# --- model files -----------------------------------------------------------------------------

def builtin_json() -> dict:
    return json.loads(resources.files("vinews").joinpath("data/extract_model.json").read_text(encoding="utf-8"))


def write_models(tmp_path: Path, name: str, edit) -> str:
    d = builtin_json()
    edit(d)
    path = tmp_path / name
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return str(path)


def no_kind(d: dict) -> None:
    d["kind"]["intercept"] = -50.0  # every page a nonarticle


def short_titles(d: dict) -> None:
    d["title"]["coef"][TITLE_FEATURES.index("short")] = 50.0  # a line under 4 words wins the title


# --- Linear ------------------------------------------------------------------------------------

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(1e-2, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def linear_and_x(draw):
    n = draw(st.integers(1, 12))
    vec = lambda s: tuple(draw(st.lists(s, min_size=n, max_size=n)))  # noqa: E731
    lin = Linear(tuple(f"f{i}" for i in range(n)), vec(finite), vec(positive), vec(finite), draw(finite))
    return lin, list(vec(finite))


@settings(max_examples=300, deadline=None)
@given(linear_and_x())
def test_logit_is_the_standardised_formula(lx):
    lin, x = lx
    terms = [c * (v - m) / s for c, v, m, s in zip(lin.coef, x, lin.mean, lin.scale)]
    want = lin.intercept + math.fsum(terms)
    # the folded form sums c*x/s and c*m/s separately: compare relative to the size of those terms
    size = abs(lin.intercept) + sum(abs(c * v / s) + abs(c * m / s)
                                    for c, v, m, s in zip(lin.coef, x, lin.mean, lin.scale))
    assert abs(lin.logit(x) - want) <= 1e-9 * max(size, 1.0)


@settings(max_examples=200, deadline=None)
@given(linear_and_x())
def test_to_dict_from_dict_round_trip(lx):
    lin, x = lx
    back = Linear.from_dict(json.loads(json.dumps(lin.to_dict())))
    assert back == lin
    assert back.w == lin.w and back.bias == lin.bias  # the folded weights are rebuilt the same
    assert back.logit(x) == lin.logit(x)


@settings(max_examples=300, deadline=None)
@given(linear_and_x(), st.floats(-200, 200), st.floats(-200, 200))
def test_prob_in_unit_interval_and_monotone_in_the_logit(lx, b1, b2):
    lin, x = lx
    lo, hi = sorted((b1, b2))
    # two models alike but for the intercept: the same features, the logits differ by hi - lo
    m_lo = Linear(lin.names, lin.mean, lin.scale, lin.coef, lo)
    m_hi = Linear(lin.names, lin.mean, lin.scale, lin.coef, hi)
    p_lo, p_hi = m_lo.prob(x), m_hi.prob(x)
    assert 0.0 <= p_lo <= p_hi <= 1.0
    z = m_lo.logit(x)
    if -30 < z < 30:
        assert p_lo == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-9)


def test_prob_at_the_extremes():
    lin = Linear(("a",), (0.0,), (1.0,), (1.0,), 0.0)
    assert lin.prob([0.0]) == 0.5
    assert lin.prob([-1e6]) == 0.0 and lin.prob([1e6]) == 1.0
    assert lin.prob([-59.0]) < lin.prob([-58.0]) < lin.prob([0.0]) < lin.prob([58.0])


# --- load_models ---------------------------------------------------------------------------------

def test_builtin_models_match_the_codes_features():
    m = load_models()
    assert m.title.names == TITLE_FEATURES
    assert m.caption.names == CAPTION_FEATURES
    assert m.kind.names == KIND_FEATURES
    assert load_models("builtin") is load_models("builtin")  # read once per process
    for lin in (m.title, m.caption, m.kind):
        n = len(lin.names)
        assert len(lin.mean) == len(lin.scale) == len(lin.coef) == n
        assert all(s > 0 for s in lin.scale) and all(map(math.isfinite, lin.coef + (lin.intercept,)))


@pytest.mark.parametrize("model", ["title", "caption", "kind"])
def test_a_model_fitted_on_other_features_is_refused(tmp_path, model):
    def rename(d):
        d[model]["names"][0] = d[model]["names"][0] + "_old"

    path = write_models(tmp_path, f"renamed-{model}.json", rename)
    with pytest.raises(ValueError, match="refit") as err:
        load_models(path)
    assert model in str(err.value)
    # and so does the extractor when told to use the file
    with pytest.raises(ValueError, match="refit"):
        extract(TOOLBAR_ABOVE, params=ExtractParams(model_file=path))


def test_a_missing_model_is_refused(tmp_path):
    path = write_models(tmp_path, "no-caption.json", lambda d: d.pop("caption"))
    with pytest.raises(ValueError, match="refit"):
        load_models(path)


def test_model_file_parameter_is_used(tmp_path):
    path = write_models(tmp_path, "no-kind.json", no_kind)
    assert load_models(path).kind.intercept == -50.0
    builtin = extract(TOOLBAR_ABOVE)
    assert builtin.kind == "article" and builtin.title == HEADLINE
    custom = extract(TOOLBAR_ABOVE, params=ExtractParams(model_file=path))
    assert custom.kind == "nonarticle" and "page-kind model" in custom.reason
    assert not custom.body and custom.lead is None
    # with the kind model off the file's kind model is not consulted
    rules_kind = extract(TOOLBAR_ABOVE, params=ExtractParams(model_file=path, use_fitted_kind=False))
    assert rules_kind.kind == "article"


# --- title ---------------------------------------------------------------------------------------

def test_title_under_a_label_and_tool_bar_buttons():
    a = extract(TOOLBAR_ABOVE)
    assert a.kind == "article" and a.title == HEADLINE
    assert a.published == "2024-08-05T14:20:00+07:00"
    assert a.lead == P1
    r = roles(TOOLBAR_ABOVE)
    assert r["Sao chép liên kết"] == r["Báo lỗi"] == r["Giáo dục"] == "boilerplate"


def test_byline_in_capitals_above_the_lead_is_not_the_title():
    a = extract(BYLINE_CAPS)
    assert a.title == HEADLINE
    assert roles(BYLINE_CAPS)["NGUYỄN MINH TUẤN"] == "byline"
    assert a.author == "Nguyễn Minh Tuấn"
    assert a.lead == P1


@pytest.mark.parametrize("title,label", [
    # the label stands nearest the text, and shares the lead's words more than the headline does;
    # the <h1>, og:title and JSON-LD headline all name the headline
    ("Niềm vui mới ở Nậm Cang", "Nước sạch cho vùng cao"),
    ("Nước sạch về bản Nậm Cang", "Xã hội > Dân sinh > Nước sạch"),
    ("Niềm vui mới ở Nậm Cang", "Chuyên đề: Nước sạch cho bản vùng cao"),
    ("Niềm vui mới ở bản vùng cao Tây Bắc", "Xã hội > Dân sinh > Nước sạch"),
])
def test_html_title_the_markup_agrees_on_beats_a_label_nearer_the_text(title, label):
    html = html_page(title, label)
    a = extract_page(Page(id="h", html=html))
    assert a.kind == "article"
    assert a.title == title
    assert a.lead == W1 and a.body == [W2, W3]
    # the same with the fitted title off: the rules take the <h1> too
    assert extract_page(Page(id="h", html=html), ExtractParams(use_fitted_title=False)).title == title


def test_title_memo_is_tagged_by_model(tmp_path):
    """The score a line earns alone is kept on its (shared) Feat; another model must not reuse it."""
    path = write_models(tmp_path, "short-titles.json", short_titles)
    # end to end, both models in one process, the builtin again after the other
    first = extract(TOOLBAR_ABOVE).title
    other = extract(TOOLBAR_ABOVE, params=ExtractParams(model_file=path)).title
    again = extract(TOOLBAR_ABOVE).title
    assert first == again == HEADLINE
    assert other != HEADLINE and len(other.split()) < 4
    # on the very same Feat records (the default params' line memo shares them across calls)
    builtin, custom = load_models(), load_models(path)
    blocks = segment(TOOLBAR_ABOVE)
    feats = block_features(blocks, DEFAULT)
    assert block_features(segment(TOOLBAR_ABOVE), DEFAULT)[0] is feats[0]  # shared, so the memo is too
    start = next(i for i, b in enumerate(blocks) if b.text == P1)
    lookback = DEFAULT.title_lookback
    pick = lambda m: blocks[choose_title(m, blocks, feats, start, lookback, 0.05)].text  # noqa: E731
    assert pick(builtin) == HEADLINE
    assert feats[start - 2].title_memo[0] is builtin.title
    got = pick(custom)
    assert got != HEADLINE and len(got.split()) < 4
    assert feats[start - 2].title_memo[0] is custom.title
    assert pick(builtin) == HEADLINE


# --- captions ------------------------------------------------------------------------------------

def test_photo_story_captions_become_body_the_bare_credit_stays_a_caption():
    a = extract(PHOTO_STORY)
    assert a.kind == "article" and a.title == PHOTO_TITLE and a.lead == PHOTO_LEAD
    assert a.body == PHOTO_CAPTIONS
    assert a.captions == [CREDIT]
    r = roles(PHOTO_STORY)
    assert r[CREDIT] == "caption"


def test_photo_story_with_one_line_captions_and_a_bare_credit_in_between():
    a = extract(SHORT_PHOTO_STORY)
    assert a.kind == "article" and a.lead == PHOTO_LEAD
    assert a.body == SHORT_CAPTIONS
    assert a.captions == [CREDIT]


def test_photo_story_with_one_line_captions_ending_the_story():
    """Without the bare credit among them, one-line captions carry the story too."""
    text = page(*MENU[:3], "Du lịch", PHOTO_TITLE, "12/11/2023 08:40 GMT+7", PHOTO_LEAD, *SHORT_CAPTIONS,
                "Từ khóa", "du lịch Hà Giang")
    a = extract(text)
    assert a.kind == "article" and a.body == SHORT_CAPTIONS and not a.captions


def test_ordinary_article_keeps_its_captions():
    a = extract(ORDINARY)
    assert a.kind == "article" and a.title == ORD_TITLE
    assert a.lead == ORD_P[0] and a.body == ORD_P[1:]
    assert a.captions == ORD_CAPTIONS


def test_photo_story_keeps_captions_without_the_caption_model():
    a = extract(PHOTO_STORY, params=ExtractParams(use_fitted_caption=False))
    assert a.kind == "article" and a.lead == PHOTO_LEAD
    assert a.captions == PHOTO_CAPTIONS[:2] + [CREDIT] + PHOTO_CAPTIONS[2:]
    assert not a.body


# --- page kind -----------------------------------------------------------------------------------

def test_home_page_is_a_nonarticle_by_the_page_kind_model():
    a = extract(HOME)
    assert a.kind == "nonarticle"
    assert "page-kind model" in a.reason
    assert not a.body and a.lead is None and a.title is None


def test_short_video_post_is_an_article():
    a = extract(VIDEO)
    assert a.kind == "article", a.reason
    assert a.title == VIDEO_TITLE and a.lead == VIDEO_P
    assert a.published == "2024-06-22T19:30:00+07:00"


def test_too_little_text_is_a_nonarticle_whatever_the_model():
    a = extract(TINY)
    assert a.kind == "nonarticle"
    assert a.reason.startswith("too little article text")
    assert "(5 words)" in a.reason
    # a model sure of every page does not lift the floor
    lower = extract(TINY, params=ExtractParams(min_article_prob=0.0))
    assert lower.kind == "nonarticle" and lower.reason.startswith("too little article text")
    # the floor is min_article_words: at 5 the page's 5 words pass it and the model decides
    at_five = extract(TINY, params=ExtractParams(min_article_words=5))
    assert not (at_five.reason or "").startswith("too little article text")


def test_one_paragraph_article_opening_with_its_source():
    a = extract(BI)
    assert a.kind == "article", a.reason
    assert a.title == BI_TITLE
    assert BI_P in [a.lead] + a.body
    assert BI_P not in a.captions and not a.captions
    r = roles(BI)
    assert r[BI_P] in ("lead", "body")


def test_long_line_opening_with_a_related_mark_is_text():
    a = extract(KY)
    assert a.kind == "article" and a.title == KY_TITLE
    assert KY_P in [a.lead] + a.body
    assert KY_P2 in a.body
    assert len(KY_P.split()) > 60
    # the line is text only because it is longer than related_max_words
    short_cut = extract(KY, params=ExtractParams(related_max_words=100))
    assert KY_P not in [short_cut.lead] + short_cut.body


# --- the rules baseline and the command line ----------------------------------------------------

runner = CliRunner()


def _cli_extract(tmp_path: Path, text: str, params_toml: str | None) -> dict:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "photo.txt").write_text(text, encoding="utf-8")
    out = tmp_path / f"out-{params_toml is not None}.jsonl"
    args = ["extract", str(src), "-o", str(out)]
    if params_toml is not None:
        pf = tmp_path / "rules.toml"
        pf.write_text(params_toml, encoding="utf-8")
        args += ["--params", str(pf)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rec


def test_cli_rules_baseline_keeps_photo_story_captions(tmp_path):
    toml = "[extract]\nuse_fitted_title = false\nuse_fitted_caption = false\nuse_fitted_kind = false\n"
    rules = _cli_extract(tmp_path, PHOTO_STORY, toml)
    assert rules["kind"] == "article" and rules["title"] == PHOTO_TITLE
    assert rules["captions"] == PHOTO_CAPTIONS[:2] + [CREDIT] + PHOTO_CAPTIONS[2:] and rules["body"] == []
    fitted = _cli_extract(tmp_path, PHOTO_STORY, None)
    assert fitted["body"] == PHOTO_CAPTIONS and fitted["captions"] == [CREDIT]


def test_rules_baseline_in_python_matches_the_cli():
    a = extract(PHOTO_STORY, params=RULES)
    assert a.kind == "article" and len(a.captions) == 7 and not a.body
    # and the rules' own kind decision: a 29-word video post is too little text for them
    assert extract(VIDEO, params=RULES).kind == "nonarticle"


def test_params_toml_lists_the_fitted_fields():
    res = runner.invoke(app, ["params"])
    assert res.exit_code == 0, res.output
    out = res.output
    for line in ("use_fitted_title = true", "use_fitted_caption = true", "use_fitted_kind = true",
                 'model_file = "builtin"', "min_article_prob = 0.2", "min_article_words = 10",
                 "title_min_prob = 0.05", "rescue_title_min_prob = 0.5", "caption_cue_max_words = 150",
                 "related_max_words = 40"):
        assert line in out.splitlines(), line


def test_params_toml_round_trips_the_fitted_fields(tmp_path):
    p = ExtractParams(use_fitted_title=False, model_file=str(tmp_path / "m.json"), min_article_prob=0.35)
    f = tmp_path / "p.toml"
    f.write_text(p.to_toml(), encoding="utf-8")
    assert ExtractParams.from_toml(f) == p


def test_title_min_prob_of_one_accepts_no_title():
    from vinews.params import ExtractParams

    a = extract(PHOTO_STORY, params=ExtractParams(title_min_prob=1.0))
    assert a.title is None or a.title == ""


def test_unreadable_model_file_is_a_usage_error_not_every_page_rejected(tmp_path):
    from typer.testing import CliRunner

    from vinews.cli import app

    page = tmp_path / "p.txt"
    page.write_text(PHOTO_STORY, encoding="utf-8")
    bad = tmp_path / "m.json"
    bad.write_text('{"title": {}}', encoding="utf-8")
    params = tmp_path / "p.toml"
    params.write_text(f'model_file = "{bad}"\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(page), "-o", str(tmp_path / "o.jsonl"), "--params", str(params)])
    assert res.exit_code == 2 and "model_file" in res.output
    assert not (tmp_path / "o.jsonl").exists()


def test_choose_title_scores_what_the_fit_scores():
    # choose_title computes the placed features inline and the line's own part from its Feat
    # memo; the fit script scores title_features(): the two must be the same number, or the
    # weights are applied to other features than they were fitted on
    from vinews import fitted
    from vinews.classify import locate_text
    from vinews.normalize import normalize_lines
    from vinews.params import DEFAULT
    from vinews.segment import segment_lines

    m = fitted.load_models()
    lin = m.title
    for text in (TOOLBAR_ABOVE, BYLINE_CAPS, PHOTO_STORY):
        blocks = segment_lines(normalize_lines(text))
        feats = block_features(blocks, DEFAULT)
        start = locate_text(blocks, feats, DEFAULT)[0]
        cands = fitted.title_candidates(feats, start, DEFAULT.title_lookback)
        lead = fitted.text_words(blocks, feats, start)
        want = {i: lin.logit(fitted.title_features(blocks, feats, i, start, r, lead)) for r, i in enumerate(cands)}
        best = max(want, key=want.get)
        assert fitted.choose_title(m, blocks, feats, start, DEFAULT.title_lookback, 1e-9) == best
        for r, i in enumerate(cands):  # the memoised static part plus the placed part
            f = feats[i]
            assert f.title_memo is not None and f.title_memo[0] is lin
            placed = fitted._placed(i, start, r, f.title_memo[2], lead)
            z = lin.bias + f.title_memo[1] + sum(w * x for w, x in zip(lin.w[:fitted._PLACED], placed))
            assert math.isclose(z, want[i], rel_tol=1e-9, abs_tol=1e-9)


SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pages"


@pytest.mark.parametrize("start_shift", [0, 1, 3])
@pytest.mark.parametrize("min_prob", [0.0, 0.3, 0.5, 0.9, 0.999])
def test_choose_title_is_the_argmax_of_every_candidates_full_score(start_shift, min_prob):
    """choose_title bounds the lead-overlap term to skip reading the lead; its answer must be the
    plain argmax of the model over every candidate's full feature vector, floor included."""
    from vinews.fitted import load_models, text_words, title_candidates, title_features

    models = load_models()
    checked = 0
    for f in sorted(SAMPLES.glob("*.txt")):
        blocks = segment(f.read_text(encoding="utf-8"))
        for start in range(1 + start_shift, len(blocks), 2):
            feats = block_features(blocks)  # fresh records: no score memo from an earlier start
            for ft in feats:
                ft.title_memo = None
            cands = title_candidates(feats, start, DEFAULT.title_lookback)
            lead = text_words(blocks, feats, start)
            want, want_z = None, -math.inf
            for rank, i in enumerate(cands):
                z = models.title.logit(title_features(blocks, feats, i, start, rank, lead))
                if z > want_z + 1e-9:
                    want, want_z = i, z
            if want is not None and models.title.prob(title_features(blocks, feats, want, start,
                                                                        cands.index(want), lead)) < min_prob:
                want = None
            assert choose_title(models, blocks, feats, start, DEFAULT.title_lookback, min_prob) == want
            checked += 1
    assert checked > 40
