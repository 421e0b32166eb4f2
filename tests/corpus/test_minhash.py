import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus import minhash as M
from vinews.normalize import match_key


def test_case_tone_spacing_and_punctuation_do_not_change_the_shingles():
    a = "Hòa bình, THỦY lợi và sức khỏe của người dân."
    b = "hoà  bình thuỷ lợi — và sức khoẻ của người dân"
    sa, ca, ea = M.sketch([a])
    sb, cb, eb = M.sketch([b])
    assert (sa == sb).all() and ca[0] == cb[0] and ea[0] == eb[0]


def test_tokens_are_the_syllables_of_match_key():
    text = "Ông Nguyễn Văn A (SN 1980) nói: “Tôi đã đến Hà Nội… hôm qua!” Giá 1.200 đồng/kg."
    h, doc, nl = M._token_hashes([text])
    key = match_key(text)
    for c in "(),:“”…!/.":
        key = key.replace(c, " ")
    assert len(h) == len(key.split())


def test_diacritics_are_kept():
    s, _, e = M.sketch(["của nhà ông ấy ở gần chợ", "cửa nhà ông ấy ở gần chợ"])
    assert e[0] != e[1] and not (s[0] == s[1]).all()


def test_similarity_orders_copies_and_is_deterministic():
    base = " ".join(f"từ{i % 97} chữ{i % 89} câu{i % 83}" for i in range(400))
    words = base.split()
    edited = words.copy()
    for i in range(0, len(edited), 20):
        edited[i] = "khác"
    other = " ".join(f"lời{i % 71} văn{i % 67}" for i in range(600))
    texts = [base, " ".join(edited), other, base]
    s1, c1, e1 = M.sketch(texts)
    s2, _, _ = M.sketch(list(texts))
    assert (s1 == s2).all()
    j = M.similarity(s1[[0, 0, 0]], s1[[1, 2, 3]])
    assert j[2] == 1.0 and j[0] > 0.6 and j[1] < 0.05
    assert e1[0] == e1[3] != e1[1]


def test_empty_and_short_texts():
    s, c, e = M.sketch(["", "một", "một hai", "một hai ba"])
    assert c.tolist() == [0, 1, 1, 1]
    assert (s[0] == M.EMPTY).all() and not (s[1] == M.EMPTY).any()


def test_containment_of_a_trimmed_copy():
    words = [f"chữ{i}" for i in range(900)]
    full, half = " ".join(words), " ".join(words[:450])
    s, c, _ = M.sketch([full, half])
    j = M.similarity(s[:1], s[1:])
    assert 0.35 < j[0] < 0.65
    assert M.containment(j, c[:1], c[1:])[0] > 0.85


def test_bands_collide_for_equal_signatures_only():
    s, _, _ = M.sketch(["một hai ba bốn năm sáu bảy", "một hai ba bốn năm sáu bảy", "tám chín mười"])
    b = M.band_hashes(s)
    assert b.shape == (3, M.BANDS)
    assert (b[0] == b[1]).all() and not (b[0] == b[2]).any()


def test_upper_case_vietnamese_gives_the_same_tokens():
    upper = "ĐÀ NẴNG: ƯỚC MƠ Ở ĐÂY, HÒA BÌNH, THỦY LỢI, KHỎE. ÂU Ă Ê Ô Ơ Ư Ĩ Ũ Ỳ Ý Ỷ Ỹ Ỵ Ế Ệ Ộ Ợ Ự"
    a, _, _ = M._token_hashes([upper])
    b, _, _ = M._token_hashes([upper.casefold()])
    assert (a == b).all()


def test_line_keys_are_the_exact_keys_of_each_line():
    import random

    rng = random.Random(1)
    syl = "một hai ba Hòa thuỷ khỏe, bốn. năm – “sáu” bảy 2024 TP.HCM".split()
    texts = ["\n".join(" ".join(rng.choice(syl) for _ in range(rng.randint(0, 10)))
                       for _ in range(rng.randint(0, 4))) for _ in range(2300)]  # > one CHUNK
    keys, counts, doc = M.line_keys(texts)
    want = []
    for i, t in enumerate(texts):
        for line in t.split("\n"):
            k, c = M.exact_keys([line])
            if c[0]:
                want.append((int(k[0]), int(c[0]), i))
    assert list(zip(keys.tolist(), counts.tolist(), doc.tolist())) == want
    assert [len(x) for x in M.line_keys([])] == [0, 0, 0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="aăâbcdđeêhiklmnoôơpqrstuưvxyàáảãạèéẻẽẹòóỏõọùúủũụ .,\n\x1e", max_size=40),
                max_size=6))
def test_sketch_and_lines_equals_separate_calls(texts):
    both = M.sketch_and_lines(texts)
    for x, y in zip(both, M.sketch(texts) + M.line_keys(texts)):
        np.testing.assert_array_equal(x, y)


def test_sketch_and_lines_across_chunks(monkeypatch):
    monkeypatch.setattr(M, "CHUNK", 2)
    texts = ["một hai ba\nbốn năm", "", "sáu bảy tám chín", "mười\nmột hai", "ba"]
    both = M.sketch_and_lines(texts)
    for x, y in zip(both, M.sketch(texts) + M.line_keys(texts)):
        np.testing.assert_array_equal(x, y)


def test_build_dedup_defaults_match_the_library_defaults():
    # minhash.sketch() & co. default to the module's constants; the build passes DedupParams
    from vinews.corpus.params import DEFAULT_DEDUP as D

    assert (D.ngram, D.num_perm, D.bands, D.rows) == (M.NGRAM, M.NUM_PERM, M.BANDS, M.ROWS)
    assert D.bands * D.rows <= D.num_perm
