"""The copy-vs-original diff: correct on small inputs, bounded work on long ones (issue 10: a
77 KB article took 49 s per copy with difflib over the raw token stream)."""
import difflib
import random

from hypothesis import given
from hypothesis import strategies as st

from vinews.serve import diff as diff_mod
from vinews.serve.diff import NOT_DIFFED, diff, similarity, word_diff


def reading(segs, side):
    keep = ("same", "removed") if side == "a" else ("same", "added")
    return "".join(s["text"] for s in segs if s["op"] in keep)


def test_small_diffs():
    assert word_diff("a b c\nd e f\ng h", "a x c\nd e f\ng h i") == [
        {"op": "same", "text": "a"}, {"op": "removed", "text": " b"}, {"op": "added", "text": " x"},
        {"op": "same", "text": " c\nd e f\ng h"}, {"op": "added", "text": " i"}]
    assert word_diff("P0\nP1", "P1") == [{"op": "removed", "text": "P0"}, {"op": "same", "text": " P1"}]
    assert word_diff("same text", "same text") == [{"op": "same", "text": "same text"}]
    assert word_diff("", "") == [] and similarity("", "") == 1.0
    assert word_diff("Hà  Nội", "Hà Nội") == [{"op": "same", "text": "Hà Nội"}]  # spacing is no change
    assert similarity("một hai ba bốn", "một hai ba bốn") == 1.0
    assert similarity("một hai", "ba bốn") == 0.0


_WORDS = st.sampled_from(["Hà", "Nội", "và", "của", "năm", "người", "dân", "tin.", "bài", "x", "\n", "mới"])


@given(st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=60))
def test_both_texts_read_back_from_the_segments(wa, wb):
    a, b = " ".join(wa), " ".join(wb)
    segs, sim, note = diff(a, b)
    assert note is None and 0.0 <= sim <= 1.0
    assert reading(segs, "a").split() == a.split() and reading(segs, "b").split() == b.split()
    assert all(s["text"] for s in segs) and all(x["op"] != y["op"] for x, y in zip(segs, segs[1:]))
    # never claims more in common than the best word alignment (the longest common subsequence) has
    x, y = a.split(), b.split()
    assert sim <= round(2 * _lcs(x, y) / (len(x) + len(y)), 3) + 1e-9 if x or y else sim == 1.0


def _lcs(x, y):
    row = [0] * (len(y) + 1)
    for u in x:
        prev, row = row, [0]
        for j, v in enumerate(y):
            row.append(prev[j] + 1 if u == v else max(prev[j + 1], row[j]))
    return row[-1]


def _article(rng, paragraphs):
    vocab = ("của và là được người có các trong cho với không những một này đã năm tại Hà Nội kinh tế Việt Nam "
             "thị trường doanh nghiệp tăng trưởng chính sách xuất khẩu đầu tư phát triển").split()
    return ["".join(" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 25))) + ". " for _ in range(5)).strip()
            for _ in range(paragraphs)]


def test_an_80_kb_pair_is_diffed_with_bounded_work(monkeypatch):
    rng = random.Random(7)
    paras = _article(rng, 160)
    a = "\n".join(paras)
    assert len(a.encode()) > 80_000
    copy = [p.replace(" và ", " cùng ", 1) if i % 3 == 0 else p for i, p in enumerate(paras)]
    b = "\n".join(["Theo báo A."] + copy[:-5])
    sizes = []
    real = difflib.SequenceMatcher

    class Recording(real):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            sizes.append(max(len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(diff_mod.difflib, "SequenceMatcher", Recording)
    segs, sim, note = diff(a, b)
    assert note is None and sim > 0.9
    assert reading(segs, "a").split() == a.split() and reading(segs, "b").split() == b.split()
    assert "cùng" in "".join(s["text"] for s in segs if s["op"] == "added")
    assert max(sizes) <= 200  # paragraphs, then sentences and words of one paragraph: never the 13k-word stream
    # one 80 KB paragraph: the sentence level keeps it small too
    sizes.clear()
    segs, sim, note = diff(" ".join(paras), " ".join(copy))
    assert note is None and sim > 0.9 and max(sizes) <= 1000


def test_over_the_cap_the_copy_is_shown_whole_and_says_so(monkeypatch):
    monkeypatch.setattr(diff_mod, "MAX_WORDS", 10)
    segs, sim, note = diff("một hai ba " * 5, "một hai bốn " * 5)
    assert note == NOT_DIFFED and segs == [{"op": "plain", "text": "một hai bốn " * 5}] and 0 < sim < 1
    monkeypatch.setattr(diff_mod, "MAX_WORDS", 40_000)
    monkeypatch.setattr(diff_mod, "BLOCK_WORDS", 3)
    segs, sim, note = diff("a b c d e", "v w x y z")
    assert note == diff_mod.PARTLY_DIFFED and [s["op"] for s in segs] == ["removed", "added"]


def test_cluster_page_says_when_the_copy_is_not_diffed(client, monkeypatch):
    monkeypatch.setattr(diff_mod, "MAX_WORDS", 10)
    html = client.get("/cluster/1").text
    assert NOT_DIFFED in html and 'class="plain"' in html
    assert client.get("/api/cluster/1").json()["copies"][0]["diff_note"] == NOT_DIFFED
