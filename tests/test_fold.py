"""vinews.fold: the one module of diacritic and tone folding. The foldings it replaced are
copied here as they were (normalize.strip_diacritics, html.hints._ascii,
corpus.republication.name_key, search.fold._fold_char) and compared on hypothesis-generated
Vietnamese text."""
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vinews.fold import ascii_key, fold, strip_diacritics, tone_variants, unify_tones

# Vietnamese letters in both cases (NFC), with digits, spaces and punctuation news text prints.
_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VI_CHARS = _LOWER + _LOWER.upper() + "0123456789 .,;:-–/()\"'!?%&@#\u00a0"
vi_text = st.text(alphabet=st.sampled_from(VI_CHARS), max_size=80)
# the same with marks decomposed (scraped text that was never NFC-normalised)
vi_nfd = vi_text.map(lambda s: unicodedata.normalize("NFD", s))


def old_strip_diacritics(text):  # vinews.normalize.strip_diacritics
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def old_hints_ascii(s):  # vinews.html.hints._ascii
    d = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in d if not unicodedata.combining(c)))


def old_name_key(text):  # vinews.corpus.republication.name_key
    return re.sub(r"[^a-z0-9]", "", old_strip_diacritics(text).casefold())


def test_examples():
    assert strip_diacritics("Đà Nẵng, Việt Nam") == "Da Nang, Viet Nam"
    assert fold("Đà Nẵng, Việt Nam") == "da nang, viet nam"
    assert ascii_key("Báo Dân Trí") == "baodantri" and ascii_key("Tuổi Trẻ Online!") == "tuoitreonline"
    assert unify_tones("hòa thủy") == "hoà thuỷ" and tone_variants("hòa") == ["hoà", "hòa"]


@given(st.one_of(vi_text, vi_nfd))
def test_strip_diacritics_as_before(s):
    assert strip_diacritics(s) == old_strip_diacritics(s)


@given(st.one_of(vi_text, vi_nfd))
def test_ascii_key_is_both_old_keys(s):
    # hints._ascii and republication.name_key were one folding written twice: equal on Vietnamese
    # text. They differ only where lower() and casefold() do ('ß' -> 'ss', 'ﬁ' -> 'fi'), which
    # no Vietnamese name spells; ascii_key is name_key's (casefold) version.
    assert ascii_key(s) == old_name_key(s) == old_hints_ascii(s)


def test_ascii_key_where_the_old_keys_differed():
    assert ascii_key("Straße") == old_name_key("Straße") == "strasse" != old_hints_ascii("Straße")


@given(vi_text)
def test_fold_is_strip_and_lower_on_nfc_text(s):
    # fold works character by character so that offsets survive; on NFC Vietnamese text it is
    # the same as stripping the marks and lower-casing the whole text
    assert fold(s) == old_strip_diacritics(s).lower()
    assert len(fold(s)) == len(s)


@given(vi_nfd)
def test_fold_keeps_length_on_decomposed_text(s):
    assert len(fold(s)) == len(s)  # a decomposed mark stays (stripping it would shift offsets)
