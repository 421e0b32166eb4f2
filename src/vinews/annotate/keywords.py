"""Keywords per article: the nouns and names that are frequent in it and rare in the corpus.

Words come from underthesea's segmenter (so "quốc phòng" is one keyword, not two syllables);
entity names count double because analysts search by them.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .entities import tag_line

# Frequent nouns that say nothing about a story.
STOP = frozenset(w.replace("_", " ") for w in """
người ngày năm tháng giờ lần việc vấn_đề nội_dung thông_tin hoạt_động trường_hợp khu_vực cơ_quan
đơn_vị số_lượng thời_gian kết_quả ý_kiến phía bên cách điều chuyện nơi lúc khi sáng chiều tối trưa
đêm hôm_nay hôm_qua tuần quý đồng tỷ triệu nghìn phần_trăm mức con cái chiếc loại tình_hình cuộc
""".split())
_KEEP_TAGS = {"N", "Np", "Ny"}
_PLAIN = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")  # letters and single spaces only


def article_words(text: str) -> Counter:
    words: Counter = Counter()
    for line in text.split("\n"):
        if not line.strip():
            continue
        for word, tag in tag_line(line):
            if tag not in _KEEP_TAGS or not _PLAIN.match(word):
                continue
            key = word if tag == "Np" else word.lower()
            if " " not in key and tag != "Np":
                continue  # single syllables are too vague to be keywords
            if key.lower() in STOP:
                continue
            words[key] += 1
    return words


def keywords(docs: list[Counter], entity_names: list[list[str]], k: int = 8) -> list[list[str]]:
    df: Counter = Counter()
    for words, names in zip(docs, entity_names):
        df.update(set(words) | set(names))
    n = len(docs)
    out = []
    for words, names in zip(docs, entity_names):
        tf = Counter(words)
        for name in names:
            tf[name] += 2
        score = {w: c * (1.0 + math.log((1 + n) / (1 + df[w]))) for w, c in tf.items()}
        out.append([w for w, _ in sorted(score.items(), key=lambda x: (-x[1], x[0]))[:k]])
    return out
