"""Keywords per article: the words and names that are frequent in it and rare in the corpus.

Words are cut by longest match on the word list underthesea ships (so "quốc phòng" is one
keyword, not two syllables; the CRF segmenter gave the same words at 25 times the cost), and
capitalised runs are one word (names); only words of two or more syllables count, common function words are dropped, and TF-IDF over
the batch pushes everyday verbs down. Entity names count double: analysts search by them.
(Part-of-speech tagging would filter verbs better but triples the cost of annotation.)
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .line import TOKEN, compounds

# Frequent nouns that say nothing about a story.
STOP = frozenset(w.replace("_", " ") for w in """
người ngày năm tháng giờ lần việc vấn_đề nội_dung thông_tin hoạt_động trường_hợp khu_vực cơ_quan
đơn_vị số_lượng thời_gian kết_quả ý_kiến phía bên cách điều chuyện nơi lúc khi sáng chiều tối trưa
đêm hôm_nay hôm_qua tuần quý đồng tỷ triệu nghìn phần_trăm mức con cái chiếc loại tình_hình cuộc
cho_biết tuy_nhiên trong_khi hiện_nay đồng_thời bên_cạnh ngoài_ra vì_vậy do_đó theo_đó bởi_vì nếu_như
cũng_như như_vậy tiếp_tục thực_hiện có_thể không_chỉ mà_còn đối_với liên_quan cho_rằng khẳng_định
đề_nghị yêu_cầu đánh_giá tổ_chức diễn_ra sau_khi trước_khi trong_đó hiện_tại gần_đây hàng_năm
một_số nhiều_người các_bên hai_bên vừa_qua sắp_tới năm_nay năm_tới tháng_tới tuần_sau tối_qua sáng_nay
""".split())
_PLAIN = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")  # letters and single spaces only


def line_words(line: str) -> list[str]:
    """Words of one line: capitalised runs of two to four syllables (names), else the longest
    word-list entry (three or two syllables), else the single syllable."""
    toks = TOKEN.findall(line)
    words, lex, i = [], compounds(), 0
    while i < len(toks):
        j = i
        while j < len(toks) and j - i < 4 and toks[j][:1].isupper() and toks[j][:1].isalpha():
            j += 1
        if j - i >= 2:
            words.append(" ".join(toks[i:j]))
            i = j
            continue
        for n in (3, 2, 1):
            w = " ".join(toks[i:i + n])
            if n == 1 or (i + n <= len(toks) and all(t.islower() for t in toks[i + 1:i + n]) and w.lower() in lex):
                words.append(w)
                i += n
                break
    return words


def article_words(text: str) -> Counter:
    words: Counter = Counter()
    for line in text.split("\n"):
        if not line.strip():
            continue
        for word in line_words(line):
            if " " not in word or not _PLAIN.match(word):
                continue  # single syllables are too vague to be keywords
            name = all(w[:1].isupper() for w in word.split())
            key = word if name else word.lower()
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
