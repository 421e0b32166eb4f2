from collections import Counter
from pathlib import Path

from vinews.annotate.goldset import read_jsonl
from vinews.annotate.keywords import STOP, _PLAIN, article_words, line_words
from vinews.annotate.line import TOKEN, compounds

DATA = Path(__file__).resolve().parent.parent / "data"


def reference_line_words(line: str) -> list[str]:
    """The cut as first written: joined strings looked up position by position."""
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


def reference_article_words(text: str) -> Counter:
    words: Counter = Counter()
    for line in text.split("\n"):
        for word in (reference_line_words(line) if line.strip() else []):
            if " " not in word or not _PLAIN.match(word):
                continue
            key = word if all(w[:1].isupper() for w in word.split()) else word.lower()
            if key.lower() not in STOP:
                words[key] += 1
    return words


def test_cut_equals_the_reference_cut():
    texts = [r["text"] for r in read_jsonl(DATA / "entities_gold.jsonl")]
    texts += ["Bộ Quốc phòng và quốc phòng toàn dân", "an ninh quốc phòng Hà Nội Thành phố Hồ Chí Minh A B C D E",
              "", "x", "Hà", "Ⅷ Ⅸ là số", "giao thông vận tải"]
    assert any(" " in w and w.islower() for t in texts for w in line_words(t))  # word-list words are found
    for t in texts:
        assert line_words(t) == reference_line_words(t)
    joined = "\n".join(texts)
    assert article_words(joined) == reference_article_words(joined)
    lines = [(TOKEN.findall(x), [w.lower() for w in TOKEN.findall(x)]) for x in joined.split("\n") if x.strip()]
    assert article_words(joined, lines) == article_words(joined)
