#!/usr/bin/env python3
"""A realistic stream of scraped news pages for the speed benchmarks: real article text in
synthetic page furniture, many sites, distinct pages, deterministic for a seed.

    .venv/bin/python bench/stream.py --pages 100000 -o stream.jsonl.gz [--seed 1] [--sites 60]
    .venv/bin/vinews build stream.jsonl.gz --out corpus/

    from stream import Stream            # with bench/ on sys.path
    for rec in Stream(seed=1).records(5000): ...   # dicts: id, url, site, fetched, text, gen
    for page in Stream(seed=1).pages(5000): ...    # vinews.model.Page

Why: the old speed streams flattered the extractor. Cycling 96 benchmark pages makes the
per-line memo hit ~99%; 19-line pages of random syllables are a tenth of a real page's work.
This stream is shaped like a crawl across many sites (issue 14, item 1).

Article text. Read at run time from ../shared/corpora (magizbox_baomoi_txt: title, sapo,
body; baomoi_2014_json: title, sapo and paragraphs from the article HTML; vietnews_test_
tokenized: detokenised); never stored in the repository. Without ../shared the bundled
samples/pages are used instead (a message says so). ~400 articles cannot give a million
distinct articles, so each page's article is recombined: its title is a real title or a
headline made from a short real sentence; its lead is a real sapo or the first sentence(s) of
its base article; its body is a run of its base article's sentences followed by runs from other
articles, regrouped into paragraphs of 1-4 sentences; digits 4-9 are permuted per page (dates,
prices and scores stay plausible: 0-3 are kept, so days and months stay valid). Two pages share
a few sentences at most, so MinHash dedup sees them as distinct, while each line reads like news.

Furniture. Written here (generic Vietnamese news-site labels, invented names), never copied
from a publisher. Each of `sites` synthetic sites (default 60) draws once, from the seed: its
name and domain, a menu (compact, or expanded with subsections, sometimes printed twice), a top
bar, breadcrumb style, dateline format ("Thứ hai, 14/10/2024 08:30", "14/10/2024 - 08:30",
"Cập nhật: 08:30, 14/10/2024" ...), byline form and position ("Minh Anh", "Bài, ảnh: ...",
"Nguyễn Minh Anh - Trần Bình", "(thực hiện)" ...), whether its lead starts "(Name) - ", whether
the headline is printed twice, its share buttons, its "Tin liên quan" / "Xem thêm" / "Đọc
nhiều" teaser blocks (teaser titles with dates such as "(14/10/2024 08:30)" or "2 giờ trước"),
its comment box ("Bình luận (12)") and footer (licence, editor, address, phone). Per page: the
dates, byline, teaser lists (a site's "most read" list drifts slowly, as on a real site), tags,
comment counts and the article itself are drawn fresh. Pages have ~170 non-blank lines on
average (the benchmark pages: mean 173, median 152, p10 56, p90 346), blocks separated by a
blank line like ../shared/bench/pages.

Mix (per page, independent draws): 85% articles, 5% non-articles (home or category pages:
headline + dated teaser lists), 5% re-crawls (the exact text of a recent page again, same url,
new id, later fetch time), 5% edited copies (a recent article republished on another site, in
that site's furniture, with small edits and a "Theo X" credit). Each record's `gen` field says
which (`{"kind": ..., "of": original id}`, and an edited copy's "credit" line); the readers
ignore it.

Speed: generated on the fly, ~4,000-5,000 pages/s on one core of the 2-core dev machine (the
CLI prints its own rate), so a 1M-page file takes ~4 minutes and the stream is never the
bottleneck of a benchmark that extracts at 3,000 pages/s.
"""
from __future__ import annotations

import argparse
import gzip
import html as htmlmod
import itertools
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLES = ROOT / "samples" / "pages"

SHARES = {"nonarticle": 0.05, "recrawl": 0.05, "edited": 0.05}  # the rest are articles

# ---------------------------------------------------------------------------------------------
# article text, read at run time


@dataclass
class Source:
    title: str
    lead: str
    sents: list[str]  # body sentences in order
    captions: list[str] = field(default_factory=list)


_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_ABBR_END = re.compile(r"(?:^|\s)(?:[A-ZĐ][a-zđ]{0,2}|TP|TS|PGS|GS|ThS|Th|St|Mr|Mrs|Dr|[A-ZĐ])\.$")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split after . ! ? … unless the next piece starts lower-case
    or the previous ends in an abbreviation or an initial ("TP.", "ông H.")."""
    out: list[str] = []
    for piece in _SENT_SPLIT.split(text.strip()):
        if out and (piece[:1].islower() or _ABBR_END.search(out[-1]) or len(out[-1]) < 12):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return [s for s in out if s]


def _clean(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def _detok(s: str) -> str:
    """VietNews' word-segmented text back to plain text: words joined by '_', punctuation
    spaced off."""
    s = s.replace("_", " ")
    s = re.sub(r" ([,.;:!?%)\]”…])", r"\1", s)
    s = re.sub(r"([(\[“]) ", r"\1", s)
    return _clean(s)


def _source(title: str, lead: str, paras: list[str], captions: list[str] | None = None) -> Source | None:
    title, lead = _clean(title), _clean(lead)
    sents = [s for p in paras for s in split_sentences(_clean(p)) if len(s) >= 20]
    if not title or len(sents) < 2:
        return None
    if not lead:
        lead = sents.pop(0)
    return Source(title, lead, sents, [c for c in (captions or []) if 10 <= len(c) <= 200])


def _read_magizbox(path: Path) -> Source | None:
    lines = [ln for ln in path.read_text(encoding="utf-8", errors="replace").split("\n") if ln.strip()]
    return _source(lines[0], lines[1], lines[2:]) if len(lines) >= 3 else None


def _read_vietnews(path: Path) -> Source | None:
    blocks = path.read_text(encoding="utf-8", errors="replace").split("\n\n")
    if len(blocks) < 3:
        return None
    body = [_detok(ln) for b in blocks[2:] for ln in b.split("\n") if ln.strip()]
    return _source(_detok(blocks[0]), _detok(blocks[1]), body)


def _html_text(fragment: str) -> str:
    return _clean(htmlmod.unescape(_TAGS.sub(" ", fragment)))


def _read_baomoi(path: Path) -> Source | None:
    try:
        rec = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except ValueError:
        return None
    rec = {k.lower(): v for k, v in rec.items()}
    content = rec.get("content") or ""
    title = rec.get("title") or ""
    m = re.search(r'<h3 class="sapo[^"]*">(.*?)</h3>', content, re.S)
    lead = _html_text(m.group(1)) if m else (rec.get("description") or "")
    paras = [_html_text(p) for p in re.findall(r'<p class="text">(.*?)</p>', content, re.S)]
    caps = [_html_text(p) for p in re.findall(r'<p class="text media-caption[^"]*">(.*?)</p>', content, re.S)]
    if not paras:  # the older records: one HTML blob; a block tag starts a paragraph
        paras = [_html_text(p) for p in re.split(r"<(?:/p|br\s*/?|/div|/td|/tr|p)[^>]*>", content)]
        paras = [p for p in paras if len(p) > 40]
    return _source(title, lead, paras, caps)


def _read_sample(path: Path) -> Source | None:
    """A bundled sample page (the project's own writing): its headline is the first line of
    6-25 words with no closing punctuation, its paragraphs the long lines after it."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    for i, ln in enumerate(lines):
        if 6 <= len(ln.split()) <= 25 and ln[-1] not in ".!?:":
            paras = [p for p in lines[i + 1:] if len(p.split()) >= 15]
            return _source(ln, "", paras) if len(paras) >= 2 else None
    return None


def load_sources(corpora: Path | None = None, quiet: bool = False) -> tuple[list[Source], str]:
    """(articles, where they came from). ../shared/corpora when present, else samples/pages."""
    corpora = CORPORA if corpora is None else corpora
    readers = (("magizbox_baomoi_txt", "*.txt", _read_magizbox), ("baomoi_2014_json", "*.json", _read_baomoi),
               ("vietnews_test_tokenized", "*.seg", _read_vietnews))
    out: list[Source] = []
    for sub, pattern, read in readers:
        for p in sorted((corpora / sub).glob(pattern)) if (corpora / sub).is_dir() else ():
            s = read(p)
            if s is not None:
                out.append(s)
    if out:
        return out, f"{len(out)} articles from {corpora}"
    out = [s for p in sorted(SAMPLES.glob("*.txt")) if (s := _read_sample(p)) is not None]
    msg = f"{corpora} absent: {len(out)} articles from the bundled samples in {SAMPLES}"
    if not quiet:
        print(f"stream: {msg}", file=sys.stderr)
    if not out:
        raise SystemExit(f"stream: no article text in {corpora} nor in {SAMPLES}")
    return out, msg


# ---------------------------------------------------------------------------------------------
# furniture vocabulary (our own: generic labels, invented names)

SECTIONS = {
    "Thời sự": ["Chính trị", "Dân sinh", "Giao thông", "Môi trường", "Quốc phòng"],
    "Thế giới": ["Tư liệu", "Phân tích", "Người Việt năm châu", "Quân sự"],
    "Kinh doanh": ["Tài chính", "Chứng khoán", "Doanh nghiệp", "Tiêu dùng", "Hàng hóa", "Vĩ mô"],
    "Bất động sản": ["Dự án", "Thị trường", "Nhà đẹp", "Chính sách"],
    "Xã hội": ["Đời sống", "Lao động - Việc làm", "Người tốt việc tốt", "Nóng trên mạng"],
    "Pháp luật": ["Hồ sơ phá án", "Tư vấn", "Ký sự pháp đình", "Văn bản mới"],
    "Giáo dục": ["Tuyển sinh", "Du học", "Khuyến học", "Góc phụ huynh", "Trắc nghiệm"],
    "Sức khỏe": ["Dinh dưỡng", "Khỏe đẹp", "Các bệnh", "Y tế", "Tư vấn sức khỏe"],
    "Văn hóa": ["Văn học", "Sân khấu", "Di sản", "Mỹ thuật"],
    "Giải trí": ["Sao Việt", "Âm nhạc", "Điện ảnh", "Truyền hình", "Thời trang"],
    "Thể thao": ["Bóng đá Việt Nam", "Bóng đá quốc tế", "Quần vợt", "Võ thuật", "Lịch thi đấu", "Các môn khác"],
    "Công nghệ": ["Điện thoại", "Ứng dụng", "Bảo mật", "Thiết bị", "Chuyển đổi số"],
    "Xe": ["Thị trường xe", "Xe điện", "Đánh giá xe", "Kinh nghiệm lái", "Bảng giá"],
    "Du lịch": ["Điểm đến", "Ẩm thực", "Cẩm nang", "Tour hay"],
    "Đời sống": ["Gia đình", "Tình yêu", "Nhà đẹp", "Chuyện lạ", "Mẹo vặt"],
    "Khoa học": ["Vũ trụ", "Phát minh", "Thế giới tự nhiên"],
    "Ý kiến": ["Bình luận", "Thư bạn đọc", "Góc nhìn"],
    "Nông nghiệp": ["Nông thôn mới", "Kinh tế vườn", "Thị trường nông sản"],
    "Video": [], "Ảnh": [], "Podcast": [], "Multimedia": [], "Tâm sự": [], "Infographic": [],
}
SECTION_NAMES = list(SECTIONS)
NAME_CORES = ["Phương Nam", "Đất Việt", "Sông Hồng", "Thời Đại", "Nhịp Sống", "Tiếng Dân", "Miền Trung",
              "Thủ Đô", "Biển Đông", "Đồng Bằng", "Cao Nguyên", "Người Việt", "Bình Minh", "Sao Mai", "Thế Hệ",
              "Kinh Tế Số", "Phố Núi", "Ven Biển", "Cửu Long", "Trường Sơn", "Hồng Lam", "Tây Bắc", "Đông Á",
              "Sài Gòn Mới", "Hà Thành", "Nhân Ái", "Tuổi Xanh", "Gia Đình Việt", "Đời Sống Mới", "Thị Trường"]
NAME_KINDS = ["Báo", "Tạp chí", "Tin", "Cổng thông tin", "Nhật báo", "Báo điện tử", "Trang tin"]
TLDS = [".vn", ".com.vn", ".net.vn", ".vn", ".com", ".net"]
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Tạ".split()
MIDDLE = "Văn Thị Minh Hữu Đức Thanh Ngọc Quang Xuân Thu Hoài Gia Bảo Anh Kim Tuấn Hải".split()
GIVEN = ("An Anh Bình Châu Cường Dũng Duy Giang Hà Hải Hạnh Hiếu Hoa Hòa Hùng Hương Khoa Khánh Lan Linh Long "
         "Mai Minh Nam Nga Ngân Nhung Phong Phúc Phương Quân Quyên Sơn Tâm Thảo Thắng Trang Trung Tú Tuấn Vân "
         "Việt Vy Yến").split()
CITIES = ["Hà Nội", "TP.HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Nha Trang", "Vinh", "Quy Nhơn"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
           "Phan Đình Phùng", "Nguyễn Du", "Bà Triệu", "Hoàng Diệu"]
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
TOP_ITEMS = ["Đăng nhập", "Đăng ký", "Tìm kiếm", "English", "RSS", "Liên hệ", "Tải ứng dụng", "Video",
             "Podcast", "E-paper", "Đặt báo", "Quảng cáo", "Tin mới", "Tin nóng", "Mới nhất"]
SHARE_ITEMS = ["Chia sẻ", "Facebook", "Zalo", "Twitter", "Copy link", "In bài", "Lưu bài", "Gửi email",
               "Chia sẻ bài viết", "Lưu", "Thích", "Tweet", "Bản in", "Cỡ chữ", "A-", "A+"]
RELATED = ["Tin liên quan", "Xem thêm", "Tin cùng chuyên mục", "Có thể bạn quan tâm", "Đọc thêm",
           "Bài viết liên quan", "Tin khác", "Các tin khác", "Tin mới hơn", "Tin cũ hơn"]
HOT = ["Đọc nhiều", "Tin mới nhất", "Xem nhiều nhất", "Tiêu điểm", "Nổi bật", "Tin nổi bật", "Mới cập nhật",
       "Được quan tâm", "Tin nóng"]
TAG_LABELS = ["Từ khóa:", "Tags:", "Chủ đề:", "TAG", "Thẻ:", "Từ khoá"]
COMMENT = [["Bình luận ({n})", "Gửi bình luận", "Bạn cần đăng nhập để bình luận"],
           ["Ý kiến bạn đọc", "Viết bình luận của bạn...", "Gửi"],
           ["{n} bình luận", "Xem tất cả bình luận", "Viết bình luận"],
           ["Bình luận", "Chưa có bình luận nào. Hãy là người đầu tiên bình luận!"],
           ["Gửi ý kiến của bạn", "Họ tên", "Email", "Nội dung bình luận", "Gửi ý kiến"],
           ["Bình luận ({n})", "Mới nhất", "Cũ nhất", "Xem thêm bình luận"]]
COMMENT_WORDS = ["Bài viết rất hay", "Cảm ơn tác giả", "Đồng ý với bạn", "Thông tin hữu ích", "Mong cơ quan "
                 "chức năng vào cuộc", "Chia sẻ cho mọi người cùng biết", "Quá buồn", "Tuyệt vời",
                 "Hy vọng sớm được giải quyết", "Ủng hộ"]
FOOTER_LINKS = ["Giới thiệu", "Liên hệ tòa soạn", "Quảng cáo", "Điều khoản sử dụng", "Chính sách bảo mật",
                "Đường dây nóng", "Sơ đồ trang", "Tuyển dụng", "Về đầu trang", "Theo dõi chúng tôi trên"]
TELL = ["Clip:", "Video:", "Ảnh:", "Infographic:", "Nóng:", "Trực tiếp:", "Toàn cảnh:"]
CAPTION_TAILS = ["(Ảnh: {n})", "Ảnh: {n}", "(Ảnh minh họa)", "Ảnh minh họa", "- Ảnh: {n}", "(Ảnh: Internet)",
                 "Ảnh: Tư liệu", "(Ảnh: NVCC)"]
EDITS = [(" cho biết ", " cho hay "), (" cho hay ", " cho biết "), (" đã ", " "), (" rất ", " khá "),
         (" nhiều ", " không ít "), (" hiện nay ", " hiện "), (" tuy nhiên", " dù vậy"), (" người dân ", " bà con "),
         (" khoảng ", " chừng "), (" tiếp tục ", " vẫn ")]
RELATIVE = ["{m} phút trước", "{h} giờ trước", "Hôm qua", "{d} ngày trước", "Vừa xong"]

_LETTER = {}
for _cp in range(0x00C0, 0x1EFF + 1):
    _ch = chr(_cp)
    _base = unicodedata.normalize("NFD", _ch)[0]
    if _base.isascii() and _base.isalpha():
        _LETTER[_cp] = _base.lower()
_LETTER.update({ord("đ"): "d", ord("Đ"): "d"})
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(s: str, words: int = 9) -> str:
    s = " ".join(s.split()[:words]).translate(_LETTER).lower()
    return _SLUG_DROP.sub("-", s).strip("-") or "bai-viet"


N_PERMS = 8
_HAS_HI_DIGIT = re.compile(r"[4-9]")


def _perms(rng: Random, n: int = N_PERMS) -> list[bytes]:
    """Digit permutations that keep 0-3 (days, months, hours stay valid) and shuffle 4-9, as
    byte tables (UTF-8 digits are single bytes; bytes.translate is 15x str.translate)."""
    out = []
    for _ in range(n):
        hi = list(b"456789")
        rng.shuffle(hi)
        out.append(bytes.maketrans(b"456789", bytes(hi)))
    return out


def _variants(strings: list[str], perms: list[bytes]) -> list[list[str]]:
    """strings under each permutation; a string with no digit 4-9 is shared, not copied."""
    out = []
    for table in perms:
        out.append([x.encode().translate(table).decode() if _HAS_HI_DIGIT.search(x) else x for x in strings])
    return out


# ---------------------------------------------------------------------------------------------
# sites


@dataclass
class Site:
    name: str
    short: str
    domain: str
    top: list[str]
    menu: list[str]
    foot: list[str]
    sections: list[str]
    date_style: int
    byline_style: int
    byline_top: bool
    lead_prefix: bool
    title_twice: float
    crumbs: int  # 0 none, 1 one line "Trang chủ > A > B", 2 one line per item
    share: list[str]
    share_twice: bool
    related: str
    related_n: tuple[int, int]
    teaser_time: int
    teaser_sapo: float
    hot: str
    hot_n: int
    comment: list[str]
    tag_label: str
    spaces: float  # chance of a whitespace-only line after a block (some renderers leave them)
    more: str = ""  # a second teaser block ("Tin mới nhất" ...), drawn fresh per page
    more_n: int = 0
    hot_list: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)  # headlines of this site's recent articles


def _person(rng: Random, full: float = 0.5) -> str:
    if rng.random() < full:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return f"{rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_sites(n: int, rng: Random) -> list[Site]:
    names = [(k, c) for c in NAME_CORES for k in NAME_KINDS]
    rng.shuffle(names)
    sites = []
    for i in range(n):
        kind, core = names[i % len(names)]
        short = core if i < len(names) else f"{core} {i // len(names) + 1}"
        name = f"{kind} {short}"
        domain = slug(f"{kind} {core}").replace("-", "") + ("" if i < len(names) else str(i)) + rng.choice(TLDS)
        # three sizes of template, so that page lengths spread like the benchmark's (a lean
        # site's article page has ~50 lines, a portal's 250-450)
        size = rng.choices(("lean", "normal", "portal"), (15, 45, 40))[0]
        lean, portal = size == "lean", size == "portal"
        secs = rng.sample(SECTION_NAMES, rng.randint(4, 8) if lean else rng.randint(12, 20) if portal else rng.randint(7, 14))
        expanded = portal or (not lean and rng.random() < 0.5)
        menu = ["Trang chủ"] if rng.random() < 0.7 else []
        for s in secs:
            menu.append(s.upper() if rng.random() < 0.1 else s)
            if expanded:
                menu += SECTIONS[s][:rng.randint(2, 6)]
        if rng.random() < (0.6 if portal else 0.0 if lean else 0.2):
            menu = menu + menu  # desktop and mobile menus both in the text
        top = [name] if rng.random() < 0.6 else [short.upper()]
        top += rng.sample(TOP_ITEMS, rng.randint(1, 3) if lean else rng.randint(2, 7))
        if rng.random() < 0.4:
            top.append(f"{rng.choice(CITIES)} {rng.randint(18, 35)}°C")
        if rng.random() < 0.3:
            top.append(f"Hotline: 0{rng.randint(900, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}")
        foot = []
        if portal and rng.random() < 0.7:
            foot += menu[:120]  # the whole site map again
        elif not lean and rng.random() < 0.6:
            foot += rng.sample(secs, min(len(secs), rng.randint(5, 12)))
        foot += rng.sample(FOOTER_LINKS, rng.randint(1, 2) if lean else rng.randint(2, 6))
        city, year = rng.choice(CITIES), rng.randint(1995, 2020)
        foot += [f"© {year} - {rng.randint(2022, 2025)} {name}. Bản quyền thuộc về {name}.",
                 f"Giấy phép số {rng.randint(10, 999)}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày "
                 f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2023)}",
                 f"Tổng biên tập: {_person(rng, 1.0)}",
                 f"Địa chỉ: Số {rng.randint(1, 300)} {rng.choice(STREETS)}, {city}",
                 f"Điện thoại: 0{rng.randint(20, 29)} {rng.randint(3000, 3999)} {rng.randint(1000, 9999)} - "
                 f"Email: toasoan@{domain}"]
        if lean:
            del foot[-2:]
        if rng.random() < 0.5:
            foot.append("Ghi rõ nguồn khi phát hành lại thông tin từ website này.")
        if rng.random() < 0.4:
            foot.append(f"Chịu trách nhiệm nội dung: {_person(rng, 1.0)}")
        lo = rng.randint(0, 3) if lean else rng.randint(8, 14) if portal else rng.randint(3, 8)
        sites.append(Site(
            name=name, short=short, domain=domain, top=top, menu=menu, foot=foot, sections=secs,
            date_style=rng.randrange(8), byline_style=rng.randrange(9), byline_top=rng.random() < 0.4,
            lead_prefix=rng.random() < 0.3, title_twice=rng.choice([0.0, 0.0, 0.3, 0.9]), crumbs=rng.randrange(3),
            share=rng.sample(SHARE_ITEMS, rng.randint(2, 6)), share_twice=rng.random() < 0.4,
            related=rng.choice(RELATED), related_n=(lo, lo + rng.randint(2, 4 if lean else 10)), teaser_time=rng.randrange(6),
            teaser_sapo=rng.choice([0.0, 0.0, 0.5, 1.0]), hot=rng.choice(HOT),
            hot_n=0 if lean else rng.randint(8, 15) if portal else rng.randint(0, 10),
            more=rng.choice(HOT) if portal or rng.random() < 0.2 else "", more_n=rng.randint(6, 20),
            comment=rng.choice(COMMENT)[:1] if lean else rng.choice(COMMENT), tag_label=rng.choice(TAG_LABELS), spaces=rng.choice([0.0, 0.0, 0.0, 0.15])))
    assert len({x.domain for x in sites}) == len(sites)
    return sites


# ---------------------------------------------------------------------------------------------
# the stream


def fmt_date(t: datetime, style: int) -> str:
    d, hm = f"{t.day:02d}/{t.month:02d}/{t.year}", f"{t.hour:02d}:{t.minute:02d}"
    wd = WEEKDAYS[t.weekday()]
    if style == 0:
        return f"{wd}, {d} {hm}"
    if style == 1:
        return f"{d} - {hm}"
    if style == 2:
        return f"{hm} {d}"
    if style == 3:
        return f"{wd}, ngày {d} | {hm}"
    if style == 4:
        return f"{d} {hm} GMT+7"
    if style == 5:
        return f"Cập nhật: {hm}, {d}"
    if style == 6:
        return f"{t.day:02d}-{t.month:02d}-{t.year} {hm}:{t.second:02d}"
    return f"{wd}, {d}, {hm} (GMT+7)"


@dataclass
class _Art:
    id: str
    site: Site
    url: str
    section: str
    title: str
    lead: str
    paras: list[str]
    published: datetime


class Stream:
    """Deterministic page stream: the same seed, sites and sources give the same pages, and
    the first N pages do not depend on how many are asked for."""

    def __init__(self, seed: int = 1, sites: int = 60, corpora: Path | None = None, quiet: bool = False,
                 sources: list[Source] | None = None, id_prefix: str = "r") -> None:
        if sources is None:
            sources, self.origin = load_sources(corpora, quiet)
        else:
            self.origin = f"{len(sources)} given articles"
        self.sources = sources
        self.seed, self.id_prefix = seed, id_prefix
        rng = Random(f"vinews-stream-sites-{seed}")
        self.sites = make_sites(sites, rng)
        self.perms = _perms(rng)
        sents = [s for src in sources for s in src.sents]
        self.offsets = list(itertools.accumulate((len(src.sents) for src in sources), initial=0))
        # short sentences make headlines (no closing stop): ~30x as many as the real titles
        heads = [s.rstrip(".!…") for s in sents if 6 <= s.count(" ") <= 16 and '"' not in s]
        titles = [s.title for s in sources] + heads
        captions = [c for s in sources for c in s.captions] + [s for s in sents if len(s) < 110]
        # every pool under every digit permutation, made once: a page picks a permutation v
        # and reads pool[v][k] (no per-page string translation)
        self.sents = _variants(sents, self.perms)
        self.titles = _variants(titles, self.perms)
        self.leads = _variants([s.lead for s in sources], self.perms)
        self.captions = _variants(captions, self.perms)
        self.n_sents, self.n_titles, self.n_caps = len(sents), len(titles), len(captions)

    # -- pieces ------------------------------------------------------------------------------
    def _teaser_time(self, rng: Random, site: Site, now: datetime) -> str:
        st, r = site.teaser_time, rng.random()  # one draw per teaser (randint costs 5x)
        if st == 0:
            t = now - timedelta(minutes=5 + int(r * 4320))
            return f"({t.day:02d}/{t.month:02d}/{t.year} {t.hour:02d}:{t.minute:02d})"
        if st == 1:
            k = int(r * 1000)
            return RELATIVE[k % 5].format(m=2 + k % 58, h=1 + k % 23, d=2 + k % 5)
        if st == 2:
            t = now - timedelta(hours=1 + int(r * 200))
            return f"{t.hour:02d}:{t.minute:02d} {t.day:02d}/{t.month:02d}"
        if st == 3:
            t = now - timedelta(hours=1 + int(r * 400))
            return f"{t.day:02d}/{t.month:02d}/{t.year}"
        if st == 4:
            return fmt_date(now - timedelta(minutes=5 + int(r * 4320)), site.date_style)
        return ""

    def _clause(self, rng: Random, v: int) -> str:
        """A headline cut from a real sentence: its first 7-16 words, closing stop dropped
        (far more distinct headlines than the corpora have titles)."""
        words = self.sents[v][int(rng.random() * self.n_sents)].split()
        return " ".join(words[:7 + int(rng.random() * 10)]).rstrip(".,;:!?…")

    def _headline(self, rng: Random, v: int) -> str:
        t = self.titles[v][int(rng.random() * self.n_titles)]
        if rng.random() < 0.04:
            t = f"{rng.choice(TELL)} {t}"
        return t

    def _teasers(self, rng: Random, site: Site, now: datetime, n: int, v: int, out: list[str],
                 sapo: float) -> None:
        inline = site.teaser_time == 0 and rng.random() < 0.5
        own = site.recent
        for _ in range(n):
            # most teasers link to the site's own recent articles (their headlines recur on the
            # site's pages for a while, then age out); the rest to articles outside this stream
            h = own[int(rng.random() * len(own))] if len(own) > 10 and rng.random() < 0.75 else self._headline(rng, v)
            when = self._teaser_time(rng, site, now)
            if inline and when:
                out.append(f"{h}  {when}")
            else:
                out.append(h)
                if when:
                    out.append(when)
            if sapo and rng.random() < sapo:
                out.append(self.sents[v][int(rng.random() * self.n_sents)])

    def _byline(self, rng: Random, site: Site) -> str:
        st = site.byline_style
        if st == 0:
            return _person(rng, 0.3)
        if st == 1:
            return _person(rng, 0.3).upper()
        if st == 2:
            return f"Bài, ảnh: {_person(rng, 0.5)}"
        if st == 3:
            return f"{_person(rng, 1.0)} - {_person(rng, 1.0)}"
        if st == 4:
            return f"{_person(rng, 0.4)} (thực hiện)"
        if st == 5:
            return f"Tác giả: {_person(rng, 0.8)}"
        if st == 6:
            return rng.choice(["PV", "Nhóm PV", "Nhóm phóng viên", "CTV", "BTV"])
        if st == 7:
            return f"{_person(rng, 0.3)} - {rng.choice(CITIES)}"
        return f"Theo {_person(rng, 0.3)} ({site.short})"

    def _body(self, rng: Random, b: int, v: int) -> list[str]:
        """Paragraphs: a run of base article b's sentences, then runs of 2-6 from others."""
        target = max(3, int(rng.lognormvariate(3.0, 0.6)))  # sentences; median ~20
        pool = self.sents[v]
        lo, hi = self.offsets[b], self.offsets[b + 1]
        start = lo + int(rng.random() * max(1, hi - lo - 3))
        # the base article gives at most a third of the sentences, so that two pages built on
        # the same base share too little text for dedup to call them copies
        sents = pool[start:min(hi, start + max(2, int(target * (0.15 + 0.2 * rng.random()))))]
        while len(sents) < target:
            k = int(rng.random() * self.n_sents)
            sents += pool[k:k + 2 + int(rng.random() * 5)]
        del sents[target:]
        paras, i = [], 0
        while i < target:
            k = 1 + int(rng.random() * 3.2)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        return paras

    # -- pages -------------------------------------------------------------------------------
    def _article(self, rng: Random, i: int, now: datetime, site: Site, art: _Art | None = None,
                 credit: str | None = None) -> tuple[str, _Art]:
        v = int(rng.random() * N_PERMS)
        if art is None:
            b = int(rng.random() * len(self.sources))
            r = rng.random()
            title = self.titles[v][b] if r < 0.2 else self._headline(rng, v) if r < 0.5 else self._clause(rng, v)
            o = self.offsets[b]
            lead = self.leads[v][b] if rng.random() < 0.8 else " ".join(self.sents[v][o:min(o + 2, self.offsets[b + 1])])
            paras = self._body(rng, b, v)
            section = rng.choice(site.sections)
            published = now - timedelta(minutes=rng.randint(1, 600))
            aid = f"{self.id_prefix}{i:08d}"
            art = _Art(aid, site, f"https://{site.domain}/{slug(section, 3)}/{slug(title)}-{i}.html", section,
                       title, lead, paras, published)
            site.recent.append(title)
            if len(site.recent) > 400:
                del site.recent[:200]
        else:
            section = rng.choice(site.sections)
        title, lead, paras = art.title, art.lead, art.paras
        out: list[str] = []
        add = out.append
        out += site.top
        out += site.menu
        if site.crumbs == 1:
            add(f"Trang chủ > {section}")
        elif site.crumbs == 2:
            out += ["Trang chủ", section]
        if site.title_twice and rng.random() < site.title_twice:
            add(title)
        add(title)
        date = fmt_date(art.published if credit is None else now - timedelta(minutes=rng.randint(1, 300)),
                        site.date_style)
        byline = self._byline(rng, site)
        if site.byline_top and site.byline_style == 8:
            add(f"{byline} | {date}")
        else:
            add(date)
            if site.byline_top:
                add(byline)
        if site.share_twice:
            out += site.share
        if site.lead_prefix:
            lead = f"({site.short}) - {lead}"
        add(lead)
        for j, p in enumerate(paras):
            add(p)
            r = rng.random()
            if r < 0.08:
                cap = self.captions[v][int(rng.random() * self.n_caps)]
                add(f"{cap} {rng.choice(CAPTION_TAILS).format(n=_person(rng, 0.3))}")
            elif r < 0.11 and j < len(paras) - 1:
                add(f"Xem thêm: {self._headline(rng, v)}")
            elif r < 0.15 and j < len(paras) - 1:
                h = self.titles[v][int(rng.random() * self.n_titles)]
                add(" ".join(h.split()[:7]))  # a subheading
        if not site.byline_top:
            add(byline)
        if credit:
            add(credit)
        if rng.random() < 0.7:
            words = [w for w in title.split() if w[:1].isupper()][:8]
            tags = [" ".join(words[k:k + 2]) for k in range(0, len(words), 2)] or [section]
            out += [site.tag_label] + tags
        out += site.share
        n = rng.randint(*site.related_n)
        if n:
            add(site.related)
            self._teasers(rng, site, now, n, v, out, site.teaser_sapo)
        c = rng.randint(0, 40)
        for line in site.comment:
            add(line.format(n=c))
        for _ in range(min(c, 4) if rng.random() < 0.3 else 0):
            add(_person(rng, 0.5))
            add(rng.choice(COMMENT_WORDS))
        self._hot(rng, site, out)
        if site.more:
            out.append(site.more)
            self._teasers(rng, site, now, site.more_n, v, out, 0.0)
        out += site.foot
        return self._join(rng, site, out), art

    def _hot(self, rng: Random, site: Site, out: list[str]) -> None:
        """The site's "most read" box: the same list on consecutive pages, one entry replaced
        now and then (as the real box drifts through a day)."""
        if not site.hot_n:
            return
        hl = site.hot_list
        own = site.recent
        while len(hl) < site.hot_n:
            hl.append(self._headline(rng, 0))
        if rng.random() < 0.3:
            hl[int(rng.random() * len(hl))] = own[-1] if own else self._headline(rng, 0)
        out.append(site.hot)
        out += hl

    def _nonarticle(self, rng: Random, now: datetime, site: Site) -> str:
        v = int(rng.random() * N_PERMS)
        out: list[str] = list(site.top) + site.menu
        if rng.random() < 0.5:  # a category page
            sec = rng.choice(site.sections)
            out += [sec] + SECTIONS[sec][:rng.randint(0, 5)]
            self._teasers(rng, site, now, rng.randint(15, 40), v, out, site.teaser_sapo * 0.4)
            out += ["Xem thêm"] if rng.random() < 0.5 else ["Trang", "1", "2", "3", "4", "5", "Sau"]
        else:  # a home page: a block per section
            for sec in rng.sample(site.sections, min(len(site.sections), rng.randint(5, 10))):
                out.append(sec)
                self._teasers(rng, site, now, rng.randint(3, 7), v, out, site.teaser_sapo * 0.5)
        self._hot(rng, site, out)
        out += site.foot
        return self._join(rng, site, out)

    @staticmethod
    def _join(rng: Random, site: Site, lines: list[str]) -> str:
        if site.spaces:
            lines = [x for ln in lines for x in ((ln, " ") if rng.random() < site.spaces else (ln,))]
        return "\n\n".join(lines) + "\n"

    def _edit(self, rng: Random, art: _Art) -> tuple[str, str, list[str]]:
        """Small edits a republishing site makes: a paragraph dropped, a few words swapped,
        sometimes the headline reworded at its start."""
        paras = list(art.paras)
        if len(paras) > 3 and rng.random() < 0.5:
            del paras[int(rng.random() * len(paras))]
        for _ in range(rng.randint(1, 4)):
            k = int(rng.random() * len(paras))
            a, b = rng.choice(EDITS)
            paras[k] = paras[k].replace(a, b, 1)
        title = art.title
        if rng.random() < 0.3:
            title = f"{rng.choice(TELL)} {title}"
        return title, art.lead, paras

    def records(self, n: int | None = None, start_time: datetime | None = None) -> Iterator[dict[str, Any]]:
        """Page records as the JSONL readers take them: id, url, site, fetched, text, plus
        `gen` ({"kind": article|nonarticle|recrawl|edited, "of": original id or None})."""
        rng = Random(f"vinews-stream-{self.seed}")
        for site in self.sites:  # a fresh crawl: no site has published anything yet
            site.hot_list.clear()
            site.recent.clear()
        now = start_time or datetime(2024, 10, 14, 6, 0, 0)
        recent: list[tuple[str, str, str, _Art]] = []  # (id, url, text, article) of recent articles
        sites = self.sites
        p_non = SHARES["nonarticle"]
        p_re = p_non + SHARES["recrawl"]
        p_ed = p_re + SHARES["edited"]
        for i in (itertools.count() if n is None else range(n)):
            now += timedelta(seconds=rng.randint(1, 20))
            fetched = now.isoformat() + "+07:00"
            pid = f"{self.id_prefix}{i:08d}"
            r = rng.random()
            site = sites[int(rng.random() * len(sites))]
            if r < p_non:
                sec = slug(rng.choice(site.sections), 3)
                yield {"id": pid, "url": f"https://{site.domain}/{sec}/trang-{rng.randint(1, 40)}.html",
                       "site": site.domain, "fetched": fetched, "text": self._nonarticle(rng, now, site),
                       "gen": {"kind": "nonarticle", "of": None}}
                continue
            if r < p_re and recent:
                oid, url, text, art = recent[int(rng.random() * len(recent))]
                yield {"id": pid, "url": url, "site": art.site.domain, "fetched": fetched, "text": text,
                       "gen": {"kind": "recrawl", "of": oid}}
                continue
            if r < p_ed and recent:
                oid, _, _, orig = recent[int(rng.random() * len(recent))]
                while site is orig.site and len(sites) > 1:
                    site = sites[int(rng.random() * len(sites))]
                title, lead, paras = self._edit(rng, orig)
                o = orig.site
                credit = rng.choice([f"Theo {o.short}", f"(Theo {o.name})", f"Nguồn: {o.domain}", f"Theo {o.domain}",
                                     f"{_person(rng, 0.3)} (Theo {o.short})", f"{_person(rng, 0.3)}/{o.domain}"])
                copy = _Art(pid, site, f"https://{site.domain}/{slug(orig.section, 3)}/{slug(title)}-{i}.html",
                            orig.section, title, lead, paras, orig.published)
                text, _ = self._article(rng, i, now, site, copy, credit)
                yield {"id": pid, "url": copy.url, "site": site.domain, "fetched": fetched, "text": text,
                       "gen": {"kind": "edited", "of": oid, "credit": credit}}
                continue
            text, art = self._article(rng, i, now, site)
            recent.append((pid, art.url, text, art))
            if len(recent) > 2000:
                del recent[:1000]
            yield {"id": pid, "url": art.url, "site": site.domain, "fetched": fetched, "text": text,
                   "gen": {"kind": "article", "of": None}}

    def pages(self, n: int | None = None) -> Iterator[Any]:
        """The same stream as vinews.model.Page objects (the reader's NFC step included)."""
        sys.path.insert(0, str(ROOT / "src"))
        from vinews.model import Page

        for rec in self.records(n):
            yield Page(id=rec["id"], text=unicodedata.normalize("NFC", rec["text"]), url=rec["url"],
                       site=rec["site"], fetched=rec["fetched"])


def write_jsonl(path: Path, n: int, seed: int = 1, sites: int = 60, corpora: Path | None = None,
                per_file: int = 0, quiet: bool = False) -> dict[str, Any]:
    """Write n pages to path (.jsonl or .jsonl.gz); with per_file, path is a folder of
    part-NNNN.jsonl files of per_file pages each. Returns counts and the generation rate."""
    stream = Stream(seed=seed, sites=sites, corpora=corpora, quiet=quiet)
    kinds: dict[str, int] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    fh = None
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    try:
        for k, rec in enumerate(stream.records(n)):
            if fh is None or (per_file and k % per_file == 0):
                if fh:
                    fh.close()
                if per_file:
                    path.mkdir(parents=True, exist_ok=True)
                    fh = open(path / f"part-{k // per_file:04d}.jsonl", "w", encoding="utf-8")
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    fh = (gzip.open(path, "wt", encoding="utf-8", compresslevel=3) if path.name.endswith(".gz")
                          else open(path, "w", encoding="utf-8"))
            fh.write(dumps(rec) + "\n")
            kinds[rec["gen"]["kind"]] = kinds.get(rec["gen"]["kind"], 0) + 1
    finally:
        if fh:
            fh.close()
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    return {"pages": n, "kinds": kinds, "sites": sites, "seed": seed, "origin": stream.origin,
            "wall_s": round(dt, 2), "pages_per_s": round(n / dt) if dt else None,
            "pages_per_cpu_s": round(n / dc) if dc else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("-o", "--output", type=Path, required=True, help="FILE.jsonl or FILE.jsonl.gz (or a folder with --per-file)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=60)
    ap.add_argument("--corpora", type=Path, default=CORPORA, help="folder of the article corpora (default ../shared/corpora)")
    ap.add_argument("--per-file", type=int, default=0, help="write a folder of part files of this many pages each")
    args = ap.parse_args()
    res = write_jsonl(args.output, args.pages, args.seed, args.sites, args.corpora, args.per_file)
    print(json.dumps(res, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
