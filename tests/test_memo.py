from vinews import memo


def test_memo_skips_long_lines_and_clears_when_full(monkeypatch):
    m = memo.LineMemo("test")
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    m.put("x" * (memo.MAX_CHARS + 1), 1)
    assert not m  # article paragraphs are not kept
    for i in range(3):
        m.put(f"line {i}", i)
    assert len(m) == 3
    m.put("line 3", 3)  # full: start again rather than grow
    assert dict(m) == {"line 3": 3}


def test_memo_off_keeps_nothing(monkeypatch):
    m = memo.LineMemo("test")
    monkeypatch.setattr(memo, "enabled", False)
    m.put("Trang chủ", 1)
    assert not m


def test_extraction_same_with_memos_off(monkeypatch):
    from vinews import extract

    page = "\n".join(["Trang chủ | Thời sự", "Tiêu đề bài viết thử nghiệm về giao thông Hà Nội",
                      "Thứ Năm, ngày 24/10/2019 | 15:45"] +
                     [f"Đoạn văn thứ {i} kể chuyện người dân đi làm sáng nay trên những con phố đông đúc, "
                      "xe cộ nối đuôi nhau và ai cũng vội vã." for i in range(5)] + ["Trang chủ | Thời sự"])
    warm = [extract(page).to_dict() for _ in range(2)]
    monkeypatch.setattr(memo, "enabled", False)
    memo.clear_all()
    cold = extract(page).to_dict()
    assert warm[0] == warm[1] == cold
    assert cold["kind"] == "article" and cold["published"] == "2019-10-24T15:45:00+07:00"


def test_misses_finds_every_none():
    assert memo.misses([]) == []
    assert memo.misses(["a", None, "b", None, None]) == [1, 3, 4]
    assert memo.misses([None]) == [0]
