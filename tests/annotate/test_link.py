import vinews
from vinews.annotate import annotate_articles, entities
from vinews.annotate.link import entity_key


def keys(text, type_=None):
    return [(m.text, m.key) for m in entities(text) if type_ is None or m.type == type_]


def test_public_function_gives_mentions_with_title_and_key():
    text = "Tổng thống Donald Trump đến Hà Nội."
    got = vinews.entities(text)
    assert [(m.type, m.text, m.title) for m in got] == [("PER", "Donald Trump", "Tổng thống"), ("LOC", "Hà Nội", None)]
    for m in got:
        assert text[m.start:m.end] == m.text and m.key
    assert got == entities(text)  # the same function the build uses


def test_surname_only_mentions_take_the_full_name_seen_earlier():
    got = keys("Tổng thống Donald Trump phát biểu. Sau đó ông Trump rời đi. Trump nói sẽ quay lại.", "PER")
    assert [t for t, _ in got] == ["Donald Trump", "Trump", "Trump"]
    assert len({k for _, k in got}) == 1


def test_given_name_mentions_link_to_the_vietnamese_full_name_in_the_article():
    got = keys("Bị cáo Nguyễn Văn Toàn khai nhận. Theo cáo trạng, Toàn đã nhận tiền.", "PER")
    assert [t for t, _ in got] == ["Nguyễn Văn Toàn", "Toàn"]
    assert got[0][1] == got[1][1]


def test_spellings_and_aliases_share_a_key():
    assert entity_key("TP.HCM") == entity_key("TP. HCM") == entity_key("Thành phố Hồ Chí Minh")
    assert entity_key("Úc") == entity_key("Australia")
    assert entity_key("Moskva") == entity_key("Moscow")
    assert entity_key("Khánh Hoà") == entity_key("Khánh Hòa")  # tone placement
    assert entity_key("Hà Nội") != entity_key("Hà Nam")


def test_trump_three_ways_in_one_corpus_is_one_entity():
    rows = [{"id": "a", "text": "Tổng thống Mỹ Donald Trump phát biểu tại Nhà Trắng."},
            {"id": "b", "text": "Hôm qua, Trump tuyên bố sẽ tăng thuế."},
            {"id": "c", "text": "Theo ông Trump, thỏa thuận sắp hoàn tất."}]
    _, ents = annotate_articles(rows)
    trump = [e for e in ents if "Trump" in e["text"]]
    assert sorted(e["article_id"] for e in trump) == ["a", "b", "c"]
    assert len({e["key"] for e in trump}) == 1


def test_a_given_name_alone_in_another_article_is_not_linked_across_articles():
    rows = [{"id": "a", "text": "Bị cáo Nguyễn Văn Hùng bị tuyên phạt 5 năm tù."},
            {"id": "b", "text": "Theo lời khai, Hùng đã trốn khỏi địa phương."}]
    _, ents = annotate_articles(rows)
    by_article = {e["article_id"]: e["key"] for e in ents if e["type"] == "PER"}
    assert "b" in by_article and by_article["a"] != by_article["b"]
