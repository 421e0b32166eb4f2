import itertools
import random

from vinews.annotate import tagger as tg
from vinews.annotate.entities import find_entities, learned_entities, rule_entities
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


def _gold_texts(per_text: int = 6) -> list[str]:
    """The hand-written gold sentences, a few to a text (several lines: pads between lines)."""
    from pathlib import Path

    from vinews.annotate.goldset import read_jsonl

    rows = read_jsonl(Path(__file__).resolve().parent.parent / "data" / "entities_gold.jsonl")
    texts = [r["text"] for r in rows]
    return ["\n".join(texts[k:k + per_text]) for k in range(0, len(texts), per_text)]


def _jobs(text: str):
    from vinews.annotate.entities import _rule_lines

    out = []
    for ln, ents in _rule_lines(text):
        tags = tg.rule_tags(ln, ents)
        out.append((ln, tags, tg.windows(ln, [t != "O" for t in tags])))
    return out


def test_emitter_equals_the_feature_strings():
    import numpy as np

    m = tg.model()
    assert m.emitter is not None  # the shipped model is decoded without feature strings
    texts = _gold_texts()
    jobs = [j for t in texts for j in _jobs(t)]
    wins = [tg.features(ln, lo, hi, tags) for ln, tags, ws in jobs for lo, hi in ws]
    emis, lens = m.emitter.emissions(jobs)
    want = np.stack([m.W[[0] + [m.index[x] for x in f if x in m.index]].sum(0) for w in wins for f in w])
    assert lens == [len(w) for w in wins] and len(wins) > 300
    assert np.allclose(emis, want, atol=1e-9)
    assert m.decode_lines(jobs) == m.decode_many(wins)


def test_emitter_refuses_a_feature_it_cannot_compute():
    import numpy as np
    import pytest

    with pytest.raises(ValueError, match="no template"):
        tg.Emitter({"b": 1, "w=hà": 2, "suffix=ội": 3}, np.zeros((4, 7)))
    m = tg.Tagger({"b": (0.0,) * 7, "suffix=ội": (1.0,) + (0.0,) * 6}, [[0.0] * 7] * 7)
    assert m.emitter is None  # such a model is decoded by its feature strings
    text = "Ông Nguyễn Văn Nội đến Hà Nội."
    assert [e.type for e in learned_entities(text, m)] == []  # O everywhere: only "suffix=ội" scores


def test_batched_texts_give_each_text_its_own_entities():
    from vinews.annotate import AnnotateParams, annotate_articles, entities
    from vinews.annotate.entities import entities_and_lines

    texts = _gold_texts(4)[:9] + [""]
    found, lines = entities_and_lines(texts)
    assert found == [find_entities(t) for t in texts]
    assert found[:3] == [find_entities(t) for t in texts[:3]]
    assert [[ln.text for ln in ls] for ls in lines] == [[x for x in t.split("\n") if x.strip()] for t in texts]
    assert entities_and_lines(texts, rules_only=True)[0] == [rule_entities(t) for t in texts]
    rows = [{"id": str(n), "text": t} for n, t in enumerate(texts)]
    kw, got = annotate_articles(rows, across=False, params=AnnotateParams(batch_articles=3))
    want = [(str(n), m.start, m.end, m.type, m.title, m.key) for n, t in enumerate(texts) for m in entities(t)]
    assert [(r["article_id"], r["start"], r["end"], r["type"], r["attr"], r["key"]) for r in got] == want
    assert annotate_articles(rows, across=False) == (kw, got)

