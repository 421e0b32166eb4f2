"""HTML bytes -> NFC Unicode text, getting Vietnamese right.

Order of evidence: byte-order mark, the HTTP charset, the page's own `<meta charset>` (or XML
declaration), then detection. Detection (also used when a declared charset does not decode, or
when a page declares Latin-1 but is really written in a legacy Vietnamese font encoding) tries
UTF-8, Windows-1258, VISCII, TCVN3 (ABC), VNI and Windows-1252 and keeps the reading whose words
look most like Vietnamese syllables. Legacy encodings are converted to precomposed NFC Unicode.

`decode_html(raw, http_charset) -> (text, decision)`; decision says which encoding and how.
The tables below are written from the published standards (VISCII: RFC 1456; TCVN 5712:1993
VN3/ABC; VNI-Windows font layout).
"""
from __future__ import annotations

import codecs
import re
import unicodedata

# --- legacy single-byte tables -------------------------------------------------------------

# VISCII (RFC 1456): 0x80..0xFF, plus six C0 positions.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ" "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "Õắằặấầẩậẽẹếềểễệố" "ồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ" "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉ" "đựòóôõỏọụùúũủýợỮ"
)
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}

# TCVN 5712:1993 VN3 ("TCVN3", the ABC fonts). 0xB0..0xB4 are combining tone marks; 0x80..0x9F
# carry the VN1 capitals. Positions not listed keep their Latin-1 meaning.
_TCVN3 = {
    **dict(zip(range(0x80, 0xA0), "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ")),
    **dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ")),
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def _table(mapping: dict[int, str]) -> list[str]:
    t = [chr(b) for b in range(256)]  # Latin-1 identity elsewhere
    for b, ch in mapping.items():
        t[b] = ch
    return t


_VISCII_T = _table({**dict(zip(range(0x80, 0x100), _VISCII_HIGH)), **_VISCII_LOW})
_TCVN3_T = _table(_TCVN3)


def _decode_table(raw: bytes, table: list[str]) -> str:
    return _nfc("".join(map(table.__getitem__, raw)))


# --- VNI: ASCII base letter followed by mark bytes (read through Windows-1252) ---------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
# mark character (lower case form) -> combining marks it adds to the preceding base letter
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# single characters that stand for a whole letter
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, combining: str) -> None:
        for b, m in ((base, mark), (base.upper(), mark.upper()), (base.upper(), mark), (base, mark.upper())):
            out = unicodedata.normalize("NFC", _VNI_SINGLE.get(b.lower(), b.lower()) + combining)
            pairs[b + m] = out.upper() if b.isupper() else out

    for base in "aeouyôö":
        for mark, comb in _VNI_TONES.items():
            add(base, mark, comb)
    for base in "aeo":
        for mark, comb in _VNI_CIRC.items():
            add(base, mark, _CIRC + comb)
    for mark, comb in _VNI_BREVE.items():
        add("a", mark, _BREVE + comb)
    for ch, out in _VNI_SINGLE.items():
        pairs.setdefault(ch, out)
        pairs.setdefault(ch.upper(), out.upper())
    return pairs


_VNI_MAP = _vni_pairs()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_MAP), key=len, reverse=True)))


def decode_vni(raw: bytes, errors: str = "replace") -> str:
    text = raw.decode("cp1252", errors)
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_MAP[m.group()], text))


def decode_legacy(raw: bytes, name: str, errors: str = "replace") -> str:
    """Decode bytes in one of the Vietnamese encodings (canonical names from `canonical`)."""
    if name == "viscii":
        return _decode_table(raw, _VISCII_T)
    if name == "tcvn3":
        return _decode_table(raw, _TCVN3_T)
    if name == "vni":
        return decode_vni(raw, errors)
    if name == "cp1258":  # Windows-1258 writes tones as combining marks: compose them
        return unicodedata.normalize("NFC", raw.decode("cp1258", errors))
    return raw.decode(name, errors)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)  # the same string back when it is NFC already


# --- labels ----------------------------------------------------------------------------------

_ALIASES = {
    "viscii": "viscii", "csviscii": "viscii", "viscii1.1-1": "viscii", "x-viet-viscii": "viscii",
    "tcvn": "tcvn3", "tcvn3": "tcvn3", "tcvn-3": "tcvn3", "tcvn5712": "tcvn3", "tcvn-5712": "tcvn3",
    "tcvn5712-1": "tcvn3", "tcvn5712-1:1993": "tcvn3", "x-viet-tcvn5712": "tcvn3", "abc": "tcvn3",
    "vni": "vni", "x-viet-vni": "vni", "vni-windows": "vni",
    "windows-1258": "cp1258", "cp1258": "cp1258", "x-cp1258": "cp1258",
    # WHATWG: these labels mean windows-1252 in browsers
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
}
LEGACY = ("cp1258", "viscii", "tcvn3", "vni")
_NOT_CHARSETS = frozenset({"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7",
                           "unicode_escape", "raw_unicode_escape", "utf_7"})


def canonical(label: str | bytes | None) -> str | None:
    """A charset label -> a name `decode_legacy` accepts, or None when unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # unknown, or junk such as NUL bytes in the label
        return None
    name = info.name
    # Python codecs that are no page charset: `undefined` raises on every byte, base64/rot13 &c.
    # are not text encodings, idna/punycode/escapes turn markup into nonsense. Unknown: detect.
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_CHARSETS:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"  # a <meta> cannot declare UTF-16: the page would not be readable ASCII
    return _ALIASES.get(name, name)


_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def declared_charset(raw: bytes, scan: int = 8192) -> str | None:
    """The charset a page declares in its first bytes (meta or XML declaration)."""
    head = raw[:scan]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def http_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header value."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return m.group(1) if m else None


# --- detection -------------------------------------------------------------------------------

def _viet_letters() -> tuple[frozenset[str], frozenset[str]]:
    letters, toned = set("đĐ"), set()
    for base in ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"):
        for tone in ("", _GRAVE, _ACUTE, _HOOK, _TILDE, _DOT):
            ch = unicodedata.normalize("NFC", base + tone)
            for c in (ch, ch.upper()):
                letters.add(c)
                if tone:
                    toned.add(c)
    return frozenset(letters), frozenset(toned)


VIET_LETTERS, _TONED = _viet_letters()
_WORD = re.compile(r"[^\W\d_]+")
_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def viet_score(text: str, sample: int = 200_000) -> int:
    """How Vietnamese a decoding looks: syllables with Vietnamese letters and at most one tone
    count for, words with foreign letters, stray marks or two tones count against."""
    good = bad = 0
    text = text[:sample]
    bad += 3 * (text.count("\ufffd") + sum(1 for c in text if "\x80" <= c <= "\x9f"))
    for w in _WORD.findall(text):
        if all(c in _ASCII for c in w):
            continue
        tones = sum(1 for c in w if c in _TONED)
        if len(w) <= 7 and tones <= 1 and all(c in VIET_LETTERS or c in _ASCII for c in w):
            good += 1
        else:
            bad += 1
    return good - 3 * bad


def _strict(raw: bytes, name: str) -> str | None:
    try:
        return decode_legacy(raw, name, "strict")
    except (UnicodeError, LookupError, ValueError, TypeError):  # any codec's refusal: not this one
        return None


def mostly_utf8(raw: bytes) -> tuple[str, int] | None:
    """(text, invalid sequences) for bytes that are UTF-8 but for a few damaged bytes (a cut
    multi-byte letter, a stray Latin-1 byte): at least 10 valid multi-byte letters and 4 for
    every invalid sequence. Legacy Vietnamese bytes almost never form valid UTF-8 sequences
    (TCVN3, VNI, VISCII, Windows-1258 text: 0 to 3 valid for 100 invalid), so they do not pass; None when this is not such a page."""
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if not bad:
        return None
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return (text, bad) if good >= 10 and good >= 4 * bad else None


def detect(raw: bytes, prefer: str | None = None) -> tuple[str, str]:
    """Best-scoring decoding of undeclared (or wrongly declared) bytes: (text, encoding)."""
    candidates = ["utf-8", "cp1258", "viscii", "tcvn3", "vni", "cp1252"]
    if prefer and prefer not in candidates:
        candidates.append(prefer)
    best: tuple[int, str, str] | None = None
    for i, name in enumerate(candidates):
        text = _strict(raw, name)
        if text is None:
            continue
        # utf-8 wins ties; a valid UTF-8 page with Vietnamese text is never mistaken for legacy
        score = viet_score(text) + (5 if name == "utf-8" else 0) + (1 if name == prefer else 0)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None or best[0] <= 0 and not _has_high(raw):
        return raw.decode("utf-8", "replace"), "utf-8"
    if best[0] <= 0:  # nothing looks Vietnamese: ask the generic detector
        from charset_normalizer import from_bytes

        guess = from_bytes(raw[:200_000]).best()
        if guess is not None and _strict(raw, guess.encoding) is not None:
            return _nfc(raw.decode(guess.encoding)), guess.encoding
    return best[2], best[1]


def _has_high(raw: bytes) -> bool:
    return any(b >= 0x80 for b in raw[:200_000])


def decode_html(raw: bytes, http: str | None = None) -> tuple[str, dict]:
    """Decode HTML bytes. Returns (text, decision). Legacy Vietnamese encodings come out NFC;
    Unicode pages are returned as written (normalising a whole page costs more than the parse;
    the HTML path normalises the text it extracts)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), {"encoding": "utf-8", "how": "bom"}
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    for bom, name in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                      (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(name, "replace"), {"encoding": name, "how": "bom"}
    for how, label in (("http", http_charset(http) if http and "=" in http else http), ("meta", declared_charset(raw))):
        name = canonical(label)
        if not name:
            continue
        if name != "utf-8" and _has_high(raw):
            # A single-byte declaration on bytes that are valid UTF-8 is a stale <meta> (sites
            # moved to UTF-8 and kept the old header): multi-byte UTF-8 does not happen by chance.
            utf8 = _strict(raw, "utf-8")
            if utf8 is not None:
                return utf8, {"encoding": "utf-8", "how": f"{how}-declared-{name}-but-utf8", "declared": label}
            damaged = mostly_utf8(raw)
            if damaged:
                return damaged[0], {"encoding": "utf-8", "how": f"{how}-declared-{name}-but-utf8-with-errors",
                                    "declared": label, "invalid": damaged[1]}
        if name == "cp1252" and _has_high(raw):
            # Latin-1 declarations were how VNI/TCVN3 font pages were served: check the text
            text, enc = detect(raw, prefer="cp1252")
            if enc != "cp1252":
                return text, {"encoding": enc, "how": f"{how}-latin1-detected", "declared": label}
            return raw.decode("cp1252", "replace"), {"encoding": "cp1252", "how": how}
        text = _strict(raw, name)
        if text is not None:
            return text, {"encoding": name, "how": how}
        damaged = mostly_utf8(raw) if name == "utf-8" else None
        if damaged:
            return damaged[0], {"encoding": "utf-8", "how": f"{how}-utf8-with-errors", "declared": label,
                                "invalid": damaged[1]}
        text, enc = detect(raw, prefer=name)
        return text, {"encoding": enc, "how": f"{how}-mismatch-detected", "declared": label}
    try:
        return raw.decode("utf-8"), {"encoding": "utf-8", "how": "valid"}
    except UnicodeDecodeError:
        pass
    damaged = mostly_utf8(raw)
    if damaged:  # UTF-8 with a few bad bytes: replacement characters, not a legacy misreading
        return damaged[0], {"encoding": "utf-8", "how": "utf8-with-errors", "invalid": damaged[1]}
    text, enc = detect(raw)
    return text, {"encoding": enc, "how": "detected"}


# --- encoders (tests and synthetic legacy pages) ---------------------------------------------

_TONE_MARKS = (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)


def _reverse(table: list[str]) -> dict[str, int]:
    rev: dict[str, int] = {}
    for b in range(255, -1, -1):  # lowest byte wins
        rev[table[b]] = b
    return rev


def encode_legacy(text: str, name: str) -> bytes:
    """NFC Unicode -> bytes in a Vietnamese legacy encoding (the inverse of `decode_legacy`)."""
    text = unicodedata.normalize("NFC", text)
    if name in ("viscii", "tcvn3"):
        rev = _reverse(_VISCII_T if name == "viscii" else _TCVN3_T)
        out = bytearray()
        for ch in text:
            if ch in rev:
                out.append(rev[ch])
            else:  # TCVN3 lacks most toned capitals: base letter + combining tone
                base, tone = _split_tone(ch)
                out += bytes((rev[base], rev[tone]))
        return bytes(out)
    if name == "vni":
        rev_vni: dict[str, str] = {}
        for seq, out_ch in sorted(_VNI_MAP.items(), key=lambda kv: (len(kv[0]), kv[0])):
            if len(seq) == 1 or seq[0].isupper() == seq[1].isupper():
                rev_vni.setdefault(out_ch, seq)
        return "".join(rev_vni.get(ch, ch) for ch in text).encode("cp1252")
    if name == "cp1258":
        out = bytearray()
        for ch in text:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                base, tone = _split_tone(ch)
                out += (base + tone).encode("cp1258")
        return bytes(out)
    return text.encode(name)


def _split_tone(ch: str) -> tuple[str, str]:
    d = unicodedata.normalize("NFD", ch)
    tone = next((m for m in d if m in _TONE_MARKS), "")
    if not tone:
        raise UnicodeEncodeError("legacy", ch, 0, 1, "not a Vietnamese letter")
    return unicodedata.normalize("NFC", d.replace(tone, "")), tone
