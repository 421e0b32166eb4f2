"""Vectorised MinHash signatures and LSH banding over syllable shingles.

Everything runs on whole batches in numpy: the texts of a batch are joined into one UTF-8
buffer, syllable boundaries are found with byte masks, each syllable is hashed from up to 24 of
its bytes read as integers, n-grams are combined with multiply-add, and one-permutation hashing
(OPH) puts each shingle in one of `num_perm` bins with `np.minimum.at`. No Python loop runs per
syllable or per shingle. Empty bins (short texts) are filled by rotation densification
(Shrivastava & Li 2014) so two texts are compared bin for bin. Parameters are justified in
docs/dedup.md.
"""
from __future__ import annotations

import string

import numpy as np

from ..fold import unify_tones

NGRAM = 3  # syllable 3-grams (docs/dedup.md: 5-grams lose edited copies)
NUM_PERM = 128  # OPH bins = signature length
BANDS, ROWS = 32, 4  # LSH: 32 bands of 4 rows, S-curve midpoint ~0.42 (docs/dedup.md)
EMPTY = np.uint32(0xFFFFFFFF)
CHUNK = 1000  # texts per vectorised pass

_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_MULTS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                   0x94D049BB133111EB, 0xBF58476D1CE4E5B9, 0x85EBCA77C2B2AE63, 0xD6E8FEB86659FD93],
                  dtype=np.uint64)
# Bytes masks keeping the first k bytes of a little-endian uint64 (k = 0..8).
_BYTE_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [0xFFFFFFFFFFFFFFFF], dtype=np.uint64)

def fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3 finaliser, in place on a uint64 array (wrapping arithmetic is intended)."""
    x ^= x >> _S33
    x *= _M1
    x ^= x >> _S33
    x *= _M2
    x ^= x >> _S33
    return x


_SEP_LUT = np.zeros(256, dtype=bool)
_SEP_LUT[[ord(c) for c in string.whitespace + string.punctuation]] = True
_U64 = np.uint64


def _separators(arr: np.ndarray) -> np.ndarray:
    """Byte mask of what is not part of a syllable: spaces, ASCII punctuation, and the UTF-8
    sequences of Unicode punctuation (U+2010-U+2027 dashes, quotes, ellipsis; U+00A0-U+00BF
    NBSP, « », ·)."""
    sep = _SEP_LUT[arr]
    # One pass finds both lead bytes: 0xC2 and 0xE2 are the only bytes with (b & 0xDF) == 0xC2.
    idx = np.flatnonzero((arr[:-3] & np.uint8(0xDF)) == 0xC2)
    lead, b1, b2 = arr[idx], arr[idx + 1], arr[idx + 2]
    three = (lead == 0xE2) & (b1 == 0x80) & (b2 >= 0x90) & (b2 <= 0xA7)
    two = (lead == 0xC2) & (b1 >= 0xA0)
    for k in range(3):
        sep[idx[three] + k] = True
    for k in range(2):
        sep[idx[two] + k] = True
    return sep


# Old-style tone placement at a syllable end (hòa, khỏe, thủy), as UTF-8 after casefold: these
# tokens are re-hashed from their match_key form (hoà, khoẻ, thuỷ). They are a few per text.
_OLD_TONES = [o + v for o in "òóỏõọ" for v in "ae"] + [u + "y" for u in "ùúủũụ"]
_OLD3 = np.array(sorted(int.from_bytes(s.encode(), "little") for s in _OLD_TONES if len(s.encode()) == 3), dtype=np.uint64)
_OLD4 = np.array(sorted(int.from_bytes(s.encode(), "little") for s in _OLD_TONES if len(s.encode()) == 4), dtype=np.uint64)
DOC_SEP = "\x1e"  # record separator: never in normalised text (control characters are dropped)


def _hash_tokens(blob: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Hash tokens blob[start:end] from their bytes (blob needs 16 bytes of padding)."""
    lens = ends - starts
    # Unaligned uint64 view with a 1-byte stride: words[i] = bytes i..i+7 of the buffer.
    words = np.ndarray((len(blob) - 7,), dtype="<u8", buffer=blob, strides=(1,))
    h = words[starts]
    # Keep the first min(len, 8) bytes: shift the others out at the top.
    shift = (8 - np.minimum(lens, 8)).astype(_U64)
    shift <<= _U64(3)
    h <<= shift
    h *= _MULTS[0]
    h += lens.astype(_U64)
    # Syllables longer than 8 bytes (many: tone letters take 3 bytes) add bytes 8..15; long
    # tokens (numbers, names, URLs) also their last 8 bytes.
    idx = np.flatnonzero(lens > 8)
    w = words[starts[idx] + 8] << ((8 - np.minimum(lens[idx] - 8, 8)).astype(_U64) << _U64(3))
    h[idx] += fmix64(w) * _MULTS[1]
    idx = idx[lens[idx] > 16]
    h[idx] += fmix64(words[ends[idx] - 8]) * _MULTS[2]
    return h


def _unify_tokens(blob: bytes, starts: np.ndarray, ends: np.ndarray, h: np.ndarray) -> None:
    """Give old-style tone tokens (hòa) the hash of their unified form (hoà), in place.
    Found with byte masks; only the few hits are rewritten in Python."""
    arr = np.frombuffer(blob, dtype=np.uint8)
    last = arr[ends - 1]
    cand = np.flatnonzero(((last == 0x61) | (last == 0x65) | (last == 0x79)) & (ends - starts >= 3))
    if not len(cand):
        return
    words = np.ndarray((len(blob) - 7,), dtype="<u8", buffer=blob, strides=(1,))
    e = ends[cand]
    hit = np.isin(words[e - 3] & _U64(0xFFFFFF), _OLD3)
    long4 = (ends[cand] - starts[cand]) >= 4
    hit |= long4 & np.isin(words[np.maximum(e - 4, 0)] & _U64(0xFFFFFFFF), _OLD4)
    idx = cand[hit]
    if not len(idx):
        return
    # Equal tokens have equal hashes: rewrite each distinct spelling once.
    uniq, first, inverse = np.unique(h[idx], return_index=True, return_inverse=True)
    one = idx[first]
    fixed = [unify_tones(blob[s:t].decode("utf-8")).encode("utf-8") for s, t in zip(starts[one].tolist(), ends[one].tolist())]
    lens = np.fromiter(map(len, fixed), dtype=np.int64, count=len(fixed))
    f_ends = np.cumsum(lens + 1) - 1
    h[idx] = _hash_tokens(b" ".join(fixed) + b" " + b"\0" * 16, f_ends - lens, f_ends)[inverse]


def _token_hashes(texts: list[str], lines: bool = False) -> tuple[np.ndarray, ...]:
    """Hash every syllable of every text: (hashes, document index, is-document-end) per token,
    and with `lines`, whether a line break stands before the token.

    Texts are case folded and joined with DOC_SEP as a one-byte token of its own."""
    joined = f" {DOC_SEP} ".join(texts)
    if joined.count(DOC_SEP) != max(len(texts) - 1, 0):
        joined = f" {DOC_SEP} ".join(t.replace(DOC_SEP, " ") for t in texts)
    # str.casefold measured as fast as a numpy byte-level lower-casing, and it is exact.
    blob = joined.casefold().encode("utf-8") + b" " + b"\0" * 16
    arr = np.frombuffer(blob, dtype=np.uint8)
    sep = _separators(arr)
    sep[-16:] = True
    # Token edges: where the separator mask flips. They alternate start, end, start, end.
    edges = np.flatnonzero(sep[1:] != sep[:-1]) + 1
    if not sep[0]:
        edges = np.concatenate(([0], edges))
    starts, ends = edges[0::2], edges[1::2]
    h = _hash_tokens(blob, starts, ends)
    _unify_tokens(blob, starts, ends, h)
    is_nl = ((ends - starts) == 1) & (arr[starts] == 0x1E)
    doc = np.cumsum(is_nl)
    if not lines:
        return h, doc, is_nl
    # a newline between two tokens: more newlines before the next token's start than before the
    # last one's end (counted by binary search over the newlines' offsets: a running count over
    # every byte was a 64-bit array 8x the text's size, a quarter of signing)
    nl = np.flatnonzero(arr == 0x0A)
    brk = np.ones(len(starts), dtype=bool)
    brk[1:] = np.searchsorted(nl, starts[1:]) > np.searchsorted(nl, ends[:-1])
    return h, doc, is_nl, brk


def _shingles(h: np.ndarray, doc: np.ndarray, is_nl: np.ndarray, n_docs: int, ngram: int,
              seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Syllable n-gram hashes and their document index; n-grams spanning two documents get index
    n_docs (a dump row). A document with fewer than `ngram` syllables is one shingle."""
    m = max(len(h) - ngram + 1, 0)
    s = h[:m] * _MULTS[4]
    for i in range(1, ngram):  # loop over n-gram positions (3), not over shingles
        t = s >> _U64(41)
        s <<= _U64(23)
        s |= t
        t = h[i:i + m] * _MULTS[(4 + i) % 8]
        s += t
    sdoc = doc[:m].copy()
    sdoc[(doc[ngram - 1:ngram - 1 + m] != sdoc) | is_nl[:m]] = n_docs
    counts = np.bincount(doc[~is_nl], minlength=n_docs + 1)[:n_docs]
    short = np.flatnonzero((counts > 0) & (counts < ngram))
    if len(short):  # rare: a text of one or two syllables is one shingle
        sel = np.isin(doc, short) & ~is_nl
        acc = np.zeros(n_docs, dtype=np.uint64)
        np.add.at(acc, doc[sel], h[sel])
        s = np.concatenate((s, acc[short]))
        sdoc = np.concatenate((sdoc, short))
    s += _U64(seed) * _MULTS[7]
    return fmix64(s), sdoc


def _exact_keys(h: np.ndarray, doc: np.ndarray, is_nl: np.ndarray, n_docs: int) -> np.ndarray:
    """One 64-bit key per text from its syllable sequence (order matters): equal normalised
    texts (case, tone placement, spacing and punctuation aside) get equal keys."""
    keep = ~is_nl
    h, doc = h[keep], doc[keep]
    first = np.searchsorted(doc, np.arange(n_docs))
    pos = (np.arange(len(h)) - first[doc]).astype(_U64)
    v = fmix64(h ^ (pos * _MULTS[5] + _MULTS[6]))
    acc = np.zeros(n_docs, dtype=np.uint64)
    np.add.at(acc, doc, v)
    acc += np.bincount(doc, minlength=n_docs).astype(_U64) * _MULTS[2]
    return fmix64(acc)


def exact_keys(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(exact key, syllable count) of each text, without signatures (for paragraphs)."""
    if len(texts) > CHUNK:
        parts = [exact_keys(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    h, doc, is_nl = _token_hashes(texts)
    counts = np.bincount(doc[~is_nl], minlength=len(texts) + 1)[: len(texts)]
    return _exact_keys(h, doc, is_nl, len(texts)), counts


def line_keys(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every line of every text (texts split at "\n", lines without syllables left out):
    (exact key, syllable count, index of its text). A line's key is exact_keys([line])."""
    if len(texts) > CHUNK:
        parts = [line_keys(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
        return _concat_lines(parts)
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    return _line_keys(*_token_hashes(texts, lines=True))


def _concat_lines(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Line keys of CHUNK-sized slices, their text indices made global."""
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] + i * CHUNK for i, p in enumerate(parts)]))


def _line_keys(h: np.ndarray, doc: np.ndarray, is_nl: np.ndarray, brk: np.ndarray) -> tuple[np.ndarray, ...]:
    keep = ~is_nl
    # A line starts at a line break or right after a document separator.
    after_sep = np.zeros(len(h), dtype=bool)
    after_sep[1:] = is_nl[:-1]
    line = np.cumsum((brk | after_sep) & keep)[keep] - 1
    h, doc = h[keep], doc[keep]
    n_lines = int(line[-1]) + 1 if len(line) else 0
    first = np.searchsorted(line, np.arange(n_lines))
    return (_exact_keys(h, line, np.zeros(len(h), dtype=bool), n_lines),
            np.bincount(line, minlength=n_lines), doc[first])


def sketch(texts: list[str], num_perm: int = NUM_PERM, ngram: int = NGRAM,
           seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """OPH MinHash of each text: (signatures uint32[n, num_perm], shingle counts int32,
    exact keys uint64). A text without syllables has an all-EMPTY row and count 0."""
    return _sketch(texts, num_perm, ngram, seed, False)[:3]  # type: ignore[return-value]


def sketch_and_lines(texts: list[str], num_perm: int = NUM_PERM, ngram: int = NGRAM) -> tuple[np.ndarray, ...]:
    """sketch(texts) + line_keys(texts) from one tokenisation (the sign stage needs both)."""
    return _sketch(texts, num_perm, ngram, 0, True)


def _sketch(texts: list[str], num_perm: int, ngram: int, seed: int, lines: bool) -> tuple[np.ndarray, ...]:
    if len(texts) > CHUNK:  # numpy passes over ~1 MB arrays stay in cache: 2x faster than one big pass
        parts = [_sketch(texts[i:i + CHUNK], num_perm, ngram, seed, lines) for i in range(0, len(texts), CHUNK)]
        head = tuple(np.concatenate(x) for x in zip(*(p[:3] for p in parts)))
        return head + (_concat_lines([p[3:] for p in parts]) if lines else ())
    n = len(texts)
    tokens = _token_hashes(texts, lines=lines)
    h, doc, is_nl = tokens[:3]
    s, sdoc = _shingles(h, doc, is_nl, n, ngram, seed)
    exact = _exact_keys(h, doc, is_nl, n)
    by_line = (_line_keys(*tokens) if n else (np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64))) if lines else ()
    del h, tokens
    # One extra row collects the shingles that span two documents.
    sig = np.full((n + 1) * num_perm, EMPTY, dtype=np.uint32)
    counts = np.bincount(sdoc, minlength=n + 1)[:n].astype(np.int32)
    if len(s):
        # Bin from the high bits (fast range reduction), value from the low 32 bits.
        key = ((s >> _U64(32)) * _U64(num_perm)) >> _U64(32)
        key += sdoc.astype(_U64) * _U64(num_perm)
        np.minimum.at(sig, key.astype(np.intp), s.astype(np.uint32))
    sig = sig.reshape(n + 1, num_perm)[:n]
    _densify(sig, counts)
    return (sig, counts, exact) + by_line


def _densify(sig: np.ndarray, counts: np.ndarray) -> None:
    """Fill empty bins from the next non-empty bin to the right (circular), mixed with the
    distance, so equal sets give equal rows and similar sets mostly equal rows."""
    rows = np.flatnonzero((sig == EMPTY).any(axis=1) & (counts > 0))
    if not len(rows):
        return
    k = sig.shape[1]
    sub = sig[rows]
    filled = sub != EMPTY
    pos = np.arange(2 * k)
    idx = np.where(np.concatenate((filled, filled), axis=1), pos, 4 * k)
    nxt = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1][:, :k]
    dist = (nxt - pos[:k]).astype(np.uint64)
    src = np.take_along_axis(sub, nxt % k, axis=1).astype(np.uint64)
    mixed = fmix64(src * _MULTS[4] + dist * _MULTS[5]) >> np.uint64(32)
    sig[rows] = np.where(filled, sub, mixed.astype(np.uint32))


def band_hashes(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """LSH band keys: uint64[n, bands]; the band index is mixed in so bands never collide."""
    n = sig.shape[0]
    v = sig[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    h = np.broadcast_to(np.arange(bands, dtype=np.uint64) * _MULTS[6], (n, bands)).copy()
    for r in range(rows):  # loop over rows in a band (4), not over documents
        h = (h + v[:, :, r] * _MULTS[r % 8]) * _MULTS[(r + 3) % 8]
        h ^= h >> np.uint64(29)
    return fmix64(h)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of row pairs: the share of equal bins."""
    return (sig_a == sig_b).mean(axis=1)


def containment(jac: np.ndarray, n_a: np.ndarray, n_b: np.ndarray) -> np.ndarray:
    """Estimated |A∩B| / min(|A|,|B|) from Jaccard and set sizes: |A∩B| = J(|A|+|B|)/(1+J)."""
    n_a = n_a.astype(np.float64)
    n_b = n_b.astype(np.float64)
    inter = jac * (n_a + n_b) / (1.0 + jac)
    return np.minimum(inter / np.maximum(np.minimum(n_a, n_b), 1.0), 1.0)
