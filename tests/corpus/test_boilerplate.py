from vinews.corpus.boilerplate import LineCounter, learn, strip_lines


def _page(lines, roles):
    text = "\n".join(lines)
    return text, [{"line": i, "role": r} for i, r in enumerate(roles)]


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
