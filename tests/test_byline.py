import pytest

from vinews.byline import looks_like_byline, parse_bylines


@pytest.mark.parametrize("lines,author,source", [
    (["Theo TRẦN BÌNH/sggp.org.vn"], "Trần Bình", "sggp.org.vn"),
    (["Ca Tiếu(theo online-tech-tips)"], "Ca Tiếu", "online-tech-tips"),
    (["Theo Vân Anh", "Lao Động"], "Vân Anh", "Lao Động"),
    (["Nhóm PV", "Theo Infonet"], "Nhóm PV", "Infonet"),
    (["NHẬT XUÂN - NGHI VŨ"], "Nhật Xuân, Nghi Vũ", None),
    (["Quang Phong - Tùng Nguyên"], "Quang Phong, Tùng Nguyên", None),
    (["Hà Thu (tổng hợp)"], "Hà Thu", None),
    (["Tin, ảnh: Vũ Thảo"], "Vũ Thảo", None),
    (["Theo TTXVN"], None, "TTXVN"),
    (["(TTXVN)"], None, "TTXVN"),
    (["K. Miên"], "K. Miên", None),
    (["Theo Forbes, Newsweek"], None, "Forbes, Newsweek"),
    # credit forms of many templates: an outlet named by its words, "Nguồn:", "(Theo X)",
    # "X đưa tin", a reporter of an agency, an agency with its outlet, a byline with its time
    (["Theo Thời Báo Online"], None, "Thời Báo Online"),
    (["Nguồn: Nhịp Sống VN"], None, "Nhịp Sống VN"),
    (["(Theo Báo Mới Ngày)"], None, "Báo Mới Ngày"),
    (["Reuters đưa tin"], None, "Reuters"),
    (["Trung Kiên (TTXVN)"], "Trung Kiên", "TTXVN"),
    (["Minh Anh (TTXVN/Vietnam+)"], "Minh Anh", "TTXVN/Vietnam+"),
    (["TTXVN/Vietnam+"], None, "TTXVN/Vietnam+"),
    (["Theo Phạm Trường | 19/07/2026 23:16"], "Phạm Trường", None),
    (["Tác giả: Lê Hoa"], "Lê Hoa", None),
    (["Theo Nguyễn Văn An (Báo Tin Tức)"], "Nguyễn Văn An", "Báo Tin Tức"),
    (["Nguyễn Văn An (an.nv@baomau.vn)"], "Nguyễn Văn An", None),  # an address, not an outlet
])
def test_parse(lines, author, source):
    assert parse_bylines(lines) == (author, source)


@pytest.mark.parametrize("line,ok", [
    ("Theo TRẦN BÌNH/sggp.org.vn", True), ("Minh Khoa", True), ("PV", True), ("(TTXVN)", True),
    ("giảm 900.000 đồng/lượng", False), ("Xem thêm", False),
    ("Báo lỗi cho Soha", False), ("Nguồn: Nhịp Sống VN", True), ("(Theo Báo Mới Ngày)", True),
    ("Người dân đổ về trung tâm thành phố để đón năm mới.", False),
])
def test_looks_like_byline(line, ok):
    assert looks_like_byline(line) is ok


@pytest.mark.parametrize("dateline,credit", [
    ("Minh Anh | 19/07/2026 23:16", ["Minh Anh"]),
    ("19/07/2026 23:16 | Minh Anh", ["Minh Anh"]),
    ("Theo Ngoisao | 25/12/2012 10:25", ["Theo Ngoisao"]),
    # what stands around a date and is nobody's name
    ("Thứ Hai, 19/07/2026 - 06:31", []),
    ("Cập nhật: 19/07/2026 23:16 GMT+7", []),
    ("08:36 ngày 14/03/2016", []),
    ("Chủ nhật, 19/07/2026 23:16 (GMT+7)", []),
    ("Star 04/01/2014 | 00:03", []),  # one word: a section label
])
def test_credit_carried_by_the_dateline(dateline, credit):
    from vinews.metadata import _date_credit

    assert _date_credit([dateline]) == credit
