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
from functools import lru_cache
from itertools import compress

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
    return _cut(toks, list(map(str.lower, toks)), singles=True)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str, str]]]:
    """The word list's two- and three-syllable entries as syllable tuples (a tuple lookup
    replaces building and lower-casing a joined string at every position)."""
    two, three = set(), set()
    for w in compounds():
        parts = tuple(w.split(" "))
        if len(parts) == 2:
            two.add(parts)
        elif len(parts) == 3:
            three.add(parts)
    return frozenset(two), frozenset(three)


def _cut(toks: list[str], low: list[str], singles: bool) -> list[str]:
    """The greedy cut `line_words` describes; without `singles`, only the words of two or more
    syllables (the keyword candidates), and no string is built for the others. The per-token
    tests (case, word-list membership of the pair and triple starting there) run as C-level
    maps over the whole line; the greedy walk only reads their answers."""
    two, three = _lexicon()
    n = len(toks)
    up = list(map(str.isupper, [t[:1] for t in toks]))
    lower = list(map(str.islower, toks))
    pair = list(map(two.__contains__, zip(low, low[1:])))
    triple = list(map(three.__contains__, zip(low, low[1:], low[2:])))
    out: list[str] = []
    # without singles, only where a word can start: a capital, or a pair or triple of the word list
    opens = range(n) if singles else sorted(set(compress(range(n), up)).union(compress(range(n), pair),
                                                                              compress(range(n), triple)))
    i = 0
    for c in opens:
        if c < i:
            continue  # inside the word cut last
        i = c
        if up[i] and toks[i][:1].isalpha():
            j = i + 1
            while j < n and j - i < 4 and up[j] and toks[j][:1].isalpha():
                j += 1
            if j - i >= 2:
                out.append(" ".join(toks[i:j]))
                i = j
                continue
        if i + 1 < n and lower[i + 1]:
            if i + 2 < n and lower[i + 2] and triple[i]:
                out.append(" ".join(toks[i:i + 3]))
                i += 3
                continue
            if pair[i]:
                out.append(toks[i] + " " + toks[i + 1])
                i += 2
                continue
        if singles:
            out.append(toks[i])
        i += 1
    return out


def article_words(text: str, lines=None) -> Counter:
    """Keyword candidates of an article and their counts. `lines`: the text's non-blank lines as
    (tokens, lower-cased tokens), when the caller has cut them already (the entity lines)."""
    if lines is None:
        lines = []
        for line in text.split("\n"):
            if line.strip():
                toks = TOKEN.findall(line)
                lines.append((toks, list(map(str.lower, toks))))
    plain, stop = _PLAIN.match, STOP
    got: list[str] = []
    for toks, low in lines:
        for word in _cut(toks, low, singles=False):
            if not plain(word):
                continue  # digits, punctuation: no keyword
            if all(w[:1].isupper() for w in word.split(" ")):  # a name keeps its case
                if word.lower() not in stop:
                    got.append(word)
            else:
                key = word.lower()
                if key not in stop:
                    got.append(key)
    return Counter(got)


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
