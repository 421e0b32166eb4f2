#!/usr/bin/env python3
"""Stream a large WARC through `vinews extract` and check memory stays flat.

usage: python bench/warc_stream.py [--records 10000] [--out DIR] [--jobs 1]

Writes a gzipped WARC of synthetic Vietnamese news pages (our own text, never publisher text):
mostly article pages, some home pages, some non-HTML responses, one 404 and one record with
a broken header, plus the request/warcinfo records a crawler writes. Then runs
`vinews extract FILE.warc.gz -o OUT.jsonl` in a child process, samples its RSS, and checks that
every response record came out exactly once (article, nonarticle or rejected with a reason).
The page generator is also used by the tests (tests/readers/test_warc.py).
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import json
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

SENTENCES = [
    "Sáng nay, ủy ban nhân dân thành phố đã họp bàn về kế hoạch chỉnh trang các tuyến đường ven sông",
    "Theo báo cáo của sở giao thông, lượng xe cá nhân tăng nhanh trong năm qua khiến nhiều nút giao ùn tắc",
    "Người dân trong khu phố cho biết họ mong chờ công trình hoàn thành trước mùa mưa năm sau",
    "Đại diện doanh nghiệp khẳng định sẽ đảm bảo tiến độ và chất lượng thi công như cam kết",
    "Các chuyên gia khuyến nghị cần có thêm không gian xanh và bãi đỗ xe ngầm ở khu trung tâm",
    "Trong tuần tới, đoàn kiểm tra liên ngành sẽ làm việc tại các phường có nhiều dự án chậm tiến độ",
    "Giá rau xanh tại các chợ đầu mối tăng nhẹ do thời tiết bất lợi kéo dài ở các tỉnh phía bắc",
    "Nhiều trường học đã tổ chức buổi ngoại khóa giúp học sinh hiểu thêm về an toàn giao thông",
    "Bệnh viện tỉnh vừa tiếp nhận thêm trang thiết bị hiện đại phục vụ khám chữa bệnh cho người dân",
    "Ông Nguyễn Văn Bình, trưởng ban quản lý chợ, cho biết tiểu thương đã ổn định việc buôn bán",
]
TITLES = ["Thành phố chỉnh trang tuyến đường ven sông", "Giá rau xanh tăng nhẹ sau đợt mưa rét",
          "Học sinh học kỹ năng an toàn giao thông", "Bệnh viện tỉnh nhận trang thiết bị mới",
          "Tiểu thương ổn định buôn bán tại chợ mới"]
AUTHORS = ["Minh Anh", "Hoàng Long", "Thu Trang", "Quốc Bảo", "Lan Phương"]
MENU = ["Trang chủ", "Thời sự", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe"]


def _para(rng: random.Random, n: int) -> str:
    return ". ".join(rng.choice(SENTENCES) for _ in range(n)) + "."


def synthetic_article(i: int, rng: random.Random | None = None) -> tuple[str, dict]:
    """An article page of our own and what a correct extraction gives (title, author, date)."""
    rng = rng or random.Random(i)
    title = f"{rng.choice(TITLES)} (số {i})"
    author = rng.choice(AUTHORS)
    day, hour, minute = 1 + i % 28, 6 + i % 15, (7 * i) % 60
    iso = f"2024-03-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"
    paras = [f"<p>{_para(rng, 3)}</p>\n" for _ in range(4)]
    related = "".join(f'<li><a href="/tin-{i}-{k}.html">{rng.choice(TITLES)} {k}</a></li>' for k in range(5))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": iso, "author": {"@type": "Person", "name": author}}, ensure_ascii=False)
    html = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Báo Mẫu</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{iso}">
<link rel="canonical" href="https://baomau.vn/bai-{i}.html">
<script type="application/ld+json">{ld}</script><script>var x = "<p>không phải văn bản</p>";</script></head>
<body><header class="site-header"><nav><ul>{''.join(f'<li><a href="/{m}">{m}</a></li>' for m in MENU)}</ul></nav></header>
<main><article class="article-detail"><div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/xh">Xã hội</a></div>
<h1 class="title-detail">{title}</h1><div class="date-time"><time datetime="{iso}">Thứ hai, {day:02d}/03/2024, {hour:02d}:{minute:02d} (GMT+7)</time></div>
<p class="sapo">{_para(rng, 2)}</p><div class="detail-content">{"".join(paras[:2])}
<figure><img src="/a.jpg" alt=""><figcaption>Công nhân thi công trên tuyến đường. Ảnh: {author}</figcaption></figure>
{"".join(paras[2:])}<p style="text-align:right"><strong>{author}</strong></p></div></article>
<aside class="sidebar"><h3>Tin liên quan</h3><ul>{related}</ul></aside></main>
<footer class="footer"><p>Bản quyền thuộc về Báo Mẫu. Giấy phép số 123/GP.</p></footer></body></html>"""
    return html, {"title": title, "author": author, "published": iso}


def synthetic_home(i: int) -> str:
    rng = random.Random(i)
    cards = "".join(f'<article class="item-news"><h3><a href="/bai-{i}-{k}.html">{rng.choice(TITLES)}</a></h3>'
                    f'<p class="description">{rng.choice(SENTENCES)}.</p></article>' for k in range(20))
    return (f'<html><head><meta charset="utf-8"><title>Báo Mẫu</title></head><body><nav>'
            f'{" ".join(MENU)}</nav><div class="list-news">{cards}</div><footer>Báo Mẫu</footer></body></html>')


# --- WARC writing (our own, a few lines: one gzip member per record, as crawlers write) ---------

def _record(wtype: str, headers: dict, payload: bytes) -> bytes:
    rid = f"<urn:uuid:{uuid.uuid4()}>"
    head = {"WARC-Type": wtype, "WARC-Record-ID": rid, "WARC-Date": "2024-03-05T01:02:03Z", **headers,
            "Content-Length": str(len(payload))}
    return ("WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n").encode() + payload + b"\r\n\r\n"


def http_response(body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def warc_records(n: int, broken_every: int = 0):
    """Yield (kind, bytes) for n response records (plus request/warcinfo records that carry no page)."""
    yield "warcinfo", _record("warcinfo", {"Content-Type": "application/warc-fields"}, b"software: vinews-bench\r\n")
    for i in range(n):
        url = f"https://baomau.vn/bai-{i}.html"
        yield "request", _record("request", {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=request"},
                                 f"GET /bai-{i}.html HTTP/1.1\r\nHost: baomau.vn\r\n\r\n".encode())
        if broken_every and i % broken_every == broken_every // 2:
            # a damaged header: no colon, bogus length; the reader must skip to the next record
            yield "broken", (b"WARC/1.0\r\nWARC-Type: response\r\nthis line is damaged\r\nContent-Length: x\r\n\r\n"
                             b"<html>lost</html>\r\n\r\n")
            continue
        if i % 50 == 7:
            payload, kind = http_response(b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png"), "image"
        elif i % 97 == 3:
            payload, kind = http_response(b"<html><body>Not found</body></html>", "404 Not Found"), "404"
        elif i % 10 == 9:
            payload, kind = http_response(synthetic_home(i).encode()), "home"
        else:
            payload, kind = http_response(synthetic_article(i)[0].encode()), "article"
        yield kind, _record("response", {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=response"},
                            payload)


def write_warc(path: Path, n: int, broken_every: int = 0) -> dict:
    """Write n response records (gzip per record). Returns counts by kind."""
    counts: dict[str, int] = {}
    with open(path, "wb") as fh:
        for kind, rec in warc_records(n, broken_every):
            counts[kind] = counts.get(kind, 0) + 1
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=1) as gz:
                gz.write(rec)
            fh.write(buf.getvalue())
    return counts


# `vinews extract ARGS` in a child process (optionally with the classifier's line cache off)
RUN_CLI = """import os, sys
if os.environ.get("VINEWS_NO_LINE_CACHE"):
    import vinews.memo as m
    m.enabled = False
from vinews.cli import app
app(sys.argv[1:], prog_name="vinews")
"""


def rss_kib(pid: int) -> int:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-line-cache", action="store_true",
                    help="turn off the classifier's bounded per-process line cache (to see the reader alone)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    warc = args.out / f"synthetic-{args.records}.warc.gz"
    counts = write_warc(warc, args.records, broken_every=max(2, args.records // 3))
    pages = args.records
    out = args.out / f"synthetic-{args.records}.jsonl"
    print(f"wrote {warc} ({warc.stat().st_size / 1e6:.1f} MB): {counts}")
    cmd = [sys.executable, "-c", RUN_CLI, "extract", str(warc), "-o", str(out), "--jobs", str(args.jobs)]
    t0 = time.time()
    env = dict(os.environ, VINEWS_NO_LINE_CACHE="1") if args.no_line_cache else None
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    samples = []
    while proc.poll() is None:
        samples.append((time.time() - t0, rss_kib(proc.pid)))
        time.sleep(0.2)
    err = proc.stderr.read()
    dt = time.time() - t0
    kinds: dict[str, int] = {}
    reasons: dict[str, int] = {}
    ids = set()
    n = right = articles = 0
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            n += 1
            if rec["kind"] == "article" and rec.get("url"):  # check against what the page says
                articles += 1
                exp = synthetic_article(int(rec["url"].rsplit("-", 1)[1].split(".")[0]))[1]
                right += (rec["title"], rec["author"], rec["published"], len(rec["captions"])) == (
                    exp["title"], exp["author"], exp["published"], 1)
            ids.add(rec["id"])
            kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
            if rec["kind"] == "rejected":
                key = (rec.get("reason") or "?").split(":")[0]
                reasons[key] = reasons.get(key, 0) + 1
    rss = [r for _, r in samples if r]
    q = len(rss) // 4
    half = len(rss) // 2
    print(err.strip().splitlines()[-1] if err.strip() else "")
    print(f"records in: {pages} responses; out: {n} records, {len(ids)} distinct ids; kinds {kinds}; rejected {reasons}")
    print(f"synthetic articles with title, author, publish time and caption right: {right}/{articles}")
    if rss:
        print(f"peak RSS {max(rss) / 1024:.1f} MiB; RSS at 25% of the run {rss[q] / 1024:.1f} MiB, at 50% "
              f"{rss[half] / 1024:.1f} MiB, at end "
              f"{rss[-1] / 1024:.1f} MiB ({len(rss)} samples); {dt:.1f} s, {pages / dt:.0f} records/s")
    ok = n == pages and len(ids) == pages and proc.returncode == 0
    print("every record accounted for" if ok else "MISMATCH: records lost or duplicated")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
