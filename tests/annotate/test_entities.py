import json
from pathlib import Path

import pytest

from vinews.annotate import annotate_articles, find_entities
from vinews.annotate.goldset import parse_line, read_jsonl, read_markup

DATA = Path(__file__).resolve().parent.parent / "data"


def ents(text):
    return [(e.type, e.text, e.attr) for e in find_entities(text)]


def test_rank_is_kept_as_attribute():
    assert ("PER", "Lương Cường", "Đại tướng") in ents("Sáng nay, Đại tướng Lương Cường tiếp khách.")


def test_office_with_organisation_before_name():
    got = ents("Bộ trưởng Bộ Quốc phòng Phan Văn Giang phát biểu.")
    assert ("ORG", "Bộ Quốc phòng", None) in got
    assert ("PER", "Phan Văn Giang", "Bộ trưởng Bộ Quốc phòng") in got


def test_long_organisation_and_place():
    got = ents("Theo Tổng cục Chính trị Quân đội nhân dân Việt Nam, đoàn sẽ tới tỉnh Nghệ An.")
    assert ("ORG", "Tổng cục Chính trị Quân đội nhân dân Việt Nam", None) in got
    assert ("LOC", "Nghệ An", None) in got


def test_two_organisations_joined_by_and():
    got = ents("UBND tỉnh Nghệ An và Tòa án nhân dân tối cao đã họp.")
    assert [g[1] for g in got if g[0] == "ORG"] == ["UBND tỉnh Nghệ An", "Tòa án nhân dân tối cao"]


def test_offsets_point_into_text():
    text = "Dòng một.\nÔng Nguyễn Văn Nam nói ở Hà Nội."
    for e in find_entities(text):
        assert text[e.start:e.end] == e.text


def test_annotate_articles_contract():
    rows = [{"id": "a1", "text": "Đại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga.\nHai bên bàn về hợp tác quốc phòng."},
            {"id": "a2", "text": ""}]
    kws, rows_out = annotate_articles(rows)
    assert len(kws) == 2 and kws[1] == []
    assert "Lương Cường" in kws[0]
    assert {r["article_id"] for r in rows_out} == {"a1"}
    assert set(rows_out[0]) == {"article_id", "text", "type", "attr", "start", "end", "key"}


def test_gold_markup_and_jsonl_agree():
    rows = [r for s in ("dev", "test", "holdout") for r in read_markup(DATA / f"entities_gold_{s}.txt", s)]
    assert len(rows) >= 200
    assert rows == read_jsonl(DATA / "entities_gold.jsonl")
    for r in rows:
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]


def test_markup_checks_title_position():
    with pytest.raises(ValueError):
        parse_line("Hôm qua [PER Lê Văn A|Đại tá] đến.")


def test_gold_quality_floor():
    # Guards against regressions; bench/entities_quality.py prints the full report.
    rows = read_jsonl(DATA / "entities_gold.jsonl")
    tp = fp = fn = 0
    for r in rows:
        gold = {(e["start"], e["end"], e["type"]) for e in r["entities"] if e["type"] == "PER"}
        pred = {(e.start, e.end, e.type) for e in find_entities(r["text"]) if e.type == "PER"}
        tp += len(gold & pred); fp += len(pred - gold); fn += len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90, json.dumps({"tp": tp, "fp": fp, "fn": fn})


def test_annotation_needs_no_network(tmp_path):
    # underthesea functions that fetch models at run time must never be used: run the whole
    # stage in a fresh interpreter whose sockets refuse to connect, with an empty home folder.
    import os
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse\n"
        "from vinews.annotate import annotate_articles\n"
        "kw, ents = annotate_articles([{'id': 'x', 'text': 'Đại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga tại Hà Nội.'}])\n"
        "assert [e['text'] for e in ents] == ['Lương Cường', 'Bộ Quốc phòng Nga', 'Hà Nội'], ents\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-1500:]
    assert not (tmp_path / ".underthesea").exists()


def test_doan_is_a_delegation_a_family_name_or_an_organisation():
    assert ents("Đoàn Nga đánh giá cao kết quả.") == [("LOC", "Nga", None)]
    assert ents("Đoàn Văn Hậu ghi bàn.") == [("PER", "Đoàn Văn Hậu", None)]
    assert ents("Đoàn Thanh niên Cộng sản Hồ Chí Minh tổ chức lễ.")[0][:2] == ("ORG", "Đoàn Thanh niên Cộng sản Hồ Chí Minh")


def test_scan_by_openers_equals_the_word_by_word_scan():
    import importlib

    from vinews.annotate.line import Line

    E = importlib.import_module("vinews.annotate.entities")

    def old_scan(ln, i, j):  # the loop before _openers: every word tested in turn
        out, starts, look = [], E._lower_starts(), E._lower_reach()
        while i < j:
            if not ln.toks[i][:1].isupper() and (ln.low[i] not in starts or not any(
                    t[:1].isupper() for t in ln.toks[i + 1:i + look])):
                i += 1
                continue
            got = (E._person(ln, i, j) or E._org(ln, i, j) or E._lower_org(ln, i, j) or E._place(ln, i, j)
                   or E._bare(ln, i, j))
            if got:
                out.extend(got[0])
                i = got[1]
            else:
                i += 1
        return out

    n = 0
    for text in [r["text"] for r in read_jsonl(DATA / "entities_gold.jsonl")] + ["ông bà tỉnh báo", "Theo ông, báo Tuổi Trẻ và tỉnh Nghệ An", "tại tỉnh . X"]:
        for line in text.split("\n"):
            ln = Line(line, 0)
            assert E._scan(ln, 0, len(ln.toks)) == old_scan(Line(line, 0), 0, len(ln.toks))
            n += 1
    assert n > 250


def test_whole_words_find_what_the_regex_found():
    import re

    from vinews.annotate.entities import _whole_words

    cases = [("Min-koo gặp Min và koo, Anh An.", ["An", "Anh", "Min", "Min-koo", "koo"]),
             ("Danh.Danh Danh_x xDanh Danh, (Danh)", ["Danh"]), ("TrumpTrump Trump", ["Trump", "Trumpp"])]
    for text, names in cases:
        names = sorted(names)
        pat = r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")(?![\w.])"
        assert _whole_words(text, names) == [m.span() for m in re.finditer(pat, text)]


def test_annotate_pauses_the_collector_only_while_it_runs():
    import gc

    from vinews.annotate import AnnotateParams

    rows = [{"id": "a", "text": "Đại tướng Lương Cường tiếp đoàn Bộ Quốc phòng Nga."}]
    assert gc.isenabled()
    paused = annotate_articles(rows)
    assert gc.isenabled()
    assert annotate_articles(rows, params=AnnotateParams(pause_gc=False)) == paused
    gc.disable()
    try:
        annotate_articles(rows)
        assert not gc.isenabled()  # a caller's own pause is left as it was
    finally:
        gc.enable()
