"""A page that runs past page_deadline_s is rejected with the reason; the others come out (issue 10)."""
import json
import threading
import time

import pytest
from typer.testing import CliRunner

from vinews import pipeline
from vinews.cli import app
from vinews.corpus.extract import extract_with_text
from vinews.deadline import DeadlineExceeded, available, deadline, deadline_reason
from vinews.model import Article, Page
from vinews.params import ExtractParams

runner = CliRunner()
SLOW = "trang chậm"


def _fake_extract(page, params=None):
    """A stand-in extractor: loops forever (or sleeps) on the slow page, instant otherwise."""
    if SLOW in (page.text or ""):
        if "ngủ" in page.text:
            time.sleep(60)
        while True:
            pass
    return Article(id=page.id, kind="article", title="ok")


def test_deadline_cuts_a_loop_and_restores_the_timer():
    if not available():
        pytest.skip("no SIGALRM here")
    t = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="deadline: extraction took over 0.2 s"):
        with deadline(0.2):
            while True:
                pass
    assert time.monotonic() - t < 2
    with deadline(5) as on:  # a block that ends in time: no signal later
        assert on
    time.sleep(0.05)
    with deadline(0) as on:
        assert not on


def test_no_deadline_off_the_main_thread():
    seen = []
    th = threading.Thread(target=lambda: seen.append(deadline(1).__enter__()))
    th.start()
    th.join()
    assert seen == [False]


def _pages(d):
    d.mkdir()
    for i in range(4):
        (d / f"p{i}.txt").write_text(f"trang {i}\n\nnội dung", encoding="utf-8")
    (d / "p1.txt").write_text(SLOW + "\n\nvòng lặp", encoding="utf-8")
    (d / "p3.txt").write_text(SLOW + " ngủ\n\nngủ", encoding="utf-8")
    return d


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_slow_page_is_rejected_and_the_others_come_out(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(pipeline, "extract_page", _fake_extract)
    pages = _pages(tmp_path / "pages")
    params = tmp_path / "p.toml"
    params.write_text("[extract]\npage_deadline_s = 0.3\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    t = time.monotonic()
    res = runner.invoke(app, ["extract", str(pages), "-o", str(out), "--jobs", jobs, "--params", str(params)])
    assert res.exit_code == 0, res.output
    assert time.monotonic() - t < 20
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(rows) == 4
    slow = [r for r in rows.values() if r["kind"] == "rejected"]
    assert len(slow) == 2 and all(r["reason"] == "deadline: extraction took over 0.3 s" for r in slow)
    assert sum(r["kind"] == "article" for r in rows.values()) == 2


def test_build_extract_wrapper_cuts_a_slow_page(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_with_text", lambda page, params=None: (_fake_extract(page), "x"))
    p = ExtractParams(page_deadline_s=0.2)
    art, text = extract_with_text(Page(id="s", text=SLOW), p)
    assert (art.kind, art.reason, text) == ("rejected", deadline_reason(0.2), SLOW)
    art, text = extract_with_text(Page(id="f", text="nhanh"), p)
    assert (art.kind, text) == ("article", "x")


def test_default_deadline_is_ten_seconds():
    assert ExtractParams().page_deadline_s == 10.0
    assert deadline_reason(10.0) == "deadline: extraction took over 10 s"
