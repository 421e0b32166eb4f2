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
import re
from bisect import bisect_left
from itertools import chain, compress, repeat
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


_VOWELS = "aăâeêioôơuưyáắấéếíóốớúứýàằầèềìòồờùừỳảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
# one Vietnamese syllable: onset, one to three vowels, coda (written forms, lower case)
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[" + _VOWELS + r"]{1,3}(?:ch|ng|nh|[cmnpt])?")
_FOREIGN: dict[str, bool] = {}


def _foreign(tok: str) -> bool:
    """A capitalised word that no Vietnamese syllable is written like ("Mourinho", "Rosneft",
    "Min-koo"): foreign names and brands, which no family-name or word list knows."""
    got = _FOREIGN.get(tok)
    if got is None:
        low = tok.lower()
        got = tok[:1].isupper() and low.replace("-", "").isalpha() and not all(
            _SYLLABLE.fullmatch(part) for part in low.split("-") if part)
        if len(_FOREIGN) < 100_000:
            _FOREIGN[tok] = got
    return got


_OPEN_CLOSE = {"(": ")", "“": "”"}


def _enclosed(ln: Line) -> tuple[list[bool], list[bool]] | None:
    """Per token: inside parentheses, inside quotes (once per line; None: the line has neither)."""
    got = ln.memo.get("enc", 0)
    if got == 0:
        got = None
        if "(" in ln.text or "“" in ln.text or '"' in ln.text:
            par, quo, depth, inq = [], [], 0, False
            for t in ln.toks:
                if t == ")" and depth:
                    depth -= 1
                if t in ("”",) or (t == '"' and inq):
                    inq = False
                elif t in ("“", '"'):
                    par.append(depth > 0)
                    quo.append(False)
                    inq = True
                    continue
                par.append(depth > 0 and t != ")")
                quo.append(inq and t != "”" and t != '"')
                if t == "(":
                    depth += 1
            got = (par, quo)
        ln.memo["enc"] = got
    return got


def windows(ln: Line, marked: list[bool]) -> list[tuple[int, int]]:
    """Token ranges to tag: runs of capitalised words and rule-marked tokens with the lower-case
    syllables that finish their last word ("Công an", "Cảnh sát"), joined across gaps of up to
    GAP tokens ("Công an huyện Yên Thành") with no sentence end in them. A common
    sentence-opening word ("Theo", "Khi") alone is no window, and opens none at a sentence start."""
    toks, low = ln.toks, ln.low
    act = sorted(ln.caps().union(compress(range(len(toks)), marked)))  # upper case: a word
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


def _hits(ln: Line) -> list[tuple[str, list[int], list[int]]]:
    """Every word-list match of a line, once per line: (list name, starts, ends) per list."""
    got = ln.memo.get("gaz")
    if got is None:
        got = []
        for name, table, fold in _TABLES:
            seq = ln.low if fold else ln.toks
            present = table.firsts.intersection(seq)  # most lines: a few lists, a few words
            if not present:
                continue
            starts, ends = [], []
            for p in [p for p, x in enumerate(seq) if x in present]:
                e = ln.longest(p, table, fold=fold)
                if e > p:
                    starts.append(p)
                    ends.append(e)
            if starts:
                got.append((name, starts, ends))
        ln.memo["gaz"] = got
    return got


def _matches(ln: Line, lo: int, hi: int) -> dict[int, list[str]]:
    """Word-list memberships of tokens lo..hi-1 as B/I features (matches may start up to 4 before)."""
    feats: dict[int, list[str]] = {}
    a = max(0, lo - 4)
    for name, starts, ends in _hits(ln):
        for q in range(bisect_left(starts, a), len(starts)):
            p = starts[q]
            if p >= hi:
                break
            e = ends[q]
            for k in range(max(p, lo), min(e, hi)):
                feats.setdefault(k, []).append(name + ("=B" if k == p else "=I"))
            if lo <= e < hi:
                feats.setdefault(e, []).append(name + "_end")  # the token right after a match
            if lo < p <= hi:
                feats.setdefault(p - 1, []).append(name + "_next")  # the token right before one
    return feats


def features(ln: Line, lo: int, hi: int, rule: list[str]) -> list[list[str]]:
    """Feature strings of tokens lo..hi-1 of a line (`rule`: the rules' BIO tag of every token)."""
    toks, low, n = ln.toks, ln.low, len(ln.toks)
    gaz = _matches(ln, lo, hi)
    words = compounds()
    run = _runs(toks, low, lo, hi)
    enc = _enclosed(ln)
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
        if _foreign(t):
            f.append("nv")
        f.append("w-1|w=" + p1 + "|" + w)  # word pairs: "đường | Bạch Đằng", "Nhà | Trắng"
        f.append("w|w+1=" + w + "|" + n1)
        if t[:1].isupper() and len(w) > 3:
            f.append("suf3=" + w[-3:])  # a foreign name's ending: "-nho", "-ova", "-eft"
        if enc is not None:
            if enc[0][i]:
                f.append("par")
            if enc[1][i]:
                f.append("quo")
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


_PAD_TAGS = ("<s>", "</s>")
_WORD_TEMPLATES = ("w", "w-1", "w+1", "w-2", "w+2", "rp", "rn")  # feature "name=word"
_FLAGS = ("b", "sur", "start", "sur-1", "cmp+1", "cmp-1", "first", "last", "nv", "par", "quo")
_RPOS = ("S", "B", "I", "E")
_KEYED = ("w-1|w", "w|w+1", "suf3")  # too many values for a matrix: looked up by value string


class Emitter:
    """Emission scores of `features` without its strings: every template's weights as a matrix
    indexed by word, tag or shape id, so that a text's emissions are a few numpy gathers.

    Why: building and looking up 17 feature strings per window token was the tagger's largest
    cost. The word-list features (`_matches`, a few per window) still go by name. A feature
    name this class does not know raises at load, so a model with new templates cannot be
    decoded with some of its weights silently dropped (tests compare both paths)."""

    def __init__(self, index: dict[str, int], W):
        import numpy as np

        self.np = np
        tags = LABELS + _PAD_TAGS
        self.tag = {t: n for n, t in enumerate(tags)}
        words: dict[str, int] = {}
        shapes: dict[str, int] = {}
        parsed = []
        for f, row in index.items():
            name, eq, val = f.partition("=")
            if not eq:
                kind = "flag" if name in _FLAGS else "gaz" if name.endswith(("_end", "_next")) else None
            elif name in _WORD_TEMPLATES:
                kind = "word"
                words.setdefault(val, len(words) + 1)
            elif name == "r|w-1":
                kind = "word"
                words.setdefault(val.split("|", 1)[1], len(words) + 1)
            elif name == "rp|pos":
                kind = "word"
                words.setdefault(val.rsplit("|", 1)[0], len(words) + 1)
            elif name == "sh" or name == "r|sh":
                kind = "shape"
                shapes.setdefault(val.split("|", 1)[1] if name == "r|sh" else val, len(shapes) + 1)
            elif name in ("r", "r-1", "r+1", "rl", "rpos"):
                kind = "small"
            elif len(name) == 2 and val in ("B", "I"):
                kind = "gaz"
            elif name in _KEYED:
                kind = "keyed"
            else:
                kind = None
            if kind is None:
                raise ValueError(f"feature {f!r}: no template for it in Emitter")
            parsed.append((f, name, val, row, kind))
        self.words, self.shapes = words, shapes
        nv, ns, nt = len(words) + 1, len(shapes) + 1, len(tags)
        z = lambda n: np.zeros((n, 7))  # noqa: E731  (row 0 of each: unknown, or no such feature)
        self.M = {name: z(nv) for name in _WORD_TEMPLATES}
        self.M.update({"r": z(nt), "r-1": z(nt), "r+1": z(nt), "sh": z(ns), "r|sh": z(nt * ns), "r|w-1": z(nt * nv),
                       "rl": z(5), "rpos": z(5), "rp|pos": z(nv * 5)})
        self.flag = {name: np.zeros(7) for name in _FLAGS}
        self.gaz: dict[str, int] = {}
        self.keyed: dict[str, dict[str, int]] = {name: {} for name in _KEYED}  # value -> weight row
        for f, name, val, row, kind in parsed:
            w = W[row]
            if kind == "flag":
                self.flag[name] = w
            elif kind == "keyed":
                self.keyed[name][val] = row
            elif kind == "gaz":
                self.gaz[f] = row
            elif name in _WORD_TEMPLATES:
                self.M[name][words[val]] = w
            elif name == "r|w-1":
                r, x = val.split("|", 1)
                self.M[name][self.tag[r] * nv + words[x]] = w
            elif name == "rp|pos":
                x, pos = val.rsplit("|", 1)
                self.M[name][words[x] * 5 + 1 + _RPOS.index(pos)] = w
            elif name == "sh":
                self.M[name][shapes[val]] = w
            elif name == "r|sh":
                r, x = val.split("|", 1)
                self.M[name][self.tag[r] * ns + shapes[x]] = w
            elif name in ("r", "r-1", "r+1"):
                self.M[name][self.tag[val]] = w
            elif name == "rl":
                self.M[name][int(val)] = w
            else:  # rpos
                self.M[name][1 + _RPOS.index(val)] = w
        self.nv, self.ns = nv, ns
        self.W = W

    def emissions(self, lines: list[tuple[Line, list[str], list[tuple[int, int]]]]):
        """(emission rows of every window token, in order; window lengths). The text's lines are
        laid end to end with two pads on each side of each line, so that every feature is one
        C-level map or numpy gather over the whole text's window tokens."""
        np = self.np
        TOK: list = []  # tokens, None as pad
        LOW: list[str] = []  # lower-cased tokens, "<s>" / "</s>" as pads (the words features see)
        TAG: list[str] = []  # rule tags, padded alike
        PAR: list[bool] = []  # inside parentheses, padded alike
        QUO: list[bool] = []  # inside quotes
        pos: list[int] = []  # index into those of every window token
        lens: list[int] = []
        sparse: list[tuple[int, int]] = []  # (window token number, weight row) of word-list features
        gaz = self.gaz.get
        for ln, tags, wins in lines:
            base = len(TOK) + 2
            TOK += (None, None)
            TOK += ln.toks
            TOK += (None, None)
            LOW += ("<s>", "<s>")
            LOW += ln.low
            LOW += ("</s>", "</s>")
            TAG += ("<s>", "<s>")
            TAG += tags
            TAG += ("</s>", "</s>")
            enc = _enclosed(ln)
            if enc is None:
                PAR += repeat(False, len(ln.toks) + 4)
                QUO += repeat(False, len(ln.toks) + 4)
            else:
                PAR += (False, False)
                PAR += enc[0]
                PAR += (False, False)
                QUO += (False, False)
                QUO += enc[1]
                QUO += (False, False)
            for lo, hi in wins:
                k0 = len(pos) - lo
                lens.append(hi - lo)
                pos += range(base + lo, base + hi)
                for k, hits in _matches(ln, lo, hi).items():
                    for h in hits:
                        row = gaz(h)
                        if row is not None:
                            sparse.append((k0 + k, row))
        if not pos:
            return np.zeros((0, 7)), []
        M, nv, ns = self.M, self.nv, self.ns
        words = compounds()
        G = np.array(list(map(self.words.get, LOW, repeat(0))))
        T = np.array(list(map(self.tag.__getitem__, TAG)))
        p = np.array(pos)
        pm, pn = (p - 1).tolist(), (p + 1).tolist()
        get, low = TOK.__getitem__, LOW.__getitem__
        wt, prev, nxt = list(map(get, pos)), list(map(get, pm)), list(map(get, pn))
        lw, lp, lx = list(map(low, pos)), list(map(low, pm)), list(map(low, pn))
        start = [x is None or x in _SENT_END for x in prev]
        flags = {
            "sur": list(map(SURNAMES.__contains__, wt)),
            "start": start,
            "sur-1": [not s and x in SURNAMES for s, x in zip(start, prev)],
            "cmp+1": [x is not None and x.islower() and (a + " " + b) in words for x, a, b in zip(nxt, lw, lx)],
            "cmp-1": [x is not None and t.islower() and (a + " " + b) in words for x, t, a, b in zip(prev, wt, lp, lw)],
            "nv": list(map(_foreign, wt)),
            "par": list(map(PAR.__getitem__, pos)),
            "quo": list(map(QUO.__getitem__, pos)),
        }
        S = np.array(list(map(self.shape_id, wt)))
        g0, t0 = G[p], T[p]
        e = (M["w"][g0] + M["w-1"][G[p - 1]] + M["w+1"][G[p + 1]] + M["w-2"][G[p - 2]] + M["w+2"][G[p + 2]]
             + M["r"][t0] + M["r-1"][T[p - 1]] + M["r+1"][T[p + 1]])
        e += M["sh"][S] + M["r|sh"][t0 * ns + S] + M["r|w-1"][t0 * nv + G[p - 1]]
        e += self.flag["b"]
        for name, v in flags.items():
            e += np.array(v, dtype=float)[:, None] * self.flag[name]
        L = np.array(lens)
        ends = np.cumsum(L)
        e[ends - L] += self.flag["first"]
        e[ends - 1] += self.flag["last"]
        # capitalised runs inside each window (`_runs`): a run stops at a lower-case token or the window's end
        up = np.array([t[:1].isupper() for t in wt])
        if up.any():
            first = np.zeros(len(pos), dtype=bool)
            first[ends - L] = True
            last = np.zeros(len(pos), dtype=bool)
            last[ends - 1] = True
            prev_up = np.concatenate(([False], up[:-1]))
            next_up = np.concatenate((up[1:], [False]))
            b_at = np.flatnonzero(up & (first | ~prev_up))  # run r: window tokens b_at[r] .. s_at[r]
            s_at = np.flatnonzero(up & (last | ~next_up))
            k = np.flatnonzero(up)
            r = (np.cumsum(up & (first | ~prev_up)) - 1)[k]
            rb, rs = b_at[r], s_at[r]
            length = rs - rb + 1
            before, after = G[p[rb] - 1], G[p[rs] + 1]
            rpos = np.where(length == 1, 1, np.where(k == rb, 2, np.where(k == rs, 4, 3)))
            e[k] += (M["rp"][before] + M["rn"][after] + M["rl"][np.minimum(length, 4)] + M["rpos"][rpos]
                     + M["rp|pos"][before * 5 + rpos])
        pair, nxt_pair, suf = self.keyed["w-1|w"].get, self.keyed["w|w+1"].get, self.keyed["suf3"].get
        rows = list(map(pair, [a + "|" + b for a, b in zip(lp, lw)], repeat(0)))
        e += self.W[rows]
        rows = list(map(nxt_pair, [a + "|" + b for a, b in zip(lw, lx)], repeat(0)))
        e += self.W[rows]
        rows = [suf(w[-3:], 0) if t[:1].isupper() and len(w) > 3 else 0 for t, w in zip(wt, lw)]
        e += self.W[rows]
        if sparse:
            at, rows = zip(*sparse)
            np.add.at(e, list(at), self.W[list(rows)])
        return e, lens

    def shape_id(self, tok: str) -> int:
        return self.shapes.get(_SHAPES.get(tok) or _shape(tok), 0)


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
        try:
            self.emitter: Emitter | None = Emitter(self.index, self.W)
        except ValueError:  # a model with a template Emitter lacks (one being tried): the feature strings
            self.emitter = None

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
        return self.best_paths(emis, [len(w) for w in windows])

    def decode_lines(self, lines: list[tuple[Line, list[str], list[tuple[int, int]]]]) -> list[list[str]]:
        """The same answer as decode_many over `features` of every window, for (line, rule tags,
        windows) triples, without building a feature string (`Emitter`)."""
        if self.emitter is None:
            return self.decode_many([features(ln, lo, hi, tags) for ln, tags, wins in lines for lo, hi in wins])
        emis, lens = self.emitter.emissions(lines)
        return self.best_paths(emis, lens) if lens else []

    def best_paths(self, emis, lens: list[int]) -> list[list[str]]:
        """Viterbi over windows whose token emission rows follow each other in `emis`."""
        np = self.np
        out: list[list[str] | None] = [None] * len(lens)
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
        """Viterbi over several windows at once, one numpy step per position. Windows go longest
        first, so step t works on the windows still running only (the first `live[t]`)."""
        np = self.np
        order = np.argsort(-lens, kind="stable")
        L, F = lens[order], firsts[order]
        nw, lmax = len(L), int(L[0])
        live = np.searchsorted(-L, -np.arange(lmax), side="left").tolist()  # windows longer than t
        score = emis[F] + self.start
        back = []
        trans = self.trans
        for t in range(1, lmax):
            c = live[t]
            cand = score[:c, :, None] + trans[None]
            back.append(cand.argmax(1))
            score[:c] = cand.max(1) + emis[F[:c] + t]
        j = score.argmax(1)
        path = np.zeros((nw, lmax), dtype=np.int64)
        for t in range(lmax - 1, 0, -1):
            c = live[t]
            path[:c, t] = j[:c]
            j[:c] = back[t - 1][np.arange(c), j[:c]]
        path[:, 0] = j
        out: list[list[int]] = [[]] * nw
        for k, (row, n) in enumerate(zip(path.tolist(), L.tolist())):
            out[order[k]] = row[:n]
        return out


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
