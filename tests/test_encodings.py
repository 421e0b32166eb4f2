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


# --- damaged and odd input (issue 10) ---------------------------------------------------------

from vinews.readers.decode import check_bytes  # noqa: E402

_VI = ("Thời tiết hôm nay mưa rào và dông ở nhiều nơi, nhiệt độ giảm mạnh về đêm. Người dân các "
       "tỉnh miền Bắc được khuyến cáo chủ động phòng tránh lũ quét, sạt lở đất ở vùng núi. ")


def test_utf8_with_a_few_bad_bytes_stays_utf8():
    raw = bytearray(f"<html><body><p>{_VI * 3}</p></body></html>".encode())
    for i in (40, 140, 240):  # three bytes broken, one of them inside a multi-byte letter
        raw[i] = 0xFF
    for page in (bytes(raw), b"<meta charset='utf-8'>" + bytes(raw)):
        text, how = decode_html(page)
        assert how["encoding"] == "utf-8" and how["how"].endswith("utf8-with-errors") and how["invalid"] >= 3
        assert "nhiệt độ giảm mạnh" in text and text.count("\ufffd") == how["invalid"]


def test_legacy_pages_are_not_taken_for_damaged_utf8():
    for enc in ("tcvn3", "vni", "viscii", "cp1258"):
        _, how = decode_html(encode_legacy(_VI * 3, enc))
        assert how["encoding"] == enc, (enc, how)


def test_unknown_or_non_text_charset_label_falls_back_to_detection():
    body = f"<p>{_VI}</p>".encode()
    for label in ("undefined", "base64", "rot13", "idna", "x-no-such-charset"):
        text, how = decode_html(f"<meta charset={label}>".encode() + body)
        assert how == {"encoding": "utf-8", "how": "valid"} and "nhiệt độ" in text, label
    text, how = decode_html(encode_legacy(_VI, "tcvn3"), "text/html; charset=undefined")
    assert how["encoding"] == "tcvn3" and "nhiệt độ" in text


def test_utf32_bom_before_utf16():
    for enc, name in (("utf-32-le", "utf-32-le"), ("utf-32-be", "utf-32-be"), ("utf-16-le", "utf-16-le")):
        raw = "\ufeff<p>Hà Nội</p>".encode(enc)
        assert check_bytes(raw) is None
        assert decode_html(raw) == ("<p>Hà Nội</p>", {"encoding": name, "how": "bom"})


def test_binary_is_a_share_of_control_bytes_not_one_nul():
    page = f"<p>{_VI * 400}</p>".encode()
    assert len(page) > 65536
    assert check_bytes(page[:30000] + b"\x00" + page[30000:]) is None
    assert check_bytes(page.replace(b" ", b"\x00", 5)) is None
    assert check_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50) == "binary: NUL bytes"
    assert check_bytes(bytes(range(256)) * 40).startswith("binary")
    assert check_bytes(encode_legacy("Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ " * 30, "viscii")) is None  # VISCII letters in C0
