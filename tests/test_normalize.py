import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vinews.fold import unify_tones
from vinews.normalize import match_key, normalize_line, normalize_lines, normalize_text


def test_invisible_and_spaces():
    assert normalize_line("Hà\u00a0Nội\u200b  hôm\tnay\u00ad ") == "Hà Nội hôm nay"


def test_nfc_and_diacritics_kept():
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert normalize_line(decomposed) == "Việt Nam"
    assert normalize_line("của cửa cũa") == "của cửa cũa"  # no diacritic stripping


def test_tone_placement_only_in_keys():
    assert normalize_line("hoà") == "hoà" and normalize_line("hòa") == "hòa"  # output as written
    assert match_key("Hòa Bình") == match_key("Hoà Bình")
    assert match_key("thủy điện") == match_key("thuỷ điện")
    assert match_key("khỏe") == match_key("khoẻ")
    assert match_key("hoàng") != match_key("hòang")  # the mark in "hoàng" has one place
    assert match_key("của") != match_key("cửa")


def test_line_numbers_kept():
    text = "a\r\n\r\nb\u00a0 c\n\n"
    assert normalize_text(text).split("\n")[2].strip() == "b c"
    assert len(normalize_text(text).split("\n")) == len(text.replace("\r\n", "\n").split("\n"))


vi_text = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĂÂĐ hoàhòathuỷthủy\u00a0\u200b\t.,\n") + ["\u0301", "\u0323"]), max_size=60)


@given(vi_text)
def test_normalize_idempotent(s):
    once = normalize_text(s)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\u200b" not in once and "\u00a0" not in once


@given(vi_text)
def test_normalize_keeps_line_count(s):
    assert len(normalize_text(s).split("\n")) == len(s.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


@given(vi_text)
def test_match_key_idempotent_and_tone_invariant(s):
    k = match_key(s)
    assert match_key(k) == k
    # unify_tones reads normalised text (what match_key gives it): on raw text a zero-width
    # character inside a word ("òa\u200ba") ends the syllable early and moves the mark
    assert match_key(unify_tones(normalize_line(s))) == k


@given(vi_text.map(lambda s: s.replace("a", "\r", 1)))
def test_normalize_lines_is_normalize_text_split(s):
    # the per-line memo path, cold and warm, gives the whole-text result line for line
    from vinews import memo

    expected = [line.strip() for line in normalize_text(s).split("\n")]
    assert normalize_lines(s) == expected
    assert normalize_lines(s) == expected  # now from the memo
    memo.enabled = False
    try:
        assert normalize_lines(s) == expected
    finally:
        memo.enabled = True


def test_every_replaced_character_is_unprintable():
    # _normalize_one skips the replacement scan on printable lines: that is only safe while
    # every character it replaces is one isprintable() rejects
    from vinews.normalize import _REPLACE

    assert not any(ch.isprintable() for ch in _REPLACE)
