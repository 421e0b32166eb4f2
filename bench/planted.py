"""A planted-duplicates corpus for the dedup benchmarks.

Real clean articles from ../shared/corpora (read at run time, never copied into the repo) are
wrapped in site templates written here, and copies are planted with known originals:

- exact: the same story again (a re-crawl on the same site, or the same text on another site's
  template): must be found every time;
- republication: another site runs it with "Theo X" / "(Nguồn: X)", a rewritten lead, paragraphs
  trimmed or appended, a later publish time and its own boilerplate;
- edited: 2-10% of the words replaced, inserted or deleted (a lightly edited copy).

`make_corpus()` returns page records ({id, url, site, text}) for `vinews build` and the gold.
"""
from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"

# Fictional sites with their own template lines (written for this benchmark).
SITES = {
    "tinsang.vn": ("Tin Sáng", ["Trang chủ", "Thời sự", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao"],
                   ["Viết bình luận mới", "Chia sẻ bài viết qua Facebook", "Tin Sáng - Cơ quan của Hội Báo chí Mẫu",
                    "Giấy phép số 123/GP-BTTTT do Bộ Thông tin cấp"]),
    "baoxanh.com.vn": ("Báo Xanh", ["Mới nhất", "Xã hội", "Pháp luật", "Sức khỏe", "Đời sống", "Công nghệ"],
                       ["Bình luận (0)", "Gửi bình luận của bạn", "Báo Xanh điện tử - Tổng biên tập: Nguyễn Văn Mẫu",
                        "Địa chỉ: 99 đường Thử Nghiệm, Hà Nội"]),
    "nhipsong24h.net": ("Nhịp Sống 24h", ["Trang nhất", "Tin nóng", "Bóng đá", "Ngôi sao", "Xe", "Du lịch"],
                        ["Theo dõi Nhịp Sống 24h trên Google News", "Đọc thêm các bài cùng chuyên mục",
                         "Bản quyền thuộc về Nhịp Sống 24h", "Liên hệ quảng cáo: 0900 000 000"]),
    "dongthoisu.vn": ("Dòng Thời Sự", ["Trang chủ", "Chính trị", "Kinh tế", "Văn hóa", "Giáo dục", "Quốc tế"],
                      ["Tin cùng chuyên mục", "In bài viết", "Dòng Thời Sự - Điện thoại đường dây nóng 1900 0000",
                       "Ghi rõ nguồn Dòng Thời Sự khi phát hành lại thông tin"]),
    "quechoa.org.vn": ("Quê Hòa", ["Tin tức", "Nông thôn", "Thị trường", "Bạn đọc", "Ảnh", "Video"],
                       ["Mời bạn đọc gửi ý kiến", "Quay lại đầu trang", "Quê Hòa điện tử", "Email: toasoan@quehoa.example"]),
    "sodiachi.vn": ("Số Địa Chỉ", ["Trang chủ", "Số hóa", "Sản phẩm", "Đánh giá", "Thủ thuật", "Khởi nghiệp"],
                    ["Nhận tin mới qua email", "Tải ứng dụng Số Địa Chỉ", "Số Địa Chỉ - Chuyên trang công nghệ",
                     "Không sao chép khi chưa được đồng ý"]),
}
TEASERS = ["Giá vàng hôm nay biến động mạnh", "Thời tiết cuối tuần có mưa rào", "Tuyển sinh lớp 10 năm nay có gì mới",
           "Lịch thi đấu vòng loại sắp tới", "Cách tiết kiệm điện mùa nóng", "Ba điểm mới về thuế thu nhập",
           "Phố đi bộ mở cửa thêm ngày thứ Sáu", "Chợ phiên vùng cao ngày cuối năm", "Tàu hỏa chạy thêm chuyến dịp lễ"]
EXTRA_PARAS = ["Theo các chuyên gia, vấn đề này cần được theo dõi thêm trong thời gian tới để có đánh giá đầy đủ.",
               "Phóng viên đã liên hệ với các bên liên quan để làm rõ thông tin nhưng chưa nhận được phản hồi.",
               "Bạn đọc có thể gửi ý kiến về tòa soạn để cùng trao đổi thêm về câu chuyện này.",
               "Sự việc đang được cơ quan chức năng tiếp tục xác minh, làm rõ."]
LEAD_OPENERS = ["Thông tin mới cho biết", "Theo ghi nhận của phóng viên", "Sáng nay", "Mới đây"]
FILLER = "và của là có được cho những trong một các với đã không người này khi đến từ năm".split()


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _untokenize(s: str) -> str:
    s = s.replace("_", " ")
    s = re.sub(r"\s+([,.;:!?)%])", r"\1", s)
    s = re.sub(r"([(“])\s+", r"\1", s)
    return _clean(s.replace(" ”", "”"))


def load_articles() -> list[dict]:
    """[{title, paras}] from the three corpora (lead is paras[0])."""
    out = []
    for f in sorted((CORPORA / "magizbox_baomoi_txt").glob("*.txt")):
        lines = [_clean(x) for x in f.read_text(encoding="utf-8").split("\n") if x.strip()]
        if len(lines) >= 3:
            body = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯ])", " ".join(lines[2:]))]
            paras = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            out.append({"title": lines[0], "paras": [lines[1]] + paras})
    from lxml import html as lhtml

    for f in sorted((CORPORA / "baomoi_2014_json").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:  # a few records in that folder are not valid JSON
            continue
        if not d.get("content"):
            continue
        tree = lhtml.fromstring(d["content"])
        paras = [_clean(p.text_content()) for p in tree.iter("p")]
        paras = [p for p in paras if len(p) > 40]
        if len(paras) >= 2:
            out.append({"title": _clean(d["title"]), "paras": paras})
    for f in sorted((CORPORA / "vietnews_test_tokenized").glob("*.seg")):
        lines = [_untokenize(x) for x in f.read_text(encoding="utf-8").split("\n") if x.strip()]
        if len(lines) >= 3:
            out.append({"title": lines[0], "paras": lines[1:]})
    out = [a for a in out if sum(len(p) for p in a["paras"]) > 300]
    return _drop_natural_duplicates(out)


def _grams(a: dict) -> set:
    words = re.findall(r"\w+", " ".join(a["paras"]).casefold())
    return set(zip(words, words[1:], words[2:]))


def _drop_natural_duplicates(arts: list[dict], limit: float = 0.3) -> list[dict]:
    """The source folders hold a few real duplicates and rewrites of one story: keep the first
    of any set sharing more than `limit` of the smaller one's word 3-grams (exact sets, not
    MinHash), so the gold knows every duplicate there is."""
    kept, grams = [], []
    for a in arts:
        g = _grams(a)
        if all(len(g & h) <= limit * min(len(g), len(h)) for h in grams):
            kept.append(a)
            grams.append(g)
    return kept


def render(site: str, title: str, when: datetime | None, author: str | None, paras: list[str],
           rng: random.Random, attribution: str | None = None) -> str:
    """A page as scraped text: nav, title, date, lead, body, byline, attribution, footer."""
    name, nav, footer = SITES[site]
    lines = [name, " | ".join(nav), title]
    if when:
        lines.append(when.strftime("%d/%m/%Y %H:%M") + " GMT+7")
    lines += paras
    if author:
        lines.append(author)
    if attribution:
        lines.append(attribution)
    lines += ["Tin liên quan"] + rng.sample(TEASERS, 3) + footer
    return "\n\n".join(lines) + "\n"


def _edit_words(text: str, rate: float, rng: random.Random) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # delete
        if r < 2 * rate / 3:
            out.append(rng.choice(FILLER))  # replace
            continue
        out.append(w)
        if r < rate:
            out.append(rng.choice(FILLER))  # insert
    return " ".join(out)


def make_corpus(seed: int = 7, n_exact: int = 40, n_repub: int = 100, n_edited: int = 80) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    arts = load_articles()
    sites = sorted(SITES)
    base = datetime(2024, 3, 1, 6, 0)
    pages, gold = [], {"groups": {}, "type": {}, "original": {}}
    originals = []
    for i, a in enumerate(arts):
        site = rng.choice(sites)
        when = base + timedelta(hours=7 * i + rng.randint(0, 5))
        pid = f"o{i:04d}"
        author = rng.choice(["Minh Anh", "Thu Hà", "Quốc Bảo", "Lan Phương", None])
        pages.append({"id": pid, "url": f"https://{site}/bai-{i}.html", "site": site,
                      "text": render(site, a["title"], when, author, a["paras"], rng)})
        originals.append((pid, site, when, a))
        gold["groups"][pid] = [pid]
    order = list(range(len(originals)))
    rng.shuffle(order)
    picks = iter(order * 3)
    k = 0

    def add_copy(kind: str, src: int, site: str, when, title, paras, attribution=None):
        nonlocal k
        pid = f"c{k:04d}"
        k += 1
        opid = originals[src][0]
        pages.append({"id": pid, "url": f"https://{site}/ban-sao-{k}.html", "site": site,
                      "text": render(site, title, when, rng.choice(["Hải Yến", None]), paras, rng, attribution)})
        gold["groups"][opid].append(pid)
        gold["type"][pid] = kind
        gold["original"][pid] = opid

    for _ in range(n_exact):
        src = next(picks)
        opid, osite, owhen, a = originals[src]
        site = osite if rng.random() < 0.5 else rng.choice([s for s in sites if s != osite])
        add_copy("exact", src, site, owhen + timedelta(hours=rng.randint(1, 48)), a["title"], list(a["paras"]))
    for _ in range(n_repub):
        src = next(picks)
        opid, osite, owhen, a = originals[src]
        site = rng.choice([s for s in sites if s != osite])
        paras = list(a["paras"])
        paras[0] = f"{rng.choice(LEAD_OPENERS)}, {paras[0][0].lower()}{paras[0][1:]}"  # lead rewritten
        op = rng.random()
        if op < 0.35 and len(paras) > 4:
            paras = paras[: max(3, int(len(paras) * rng.uniform(0.6, 0.9)))]  # trimmed
        elif op < 0.7:
            paras = paras + rng.sample(EXTRA_PARAS, 2)  # extended
        name = SITES[osite][0]
        attribution = rng.choice([f"Theo {name}", f"(Nguồn: {name})", f"Theo {name}/{osite}"])
        when = owhen + timedelta(hours=rng.randint(1, 30)) if rng.random() < 0.8 else None
        add_copy("republication", src, site, when, a["title"], paras, attribution)
    for _ in range(n_edited):
        src = next(picks)
        opid, osite, owhen, a = originals[src]
        site = rng.choice(sites)
        rate = rng.uniform(0.02, 0.10)
        paras = [_edit_words(p, rate, rng) for p in a["paras"]]
        add_copy("edited", src, site, owhen + timedelta(hours=rng.randint(1, 72)), a["title"], paras)
    rng.shuffle(pages)
    gold["groups"] = {k: v for k, v in gold["groups"].items() if len(v) > 1}
    return pages, gold


def write_jsonl(pages: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return path
