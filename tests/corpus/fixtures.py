"""Small synthetic corpora for the corpus tests: Vietnamese-like articles generated from a
syllable list written here (no publisher text), wrapped in two site templates."""
from __future__ import annotations

import json
import random
from pathlib import Path

SYLLABLES = ("anh em ban bao bình các cao chính cho chủ công của cũng dân đã đang đến điều được gia giá hàng hiện học hội "
             "khi không kinh lại làm lên lớn một mới năm người nhà nhiều những nước phát quan quốc ra sau sẽ số sự tại "
             "tế thành theo thể thời tin trên trong trường từ và văn về việc với xã xây yêu đường phố sông núi biển "
             "rừng mưa nắng gió lúa gạo cá thịt rau quả sách báo chợ làng huyện tỉnh miền bắc nam trung tây đông hòa "
             "thủy khỏe").split()
SITES = {
    "alpha.vn": (["Alpha Tin Tức", "Trang chủ | Thời sự | Kinh tế | Thể thao"],
                 ["Viết bình luận mới", "Tin liên quan", "Alpha Tin Tức - Giấy phép số 01/GP"]),
    "beta.com.vn": (["Báo Beta", "Mới nhất | Xã hội | Giải trí"],
                    ["Gửi ý kiến của bạn", "Bản quyền thuộc về Báo Beta"]),
}


def sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(SYLLABLES) for _ in range(n or rng.randint(12, 22))]
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, paras: int = 6) -> dict:
    return {"title": sentence(rng, 9)[:-1], "lead": " ".join(sentence(rng) for _ in range(2)),
            "body": [" ".join(sentence(rng) for _ in range(3)) for _ in range(paras)]}


def render(site: str, a: dict, when: str, extra: list[str] | None = None) -> str:
    head, foot = SITES[site]
    lines = head + [a["title"], when, a["lead"]] + a["body"] + (extra or []) + foot
    return "\n\n".join(lines) + "\n"


def small_corpus(n: int = 24, seed: int = 1) -> list[dict]:
    """n original pages plus an exact copy, a republication and an edited copy, and a page
    that is not an article."""
    rng = random.Random(seed)
    sites = sorted(SITES)
    recs, arts = [], []
    for i in range(n):
        a = article(rng)
        site = sites[i % 2]
        arts.append((a, site))
        recs.append({"id": f"p{i:03d}", "url": f"https://{site}/bai-{i}.html", "site": site,
                     "text": render(site, a, f"0{1 + i % 9}/03/2024 08:{10 + i:02d}")})
    a, site = arts[0]
    recs.append({"id": "copy-exact", "url": f"https://{site}/lai-0.html", "site": site,
                 "text": render(site, a, "02/03/2024 09:00")})
    a, site = arts[1]
    other = sites[0] if site == sites[1] else sites[1]
    repub = dict(a, body=a["body"][:-1])
    recs.append({"id": "copy-repub", "url": f"https://{other}/lai-1.html", "site": other,
                 "text": render(other, repub, "05/03/2024 10:00", extra=[f"Theo {SITES[site][0][0]}"])})
    a, site = arts[2]
    words = " ".join(a["body"]).split()
    for k in range(0, len(words), 25):
        words[k] = "điều"
    edited = dict(a, body=[" ".join(words[i:i + 50]) for i in range(0, len(words), 50)])
    recs.append({"id": "copy-edit", "url": f"https://{site}/lai-2.html", "site": site,
                 "text": render(site, edited, "09/03/2024 11:00")})
    recs.append({"id": "home", "url": "https://alpha.vn/", "site": "alpha.vn",
                 "text": "\n\n".join(["Alpha Tin Tức", "Trang chủ | Thời sự | Kinh tế | Thể thao"]
                                     + [sentence(rng, 8) for _ in range(12)]) + "\n"})
    return recs


def write_jsonl(recs: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path
