"""The learned layer of the entity annotator: a linear-chain CRF over syllables that reads the
rules' output as features and decides the final spans and types.

Why: the rules were written on a few hundred sentences; on unseen news text their typing of an
unknown capitalised run (a person by default) and their boundaries fail in ways that the context
tells ("đường Nguyễn Trãi" is a street, "hãng Volvo" a company, "Thống đốc bang Michigan
Gretchen Whitmer" a place then a person). The CRF weighs the rules' tag of each syllable against
its shape, the word lists it falls in (places, organisations, heads, titles, family names) and
the words around it, as learned from the real-text gold set's dev split (bench/fit_entities.py).

Cost: only *windows* are tagged, the capitalised runs of a line and what the rules marked, with
short lower-case gaps between them ("Công an huyện Yên Thành"); every other syllable is O. The
weights are one JSON file in vinews/data (read on first use, nothing downloaded); decoding is a
few dictionary look-ups per syllable and a Viterbi pass over seven labels, in plain Python.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from itertools import chain, repeat
from functools import lru_cache
from pathlib import Path

from .line import (_SENT_END, ORG_HEADS, ORG_NAMES, PLACE_HEADS, PLACES, TITLES, TITLES_LOWER, Entity, Line, compounds, is_cap,
                   is_word)
from .names import SENTENCE_WORDS, SURNAMES

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
MODEL = Path(__file__).resolve().parent.parent / "data" / "entity_tagger.json"
GAP = 3  # lower-case syllables allowed between two capitalised ones inside a window
_LEVEL_WORDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "bang", "thành", "phố", "thị", "trấn", "TP", "TP."})
_STOPS = frozenset((".", "!", "?", ";", ":", "(", ")", "“", "”", "\""))  # no window reaches across these
_TABLES = (("pl", PLACES, False), ("on", ORG_NAMES, False), ("oh", ORG_HEADS, False), ("ph", PLACE_HEADS, False),
           ("ti", TITLES, False), ("tl", TITLES_LOWER, True))


_SHAPES: dict[str, str] = {}


def _shape(tok: str) -> str:
    sh = _SHAPES.get(tok)
    if sh is None:
        if not is_word(tok):
            sh = tok if len(tok) == 1 else "P"
        elif tok[:1].isdigit():
            sh = "d"
        elif tok.isupper():
            sh = "XX" if len(tok) > 1 else "X"
        elif tok[:1].isupper():
            sh = "Xx-" if "-" in tok else ("Xx." if "." in tok else "Xx")
        else:
            sh = "x"
        if len(_SHAPES) < 100_000:
            _SHAPES[tok] = sh
    return sh


def windows(ln: Line, marked: list[bool]) -> list[tuple[int, int]]:
    """Token ranges to tag: runs of capitalised words and rule-marked tokens with the lower-case
    syllables that finish their last word ("Công an", "Cảnh sát"), joined across gaps of up to
    GAP tokens ("Công an huyện Yên Thành") with no sentence end in them. A common
    sentence-opening word ("Theo", "Khi") alone is no window, and opens none at a sentence start."""
    toks, low = ln.toks, ln.low
    act = [i for i, (t, m) in enumerate(zip(toks, marked)) if m or t[:1].isupper()]  # upper case: a word
    out: list[list[int]] = []
    last = -10
    for i in act:
        if out and i - last - 1 <= GAP and not any(toks[k] in _STOPS for k in range(last + 1, i)):
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
        last = i
    n = len(toks)
    res = []
    for a, b in out:
        if not marked[a] and low[a] in SENTENCE_WORDS:
            if b - a == 1:
                continue  # "Theo", "Sau", "Khi" alone (a sentence start, or one glued to a headline): no name
            if a == 0 or toks[a - 1] in _SENT_END:
                a += 1  # "Cả Toàn và Dương", "Riêng Ni": the opening word is not the name's
        if b < n and toks[b].islower() and toks[b - 1][:1].isupper():
            b = max(b, ln.compound_tail(b - 1))  # "Công an", "Cảnh sát"; not "Công Thương | yêu cầu"
        res.append((a, b))
    return res


def _matches(ln: Line, lo: int, hi: int) -> dict[int, list[str]]:
    """Word-list memberships of tokens lo..hi-1 as B/I features (matches may start up to 4 before)."""
    feats: dict[int, list[str]] = {}
    a = max(0, lo - 4)
    for name, table, fold in _TABLES:
        seq, firsts = (ln.low if fold else ln.toks), table.firsts
        if firsts.isdisjoint(seq[a:hi]):
            continue  # most windows: no entry of this list starts near them
        for p in range(a, hi):
            if seq[p] not in firsts:
                continue
            e = ln.longest(p, table, fold=fold)
            if e > p:
                for k in range(max(p, lo), min(e, hi)):
                    feats.setdefault(k, []).append(name + ("=B" if k == p else "=I"))
                if lo <= e < hi:
                    feats.setdefault(e, []).append(name + "_end")  # the token right after a match
    return feats


def features(ln: Line, lo: int, hi: int, rule: list[str]) -> list[list[str]]:
    """Feature strings of tokens lo..hi-1 of a line (`rule`: the rules' BIO tag of every token)."""
    toks, low, n = ln.toks, ln.low, len(ln.toks)
    gaz = _matches(ln, lo, hi)
    words = compounds()
    run = _runs(toks, low, lo, hi)
    # the window with two words of context on each side, padded past the line's ends
    W = [low[k] if 0 <= k < n else ("<s>" if k < 0 else "</s>") for k in range(lo - 2, hi + 2)]
    R = [rule[k] if 0 <= k < n else ("<s>" if k < 0 else "</s>") for k in range(lo - 1, hi + 1)]
    prev = toks[lo - 1] if lo > 0 else None
    out = []
    for d in range(hi - lo):
        i = lo + d
        t = toks[i]
        w, p1, n1 = W[d + 2], W[d + 1], W[d + 3]
        sh = _SHAPES.get(t) or _shape(t)
        r = R[d + 1]
        f = ["b", "w=" + w, "sh=" + sh, "r=" + r, "w-1=" + p1, "w+1=" + n1, "w-2=" + W[d], "w+2=" + W[d + 4],
             "r-1=" + R[d], "r+1=" + R[d + 2], "r|sh=" + r + "|" + sh, "r|w-1=" + r + "|" + p1]
        if t in SURNAMES:
            f.append("sur")
        if prev is None or prev in _SENT_END:
            f.append("start")  # (before "sur-1": the order of features does not matter)
        elif prev in SURNAMES:
            f.append("sur-1")
        if n1 != "</s>" and toks[i + 1].islower() and (w + " " + n1) in words:
            f.append("cmp+1")
        if prev is not None and t.islower() and (p1 + " " + w) in words:
            f.append("cmp-1")
        if d == 0:
            f.append("first")
        if i == hi - 1:
            f.append("last")
        g = gaz.get(i)
        if g:
            f.extend(g)
        g = run.get(i)
        if g:
            f.extend(g)
        out.append(f)
        prev = t
    return out


def _runs(toks: list[str], low: list[str], lo: int, hi: int) -> dict[int, list[str]]:
    """Capitalised runs inside a window: every token of a run sees the words around the whole
    run ("đường | Nguyễn Trãi | hướng"), the run's length and its own place in it."""
    out: dict[int, list[str]] = {}
    i = lo
    while i < hi:
        if not toks[i][:1].isupper():
            i += 1
            continue
        j = i
        while j < hi and toks[j][:1].isupper():
            j += 1
        before = low[i - 1] if i > 0 else "<s>"
        after = low[j] if j < len(toks) else "</s>"
        ln = str(min(j - i, 4))
        for k in range(i, j):
            pos = "S" if j - i == 1 else ("B" if k == i else ("E" if k == j - 1 else "I"))
            out[k] = ["rp=" + before, "rn=" + after, "rl=" + ln, "rpos=" + pos, "rp|pos=" + before + "|" + pos]
        i = j
    return out


def rule_tags(ln: Line, ents: list[Entity]) -> list[str]:
    """BIO tags of a line's tokens from entities (character offsets into the whole text)."""
    tags = ["O"] * len(ln.toks)
    if not ents:
        return tags
    starts = [ln.off + s for s, _ in ln.spans]
    for e in ents:
        a = bisect_left(starts, e.start)
        b = bisect_left(starts, e.end) - 1
        if a >= len(starts) or starts[a] != e.start or b < a or ln.off + ln.spans[b][1] != e.end:
            continue  # not on token boundaries ("Nga" inside "Nga-Mỹ"): the CRF cannot mark it
        tags[a] = "B-" + e.type
        for k in range(a + 1, b + 1):
            tags[k] = "I-" + e.type
    return tags


class Tagger:
    """CRF weights -> decoder. `state`: feature -> weight per label, `trans`: 7x7 list.

    Decoding batches every window of a text: emission scores are one gather-and-sum over a
    weight matrix, and Viterbi runs over all windows at once, one numpy step per position."""

    def __init__(self, state: dict[str, tuple[float, ...]], trans: list[list[float]]):
        import numpy as np

        self.np = np
        self.index = {f: n for n, f in enumerate(sorted(state), 1)}  # row 0: zeros, every token has it
        self.W = np.zeros((len(self.index) + 1, 7))
        for f, n in self.index.items():
            self.W[n] = state[f]
        allowed = np.array([[not (LABELS[j].startswith("I-") and LABELS[i][2:] != LABELS[j][2:]) for j in range(7)]
                            for i in range(7)])
        self.trans = np.where(allowed, np.array(trans, dtype=float), -1e9)  # I-X only after B-X or I-X
        self.start = np.array([-1e9 if lab.startswith("I-") else 0.0 for lab in LABELS])  # nor opens a window
        self.same = np.arange(7)

    @classmethod
    def from_json(cls, d: dict) -> "Tagger":
        state = {f: tuple(v.get(lab, 0.0) for lab in LABELS) for f, v in d["state"].items()}
        trans = [[d["trans"].get(a, {}).get(b, 0.0) for b in LABELS] for a in LABELS]
        return cls(state, trans)

    def decode(self, feats: list[list[str]]) -> list[str]:
        return self.decode_many([feats])[0]

    def decode_many(self, windows: list[list[list[str]]]) -> list[list[str]]:
        """Best label sequence of every window (each a list of token feature lists)."""
        np = self.np
        if not windows:
            return []
        toks = [f for win in windows for f in win]
        counts = list(map(len, toks))
        # unknown features read row 0 (zeros); every token has at least its bias feature
        rows = list(map(self.index.get, chain.from_iterable(toks), repeat(0)))
        starts = np.cumsum([0] + counts[:-1])
        emis = np.add.reduceat(self.W[rows], starts, axis=0)
        lens = [len(w) for w in windows]
        out: list[list[str] | None] = [None] * len(windows)
        firsts = np.cumsum([0] + lens[:-1])
        one = [n for n, k in enumerate(lens) if k == 1]
        if one:  # most windows are one token: no transitions to weigh
            best = (emis[firsts[one]] + self.start).argmax(1).tolist()
            for n, j in zip(one, best):
                out[n] = [LABELS[j]]
        many = [n for n, k in enumerate(lens) if k > 1]
        if many:
            for n, path in zip(many, self._viterbi(emis, firsts[many], np.array([lens[n] for n in many]))):
                out[n] = [LABELS[k] for k in path]
        return out

    def _viterbi(self, emis, firsts, lens) -> list[list[int]]:
        """Viterbi over several windows at once, one numpy step per position."""
        np = self.np
        nw, lmax = len(lens), int(lens.max())
        E = np.zeros((nw, lmax, 7))
        wi = np.repeat(np.arange(nw), lens)
        ti = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        E[wi, ti] = emis[np.repeat(firsts, lens) + ti]
        score = E[:, 0] + self.start
        back = []
        trans, same = self.trans, self.same
        for t in range(1, lmax):
            cand = score[:, :, None] + trans[None]
            bp = cand.argmax(1)
            best = np.take_along_axis(cand, bp[:, None, :], 1)[:, 0, :]
            live = (lens > t)[:, None]
            score = np.where(live, best + E[:, t], score)
            back.append(np.where(live, bp, same))
        j = score.argmax(1)
        path = [j]
        ar = np.arange(nw)
        for bp in reversed(back):
            j = bp[ar, j]
            path.append(j)
        return [p[:n] for p, n in zip(np.stack(path[::-1], 1).tolist(), lens.tolist())]


@lru_cache(maxsize=1)
def model() -> Tagger | None:
    """The shipped weights, or None when the file is missing (the rules then answer alone)."""
    try:
        return Tagger.from_json(json.loads(MODEL.read_text(encoding="utf-8")))
    except OSError:
        return None


def spans(tags: list[str], lo: int) -> list[tuple[int, int, str]]:
    """BIO tags of tokens lo.. -> (start token, end token, type)."""
    out, cur = [], None
    for k, t in enumerate(tags, lo):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            cur = [k, k + 1, t[2:]]
            out.append(cur)
        elif t.startswith("I-"):
            cur[1] = k + 1
        else:
            cur = None
    return [tuple(c) for c in out]


def title_before(ln: Line, p: int, taken: set[int]) -> str | None:
    """The title written right before the name at token p: title or role words ("Tổng thống",
    "ông", "bị cáo", "Thiếu tướng - Giáo sư") ending at p, possibly followed by the office's
    organisation or country ("Tổng thống Mỹ", "Giám đốc FBI", "Bộ trưởng Quốc phòng Mỹ"):
    tokens of other entities (`taken`), capitalised words and their compound tails."""
    toks, low, words = ln.toks, ln.low, compounds()
    k, best, j = p, None, p - 1
    while j >= 0 and p - j <= 10:
        hit = None
        for t in range(j, max(-1, j - 4), -1):
            e = max(ln.longest(t, TITLES), ln.longest(t, TITLES_LOWER, fold=True))
            if e > j and k <= e <= p:
                hit = t
        if hit is not None:
            best = k = hit
            j = hit - 1
            continue
        tok = toks[j]
        if j in taken or (is_cap(tok) and is_word(tok)) or tok == "-" or (
                tok.islower() and j > 0 and is_cap(toks[j - 1]) and low[j - 1] + " " + low[j] in words) or (
                tok in _LEVEL_WORDS and toks[j + 1][:1].isupper()):  # "Thống đốc bang Michigan", "UBND tỉnh"
            k = j
            j -= 1
            continue
        break
    if best is None:
        return None
    return ln.text[ln.spans[best][0]:ln.spans[p - 1][1]]
