"""Vietnamese decoding: BOM, HTTP/meta charset, detection, legacy encodings -> NFC."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.encodings import (LEGACY, VIET_LETTERS, canonical, decode_html, decode_legacy, decode_vni,
                              declared_charset, detect, encode_legacy, http_charset)

# our own sentences
TEXT = ("Sáng nay, trời Hà Nội se lạnh, người đi đường mặc áo ấm. Ủy ban thành phố họp bàn về "
        "việc chỉnh trang đường phố; ông Trần Quốc Đạt cho biết dự án sẽ xong trước Tết. "
        "ĐỒNG THÁP, Ẳng Ẵ Ỹ Ỷ Ỵ ưởng nghiệp khuyến khích.")
PAGE = "<html><head>{meta}</head><body><h1>Tin mới</h1><p>{text}</p></body></html>"


def nfc(s):
    return unicodedata.normalize("NFC", s)


@pytest.mark.parametrize("enc", LEGACY)
def test_legacy_roundtrip(enc):
    raw = encode_legacy(TEXT, enc)
    assert raw != TEXT.encode("utf-8")
    assert decode_legacy(raw, enc) == TEXT


def test_windows_1258_combining_tones_become_precomposed():
    raw = encode_legacy("Việt Nam", "cp1258")
    assert "\u0323" in raw.decode("cp1258")  # written as base letter + combining mark
    out = decode_legacy(raw, "cp1258")
    assert out == nfc("Việt Nam") and unicodedata.is_normalized("NFC", out)


def test_vni_known_spellings():
    # how VNI text looks when read as Windows-1252
    assert decode_vni("Tieáng Vieät".encode("cp1252")) == "Tiếng Việt"
    assert decode_vni("ngöôøi Ñoàng Thaùp".encode("cp1252")) == "người Đồng Tháp"
    assert decode_vni("AÊN UOÁNG".encode("cp1252")) == "ĂN UỐNG"


def test_tcvn3_and_viscii_known_bytes():
    assert decode_legacy(b"Vi\xd6t Nam", "tcvn3") == "Việt Nam"
    assert decode_legacy(b"Vi\xaet Nam", "viscii") == "Việt Nam"
    assert decode_legacy(b"\xd0\xe0 N\xc7ng", "viscii") == "Đà Nẵng"


def test_viscii_covers_all_vietnamese_letters():
    table = decode_legacy(bytes(range(256)), "viscii")
    assert {c for c in VIET_LETTERS if ord(c) > 127} <= set(table)


@pytest.mark.parametrize("enc", LEGACY)
def test_detect_undeclared_legacy(enc):
    raw = encode_legacy(PAGE.format(meta="", text=TEXT), enc)
    text, decision = decode_html(raw)
    assert decision["encoding"] == enc and decision["how"] == "detected"
    assert TEXT in text


@pytest.mark.parametrize("enc", LEGACY)
def test_latin1_declared_legacy_font_page(enc):
    # legacy font pages were served as iso-8859-1; the text decides
    raw = encode_legacy(PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
                                    text=TEXT), enc)
    text, decision = decode_html(raw)
    assert decision["encoding"] == enc and TEXT in text


def test_stale_single_byte_declaration_on_utf8_bytes():
    for meta in ('<meta charset="iso-8859-1">', '<meta charset="windows-1258">', '<meta charset="viscii">'):
        text, decision = decode_html(PAGE.format(meta=meta, text=TEXT).encode("utf-8"))
        assert decision["encoding"] == "utf-8" and "but-utf8" in decision["how"] and TEXT in text


def test_declared_legacy_charset():
    raw = encode_legacy(PAGE.format(meta='<meta charset="windows-1258">', text=TEXT), "cp1258")
    text, decision = decode_html(raw)
    assert decision == {"encoding": "cp1258", "how": "meta"} and TEXT in text
    raw = encode_legacy(PAGE.format(meta='<meta charset="VISCII">', text=TEXT), "viscii")
    assert TEXT in decode_html(raw)[0]


def test_bom_beats_meta():
    raw = b"\xef\xbb\xbf" + PAGE.format(meta='<meta charset="windows-1252">', text=TEXT).encode()
    text, decision = decode_html(raw)
    assert decision["how"] == "bom" and TEXT in text
    raw16 = "\ufeff".encode("utf-16-le") + PAGE.format(meta="", text=TEXT).encode("utf-16-le")
    assert TEXT in decode_html(raw16)[0]


def test_http_charset_beats_meta():
    raw = encode_legacy(PAGE.format(meta='<meta charset="utf-8">', text=TEXT), "cp1258")
    text, decision = decode_html(raw, "text/html; charset=windows-1258")
    assert decision["how"] == "http" and TEXT in text
    assert http_charset('text/html; charset="UTF-8"') == "UTF-8"


def test_wrong_declaration_is_detected():
    raw = encode_legacy(PAGE.format(meta='<meta charset="utf-8">', text=TEXT), "tcvn3")
    text, decision = decode_html(raw)
    assert decision["encoding"] == "tcvn3" and "mismatch" in decision["how"] and TEXT in text


def test_utf8_page_and_labels():
    raw = PAGE.format(meta="", text=TEXT).encode()
    assert decode_html(raw)[1] == {"encoding": "utf-8", "how": "valid"}
    assert detect(TEXT.encode())[1] == "utf-8"
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><html>') == "ISO-8859-1"
    assert canonical("x-viet-vni") == "vni" and canonical("TCVN5712-1") == "tcvn3"
    assert canonical("latin1") == "cp1252" and canonical("no-such-charset") is None


VIET = sorted(VIET_LETTERS) + list("abcdefghijklmnopqrstuvwxyz .,")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(VIET), min_size=1, max_size=80), st.sampled_from(LEGACY))
def test_legacy_roundtrip_property(s, enc):
    assert decode_legacy(encode_legacy(s, enc), enc) == nfc(s)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400),
       st.one_of(st.none(), st.sampled_from(["utf-8", "windows-1258", "bogus", "viscii"]), st.text(max_size=30)))
def test_decode_html_never_raises(raw, http):
    text, decision = decode_html(raw, http)
    assert isinstance(text, str) and decision["encoding"]
