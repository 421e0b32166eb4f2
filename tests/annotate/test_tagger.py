import itertools
import random

from vinews.annotate import tagger as tg
from vinews.annotate.entities import find_entities, rule_entities
from vinews.annotate.line import Line


def test_weights_ship_small_and_load():
    assert tg.MODEL.is_file() and tg.MODEL.stat().st_size < 500_000
    assert tg.model() is not None


def brute_force(m: tg.Tagger, feats):
    """Best allowed label sequence by enumeration: the reference for the batched Viterbi."""
    emis = [m.W[[0] + [m.index[x] for x in f if x in m.index]].sum(0) for f in feats]
    best, arg = None, None
    for seq in itertools.product(range(7), repeat=len(feats)):
        s = emis[0][seq[0]] + m.start[seq[0]]
        for k in range(1, len(seq)):
            s += m.trans[seq[k - 1], seq[k]] + emis[k][seq[k]]
        if best is None or s > best:
            best, arg = s, seq
    return [tg.LABELS[k] for k in arg]


def test_batched_viterbi_equals_brute_force():
    m = tg.model()
    rng = random.Random(0)
    feats = list(m.index)
    windows = [[rng.sample(feats, 12) for _ in range(rng.randint(1, 4))] for _ in range(40)]
    got = m.decode_many(windows)
    assert got == [brute_force(m, w) for w in windows]
    for labels in got:  # I-X only after B-X or I-X
        for a, b in zip(["O"] + labels, labels):
            assert not b.startswith("I-") or a[2:] == b[2:]


def test_rules_only_switch_and_offsets():
    text = "Sáng 2/11, Tổng thống Mỹ Donald Trump gặp Chủ tịch UBND tỉnh Lâm Đồng tại đường Nguyễn Trãi, Hà Nội."
    learned = find_entities(text)
    assert find_entities(text, rules_only=True) == rule_entities(text)
    for e in learned:
        assert text[e.start:e.end] == e.text
    got = {(e.type, e.text, e.attr) for e in learned}
    assert ("PER", "Donald Trump", "Tổng thống Mỹ") in got
    assert ("ORG", "UBND tỉnh Lâm Đồng", None) in got
    assert ("LOC", "Nguyễn Trãi", None) in got


def test_windows_skip_a_lone_sentence_opener_and_take_compound_tails():
    ln = Line("Theo đó, lực lượng Công an tiếp nhận vụ việc.", 0)
    wins = tg.windows(ln, [False] * len(ln.toks))
    assert [ln.toks[a:b] for a, b in wins] == [["Công", "an"]]


def test_titles_before_learned_names():
    ln = Line("Thống đốc bang Michigan Gretchen Whitmer phát biểu.", 0)
    assert tg.title_before(ln, 4, {3}) == "Thống đốc bang Michigan"
    ln = Line("Bộ trưởng Quốc phòng Mỹ Pete Hegseth cho biết.", 0)
    assert tg.title_before(ln, 5, {4}) == "Bộ trưởng Quốc phòng Mỹ"
