"""Search latency on a generated corpus: index build time and size, query latency percentiles.

    .venv/bin/python bench/search_latency.py                 # 100,000 articles (the target: p95 < 50 ms)
    .venv/bin/python bench/search_latency.py --articles 5000 # quick look

Articles are random news-like Vietnamese text (a Zipf-weighted vocabulary of real syllables,
generated names, sites, authors and dates): not language, but the same index statistics. The
corpus is written as articles.parquet + entities.parquet and indexed by the same code as
`vinews index`; each query is timed end to end through Searcher.search (query build, search,
stored-field fetch and snippet highlighting for the top 10).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vinews.search import Filters, Searcher, build_index  # noqa: E402
from vinews.search.sample_corpus import write_tables  # noqa: E402

SYLLABLES = """
hợp tác quốc phòng kinh tế xã hội chính phủ bộ trưởng tỉnh thành phố người dân doanh nghiệp đầu tư phát triển
giáo dục y tế bệnh viện học sinh sinh viên giao thông đường bộ cao tốc dự án công trình xây dựng nhà máy sản xuất
thị trường giá vàng xăng dầu lãi suất ngân hàng tín dụng chứng khoán cổ phiếu xuất khẩu nhập khẩu nông nghiệp lúa gạo
thủy sản du lịch khách quốc tế văn hóa lễ hội thể thao bóng đá đội tuyển trận đấu bàn thắng huấn luyện viên cầu thủ
công an điều tra vụ án khởi tố bị can tòa án xét xử cảnh sát tai nạn cháy nổ mưa lũ bão sạt lở thời tiết nắng nóng
hội nghị thảo luận thông qua nghị quyết luật quốc hội đại biểu cử tri ý kiến chính sách cải cách hành chính thủ tục
năm tháng ngày tuần sáng chiều tối hôm nay cho biết theo đó ngoài ra bên cạnh đồng thời tuy nhiên vì vậy trong khi
đã đang sẽ được bị có là của và với cho các những một nhiều hơn nữa rất cũng vẫn chưa không tại ở từ đến trên dưới
tăng giảm đạt vượt kế hoạch mục tiêu kết quả quan trọng tích cực khó khăn thách thức cơ hội tiềm năng bền vững
hiện đại truyền thống lịch sử tương lai khu vực thế giới toàn cầu hòa bình an ninh ổn định hoà hợp thủy điện
""".split()
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trịnh".split()
MIDDLE = "Văn Thị Minh Hữu Đức Thanh Quốc Xuân Hồng Ngọc Anh".split()
GIVEN = "An Bình Cường Dũng Giang Hà Hải Hùng Lan Long Mai Nam Phương Quang Sơn Tâm Thảo Trung Tuấn Vinh Yến".split()
ORGS = ["Bộ Quốc phòng", "Bộ Y tế", "Bộ Tài chính", "Ngân hàng Nhà nước", "Tổng cục Thống kê", "Tập đoàn Điện lực Việt Nam",
        "Ủy ban nhân dân tỉnh Nghệ An", "Công ty cổ phần Sữa Việt Nam", "Bệnh viện Bạch Mai", "Quốc hội"]
PLACES = ["Hà Nội", "TP.HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Nghệ An", "Quảng Ninh", "Việt Nam", "Nga", "Nhật Bản"]
TITLES = ["Đại tướng", "Thượng tướng", "Bộ trưởng", "Thủ tướng", "ông", "bà", "Chủ tịch", "Giám đốc"]
SITES = [f"bao{i}.vn" for i in range(20)]


def generate(n: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    rnd = random.Random(seed)
    weights = [1 / (r + 1) ** 0.9 for r in range(len(SYLLABLES))]
    rnd.shuffle(weights)
    people = [f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}" for _ in range(3000)]
    authors = [f"{rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}" for _ in range(300)]
    arts, ents = [], []
    for i in range(n):
        names = [("PER", rnd.choice(people)), ("ORG", rnd.choice(ORGS)), ("LOC", rnd.choice(PLACES))]
        paras = []
        for _ in range(rnd.randint(4, 9)):
            words = rnd.choices(SYLLABLES, weights, k=rnd.randint(30, 70))
            t, name = names[rnd.randrange(3)]
            words.insert(rnd.randrange(len(words)), (rnd.choice(TITLES) + " " if t == "PER" else "") + name)
            paras.append(" ".join(words).capitalize() + ".")
        title = " ".join(rnd.choices(SYLLABLES, weights, k=rnd.randint(6, 12))).capitalize()
        day = rnd.randrange(0, 3 * 365)
        published = time.strftime("%Y-%m-%dT%H:%M:00+07:00", time.gmtime(1640995200 + day * 86400 + rnd.randrange(86400)))
        aid = f"g{i:06d}"
        arts.append({"id": aid, "site": rnd.choice(SITES), "url": f"https://x/{aid}", "title": title, "published": published,
                     "author": rnd.choice(authors) if rnd.random() < 0.7 else None, "source": None, "lead": paras[0],
                     "body": paras[1:], "captions": [], "text": "\n".join(paras), "cluster_id": None,
                     "is_canonical": rnd.random() > 0.05, "original_id": None, "keywords": []})
        for t, name in names:
            ents.append({"article_id": aid, "text": name, "type": t, "attr": None, "start": 0, "end": 0})
    return arts, ents


def queries(rnd: random.Random, arts: list[dict]) -> list[tuple[str, Filters]]:
    from vinews.fold import fold

    out = []
    for _ in range(300):
        kind = rnd.randrange(6)
        a = rnd.choice(arts)
        words = a["text"].split()
        k = rnd.randrange(len(words) - 3)
        if kind == 0:  # one word
            out.append((words[k].strip(".").lower(), Filters()))
        elif kind == 1:  # two words typed without diacritics
            out.append((fold(" ".join(words[k:k + 2])).strip("."), Filters()))
        elif kind == 2:  # phrase
            out.append(('"' + " ".join(words[k:k + 3]).strip(".") + '"', Filters()))
        elif kind == 3:  # word + site + date range
            out.append((words[k].strip(".").lower(), Filters(site=a["site"], date_from="2023-01-01", date_to="2023-12-31")))
        elif kind == 4:  # person, no diacritics
            out.append((fold(rnd.choice(SURNAMES) + " " + rnd.choice(GIVEN)), Filters()))
        else:  # entity filter + word
            out.append((words[k].strip(".").lower(), Filters(entity=rnd.choice(PLACES))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it (default: a temporary folder)")
    args = ap.parse_args()
    tmp = None
    corpus = args.keep or Path(tmp := tempfile.mkdtemp(prefix="vinews-bench-"))
    corpus.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    arts, ents = generate(args.articles)
    write_tables(corpus, {"articles": arts, "entities": ents})
    gen_s = time.perf_counter() - t0
    text_mb = sum(len(a["text"].encode()) for a in arts) / 1e6
    report = build_index(corpus)
    s = Searcher(corpus)
    rnd = random.Random(11)
    qs = queries(rnd, arts)
    for q, f in qs[:20]:  # warm the OS cache and tantivy's readers
        s.search(q, f)
    lat, hits = [], []
    for q, f in qs:
        t = time.perf_counter()
        r = s.search(q, f)
        lat.append((time.perf_counter() - t) * 1000)
        hits.append(r["total"])
    lat.sort()
    pct = lambda p: round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))], 2)
    print(json.dumps({
        "articles": args.articles, "text_MB": round(text_mb, 1), "generate_s": round(gen_s, 1),
        "index_build_s": report["seconds"], "index_MB": round(report["bytes"] / 1e6, 1),
        "queries": len(lat), "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": round(lat[-1], 2),
        "mean_ms": round(statistics.mean(lat), 2), "median_total_hits": statistics.median(hits),
    }, indent=1))
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
