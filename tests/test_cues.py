import re

from hypothesis import given
from hypothesis import strategies as st

from vinews import cues

TEXT = st.text(alphabet=st.sampled_from(list("aăâđêôơưÀẢáạ09_ .,;:-–()\"“”%/|…!?\u0301\u00a0\t·»")), max_size=60)


@given(TEXT)
def test_word_count_is_the_number_of_word_runs(s):
    assert cues.word_count(s) == len(cues.WORD.findall(s))


def test_edge_punctuation_holds_no_word_character():
    assert not any(re.match(r"\w", c) for c in cues._EDGE)


@given(TEXT)
def test_caption_cue_never_raises(s):
    assert cues.caption_cue(s) in (True, False)


def test_caption_cues():
    assert cues.caption_cue("Người dân đi lễ chùa sáng mùng 1. Ảnh: Minh Anh")
    assert cues.caption_cue("Cầu Long Biên lúc hoàng hôn (Ảnh: T.B/TTXVN)")
    assert cues.caption_cue("Ảnh minh họa")
    assert cues.caption_cue("Video: Cảnh sát giao thông làm việc trong mưa")
    assert not cues.caption_cue("Mưa lớn ảnh hưởng tới giao thông khu vực nội thành trong nhiều giờ liền.")
