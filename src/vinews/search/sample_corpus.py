"""A small CORPUS_DIR in the exact shape `vinews build` writes, for tests, screenshots and demos.

The articles are written for vinews (no publisher text). They cover what the search and audit
views must handle: a republished copy with a diff, tone-placement variants (hòa/hoà), text with
and without diacritics, a page without a date, and a hostile page with markup in its text.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..corpus.schema import STATS_FILE, TABLES, table_path

ARTICLES = [
    dict(id="a1", site="baoa.vn", url="https://baoa.vn/quoc-phong/viet-nga-1.html",
         title="Đại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga",
         published="2024-03-12T09:30:00+07:00", author="Minh Anh", source=None,
         lead="Sáng 12/3, tại Hà Nội, Đại tướng Lương Cường đã tiếp đoàn đại biểu Bộ Quốc phòng Nga.",
         body=["Hai bên khẳng định hợp tác quốc phòng Việt – Nga là trụ cột quan trọng trong quan hệ đối tác chiến lược toàn diện.",
               "Đoàn Nga đánh giá cao kết quả đào tạo sĩ quan và mong muốn mở rộng trao đổi học viên trong năm tới.",
               "Theo kế hoạch, hai bên sẽ tổ chức đối thoại chính sách quốc phòng thường niên vào cuối năm, đồng thời trao đổi kinh nghiệm về công nghiệp quốc phòng, quân y và tìm kiếm cứu nạn trên biển.",
               "Tại buổi tiếp, Đại tướng Lương Cường đề nghị hai bên tiếp tục phối hợp chặt chẽ tại các diễn đàn đa phương, góp phần giữ gìn hòa bình và ổn định trong khu vực.",
               "Thượng tướng Hoàng Xuân Chiến cũng dự buổi tiếp."],
         captions=["Đại tướng Lương Cường bắt tay trưởng đoàn Nga."]),
    dict(id="a2", site="tinb.vn", url="https://tinb.vn/thoi-su/dai-tuong-tiep-doan-nga.html",
         title="Đại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga",
         published="2024-03-12T15:00:00+07:00", author=None, source="Báo A",
         lead="Sáng 12/3, tại Hà Nội, Đại tướng Lương Cường đã tiếp đoàn đại biểu Bộ Quốc phòng Nga.",
         body=["Hai bên khẳng định hợp tác quốc phòng Việt – Nga là trụ cột quan trọng trong quan hệ đối tác chiến lược toàn diện.",
               "Đoàn Nga đánh giá cao kết quả đào tạo sĩ quan.",
               "Theo kế hoạch, hai bên sẽ tổ chức đối thoại chính sách quốc phòng thường niên vào cuối năm, đồng thời trao đổi kinh nghiệm về công nghiệp quốc phòng, quân y và tìm kiếm cứu nạn trên biển.",
               "Tại buổi tiếp, Đại tướng Lương Cường đề nghị hai bên tiếp tục phối hợp chặt chẽ tại các diễn đàn đa phương, góp phần giữ gìn hòa bình và ổn định trong khu vực."],
         captions=[]),
    dict(id="a3", site="baoa.vn", url="https://baoa.vn/kinh-te/hoa-phat.html",
         title="Hoà Phát đặt mục tiêu sản lượng thép kỷ lục",
         published="2024-05-02T08:00:00+07:00", author="Thu Hà", source=None,
         lead="Tập đoàn Hoà Phát cho biết năm nay sẽ nâng sản lượng thép lên 10 triệu tấn.",
         body=["Lãnh đạo doanh nghiệp nói nhu cầu xây dựng ở miền Bắc đang hồi phục.",
               "Cổ phiếu của tập đoàn tăng nhẹ trong phiên sáng.",
               "Theo báo cáo gửi cổ đông, khu liên hợp gang thép mới ở miền Trung sẽ chạy thử lò cao thứ hai vào quý III, nâng công suất thép cuộn cán nóng thêm khoảng ba triệu tấn mỗi năm.",
               "Các chuyên gia cho rằng giá thép trong nước còn chịu sức ép từ hàng nhập khẩu giá rẻ, nên doanh nghiệp cần đẩy mạnh xuất khẩu sang những thị trường khó tính hơn."],
         captions=[]),
    dict(id="a4", site="tinb.vn", url="https://tinb.vn/the-thao/viet-nam-thang.html",
         title="Tuyển Việt Nam thắng Thái Lan ở trận lượt đi",
         published="2023-12-29T21:45:00+07:00", author="Thu Hà", source=None,
         lead="Tuyển Việt Nam thắng 2-1 trên sân Mỹ Đình tối qua.",
         body=["Tiền đạo Nguyễn Tiến Linh ghi bàn quyết định ở phút 78.",
               "Trận lượt về diễn ra tại Bangkok tuần sau.",
               "Ngay từ đầu trận, đội chủ nhà chủ động dâng cao đội hình và tạo ra nhiều cơ hội nguy hiểm từ hai cánh, buộc thủ môn đội khách phải nhiều lần cứu thua.",
               "Sau trận, huấn luyện viên trưởng cho biết các cầu thủ đã thi đấu đúng tinh thần, nhưng toàn đội vẫn phải cải thiện khả năng dứt điểm trước khi sang Bangkok."],
         captions=["Cầu thủ mừng bàn thắng."]),
    dict(id="a5", site="tinb.vn", url="https://tinb.vn/quoc-te/viet-nam-airlines.html",
         title="Hãng bay mở đường bay mới tới Munich",
         published="2024-06-20T10:00:00+07:00", author="Lan Phương", source=None,
         lead="Tên tiếng Anh của hãng, Viet Nam Airlines, được in trên thân máy bay mới.",
         body=["Đường bay thẳng tới Munich khai thác ba chuyến mỗi tuần.",
               "Hãng cho biết tỷ lệ lấp đầy tháng đầu đạt 85%.",
               "Máy bay thân rộng được dùng cho đường bay này có khoang hạng thương gia mới, ghế có thể ngả phẳng và hệ thống giải trí hỗ trợ tiếng Việt, tiếng Anh và tiếng Đức.",
               "Đại diện hãng nói nhu cầu đi lại giữa hai nước tăng mạnh nhờ du lịch, du học và lao động, nên hãng dự kiến tăng tần suất lên năm chuyến mỗi tuần vào mùa hè."],
         captions=[]),
    dict(id="a6", site="baoc.vn", url="https://baoc.vn/ban-doc/tin-nong.html",
         title='<script>alert("xss")</script> Tin nóng "><img src=x onerror=alert(1)>',
         published=None, author='"><img src=x onerror=alert(2)>', source=None,
         lead='Bạn đọc gửi đoạn mã <script>alert("lead")</script> vào tòa soạn.',
         body=['Chuỗi "><img src=x onerror=alert(3)> phải hiện ra như chữ, không chạy.',
               "Quốc phòng là chủ đề được nhiều bạn đọc quan tâm, còn hợp tác kinh tế thì ít hơn.",
               "Ban biên tập nhắc bạn đọc rằng mọi nội dung gửi về đều được hiển thị nguyên văn dưới dạng chữ, kể cả những đoạn trông giống mã lệnh của trang web.",
               "Đây là bài kiểm tra để bảo đảm công cụ kiểm duyệt không bao giờ chạy đoạn mã nằm trong nội dung thu thập từ các trang báo."],
         captions=[]),
    dict(id="a7", site="baoc.vn", url="https://baoc.vn/xa-hoi/hoa-binh.html",
         title="Thủy điện Hòa Bình vận hành thêm tổ máy",
         published="2024-08-15T07:00:00+07:00", author="Minh Anh", source=None,
         lead="Nhà máy thủy điện Hòa Bình vừa đưa thêm một tổ máy vào vận hành.",
         body=["Công suất tăng thêm giúp ổn định điện cho miền Bắc trong mùa nắng nóng.",
               "Bộ Công Thương yêu cầu bảo đảm an toàn hồ chứa.",
               "Tổ máy mới được lắp đặt trong gian máy ngầm của dự án mở rộng, sau nhiều tháng thi công liên tục của các kỹ sư và công nhân trong điều kiện địa chất phức tạp.",
               "Đơn vị vận hành cho biết mực nước hồ hiện ở mức an toàn và sẽ được điều tiết theo quy trình liên hồ chứa trên lưu vực sông Đà trong mùa mưa lũ."],
         captions=[]),
]

# The raw page around each article: menus and footers that the extractor threw away.
_MENU = "Trang chủ | Thời sự | Kinh tế | Thể thao"
_FOOTER = "© Bản quyền thuộc về tòa soạn. Liên hệ quảng cáo."


def _page(a: dict) -> dict:
    lines, roles = [], []

    def add(line, role, reason=""):
        roles.append({"line": len(lines), "role": role, "reason": reason})
        lines.append(line)

    add(_MENU, "boilerplate", "navigation menu: repeated on every page of the site")
    add(a["title"], "title")
    add(a["published"][:10] if a["published"] else "Cập nhật gần đây", "date" if a["published"] else "boilerplate",
        "" if a["published"] else "no date found in this line")
    add(a["lead"], "lead")
    for p in a["body"]:
        add(p, "body")
    for c in a["captions"]:
        add(c, "caption")
    if a["author"]:
        add(a["author"], "byline")
    add("Tin liên quan: Xem thêm các bài cùng chuyên mục", "boilerplate", "related-links block")
    add(_FOOTER, "boilerplate", "site footer: repeated on every page of the site")
    return {"id": a["id"], "url": a["url"], "site": a["site"], "kind": "article",
            "status": "duplicate" if a["id"] == "a2" else "kept", "reason": "copy of a1" if a["id"] == "a2" else "",
            "raw_text": "\n".join(lines), "roles_json": json.dumps(roles, ensure_ascii=False)}


def write_tables(out: Path, tables: dict[str, list[dict]]) -> None:
    from ..vntime import parse_iso

    for name, rows in tables.items():  # columns a row lacks (seq, counts) are written as nulls
        times = {"articles": ("published",), "republications": ("copy_published", "original_published")}.get(name, ())
        if times:  # publish times are ISO text here, timestamps in the tables
            rows = [dict(r, **{c: parse_iso(r.get(c)) for c in times}) for r in rows]
        pq.write_table(pa.Table.from_pylist(rows, schema=TABLES[name]), table_path(out, name))


def write_sample_pages(path: Path) -> Path:
    """The same stories as raw page records (JSONL: id, url, site, text) for a real `vinews build`:
    a menu, the headline, a date line, the text, captions, a byline, a source line on the copy,
    related links and a footer, one block a paragraph, as the text readers expect."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as f:
        for a in ARTICLES:
            lines = ["Trang chủ", "Thời sự", "Kinh tế", "Thể thao", a["title"]]
            lines.append(a["published"][:10] if a["published"] else "")
            lines += [a["lead"], *a["body"], *a["captions"]]
            lines += [a["author"]] if a["author"] else []
            lines += [f"Theo {a['source']}"] if a["source"] else []
            lines += ["Tin liên quan", "Bản quyền thuộc về tòa soạn. Liên hệ quảng cáo."]
            rec = {"id": a["id"], "url": a["url"], "site": a["site"], "text": "\n\n".join(x for x in lines if x)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def write_sample_corpus(out: Path, annotate: bool = True) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    arts = []
    for a in ARTICLES:
        row = dict(a)
        row["text"] = "\n".join([a["lead"]] + a["body"])
        dup = a["id"] in ("a1", "a2")
        row.update(cluster_id=1 if dup else None, is_canonical=a["id"] != "a2",
                   original_id="a1" if a["id"] == "a2" else None, keywords=[])
        arts.append(row)
    entities: list[dict] = []
    if annotate:
        from ..annotate import annotate_articles

        kws, entities = annotate_articles(arts)
        for row, kw in zip(arts, kws):
            row["keywords"] = kw
    pages = [_page(a) for a in ARTICLES]
    pages.append({"id": "p-home", "url": "https://baoa.vn/", "site": "baoa.vn", "kind": "nonarticle",
                  "status": "nonarticle", "reason": "list page: many short linked headlines",
                  "raw_text": _MENU + "\nTin mới\nĐại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga\n" + _FOOTER,
                  "roles_json": json.dumps([{"line": i, "role": "boilerplate", "reason": "list page"} for i in range(4)])})
    pages.append({"id": "p-empty", "url": "https://baoc.vn/loi.html", "site": "baoc.vn", "kind": "rejected",
                  "status": "rejected", "reason": "empty page", "raw_text": "", "roles_json": "[]"})
    write_tables(out, {
        "articles": arts,
        "pages": pages,
        "clusters": [{"cluster_id": 1, "member_ids": ["a1", "a2"], "size": 2, "similarity": 0.93, "canonical_id": "a1"}],
        "republications": [{"copy_id": "a2", "original_id": "a1", "cluster_id": 1, "evidence": "near-duplicate text; copy names Báo A as source",
                            "similarity": 0.93, "copy_published": ARTICLES[1]["published"],
                            "original_published": ARTICLES[0]["published"], "attribution": "credited"}],
        "site_boilerplate": [{"site": "baoa.vn", "line": _MENU, "count": 3, "pages": 3, "share": 1.0},
                             {"site": "baoa.vn", "line": _FOOTER, "count": 3, "pages": 3, "share": 1.0}],
        "entities": entities,
    })
    stats = {"pages": len(pages), "articles": len(arts), "kept": 6, "duplicates": 1, "nonarticles": 1, "rejected": 1,
             "clusters": 1, "republications": 1,
             "by_site": {"baoa.vn": 2, "tinb.vn": 3, "baoc.vn": 2}}
    (out / STATS_FILE).write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8")
    return out
