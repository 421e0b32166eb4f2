import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.model import Article, ROLES


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(ROLES),
                          st.one_of(st.none(), st.text(max_size=40))), max_size=30))
def test_roles_json_is_json_dumps_of_the_roles(entries):
    art = Article(id="x")
    art.roles = [{"line": n, "role": r, "reason": why} for n, r, why in entries]
    assert art.roles_json() == json.dumps(art.roles, ensure_ascii=False)


def test_roles_json_of_a_page_without_lines():
    assert Article(id="x").roles_json() == "[]"
