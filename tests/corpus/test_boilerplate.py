from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus.boilerplate import LineCounter, learn, strip_lines


def _page(lines, roles):
    text = "\n".join(lines)
    return text, list(range(len(roles))), list(roles)


def test_site_lines_are_learned_and_column_names_kept():
    counter = LineCounter()
    for i in range(20):
        # A comment prompt the extractor keeps as body on a few pages, and a column name that is
        # body on most pages where it appears.
        prompt_role = "body" if i < 3 else "boilerplate"
        lines = ["Trang chủ | Tin tức", f"Tiêu đề số {i}", "Góc nhìn chuyên gia", f"Đoạn văn riêng {i}", "Viết bình luận"]
        roles = ["boilerplate", "title", "body" if i % 4 else "boilerplate", "body", prompt_role]
        counter.add_page("a.vn", *_page(lines, roles))
    counter.add_page("b.vn", *_page(["Viết bình luận"], ["boilerplate"]))
    parts = counter.partitions(4)
    import pyarrow as pa

    learned = learn(pa.concat_tables(parts), {"a.vn": 20, "b.vn": 1})
    lines = set(learned.column("line").to_pylist())
    assert "Viết bình luận" in lines and "Trang chủ | Tin tức" in lines
    assert "Góc nhìn chuyên gia" not in lines  # body on most of its pages: body
    assert all(s == "a.vn" for s in learned.column("site").to_pylist())  # b.vn: too few pages
    keys = {}
    for s, h in zip(learned.column("site").to_pylist(), learned.column("line_hash").to_pylist()):
        keys.setdefault(s, set()).add(h)
    removed = {}
    body = ["Đoạn văn riêng 1", "Góc nhìn chuyên gia", "Viết bình luận"]
    assert strip_lines("a.vn", body, keys, removed) == body[:2]
    assert strip_lines("b.vn", body, keys, {}) == body
    assert list(removed.values()) == [[1, len("Viết bình luận")]]


def test_samples_come_from_the_first_table_holding_each_line_and_no_table_is_read_after():
    import pyarrow as pa

    from vinews.corpus.boilerplate import LINE_SCHEMA, line_key, with_samples

    long_line = "x" * 500
    a, b, c = "Đăng ký nhận tin", "Bản quyền thuộc về tòa soạn", long_line

    def table(rows):
        return pa.table({"site": [r[0] for r in rows], "line_hash": [line_key(r[1]) for r in rows],
                         "pages": [5] * len(rows), "text_pages": [0] * len(rows),
                         "line": [None if r[1] is long_line else r[1] for r in rows]}, schema=LINE_SCHEMA)

    shards = [table([("a.vn", a), ("a.vn", c)]), table([("a.vn", b), ("b.vn", b)]), table([("a.vn", a)])]
    read = []

    def tables():
        for i, t in enumerate(shards):
            read.append(i)
            yield t

    kept = pa.table({"site": ["a.vn", "a.vn", "a.vn"], "line_hash": pa.array([line_key(x) for x in (a, b, c)], pa.uint64()),
                     "pages": [9, 9, 9], "text_pages": [0, 0, 0]})
    out = with_samples(kept, tables())
    assert out.column("line").to_pylist() == [a, b, None]  # the long line: found, with no sample
    assert read == [0, 1]  # every kept line was found by the second table: the third is not read


def _counts_by_hand(pages, sample_chars):
    """What LineCounter counts, the plain way: per site and line hash, the pages holding it,
    those where it was article text, and its least text of at most sample_chars characters."""
    from vinews.corpus.boilerplate import TEXT_ROLES, line_key

    pages_of, text_of, sample = {}, {}, {}
    for site, text, line_nos, roles in pages:
        lines = text.split("\n")
        seen = {}
        for n, role in zip(line_nos, roles):
            k = (site, line_key(lines[n]))
            seen[k] = seen.get(k, False) or role in TEXT_ROLES
            if len(lines[n]) <= sample_chars and (k not in sample or lines[n] < sample[k]):
                sample[k] = lines[n]
        for k, is_text in seen.items():
            pages_of[k] = pages_of.get(k, 0) + 1
            text_of[k] = text_of.get(k, 0) + is_text
    return {k: (n, text_of[k], sample.get(k)) for k, n in pages_of.items()}


_line = st.sampled_from(["Trang chủ", "Viết bình luận", "Đăng ký", "x" * 30, "Tin liên quan", "ab", "b", ""])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.vn", "b.vn", "c.vn"]),
                          st.lists(st.tuples(_line, st.sampled_from(["body", "lead", "caption", "title", "boilerplate"])),
                                   max_size=8)), max_size=12),
       st.integers(1, 5), st.sampled_from([0, 2, 30]))
def test_line_counts_match_counting_by_hand(pages, parts, sample_chars):
    from vinews.corpus.boilerplate import LINE_SCHEMA

    counter, given_pages = LineCounter(sample_chars), []
    for site, rows in pages:
        rows = [r for r in rows if r[0]]  # the audit names non-empty lines
        text = "\n".join(["menu"] + [line for line, _ in rows])  # line 0 outside the audit
        given_pages.append((site, text, list(range(1, len(rows) + 1)), [role for _, role in rows]))
        counter.add_page(*given_pages[-1])
    tables = counter.partitions(parts)
    assert len(tables) == parts and all(t.schema.equals(LINE_SCHEMA) for t in tables)
    got = {}
    for q, t in enumerate(tables):
        rows = t.to_pylist()
        assert all(r["line_hash"] % parts == q for r in rows)
        assert [(r["site"], r["line_hash"]) for r in rows] == sorted((r["site"], r["line_hash"]) for r in rows)
        for r in rows:
            got[(r["site"], r["line_hash"])] = (r["pages"], r["text_pages"], r["line"])
    assert got == _counts_by_hand(given_pages, sample_chars)
