"""End to end: `vinews build` and `vinews index` on our own fixture pages, a real uvicorn
server, and Debian's Chromium driven by Playwright.

Never downloads a browser: it uses /usr/bin/chromium (apt package `chromium`) and skips with
a message when that is missing. Screenshots of each page go to a temporary folder, or to
docs/screenshots/ when VINEWS_SCREENSHOTS=1 (that is how the committed ones were made).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def built_corpus(tmp_path_factory):
    """A corpus made by the real pipeline from the sample stories rendered as raw pages."""
    from vinews.search.sample_corpus import write_sample_pages

    tmp = tmp_path_factory.mktemp("built")
    pages = write_sample_pages(tmp / "pages.jsonl")
    corpus = tmp / "corpus"
    for args in (["build", str(pages), "--out", str(corpus)], ["index", str(corpus)]):
        run = subprocess.run([sys.executable, "-c", "from vinews.cli import app; app()", *args], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
    return corpus


@pytest.fixture(scope="module")
def server(built_corpus):
    import uvicorn

    from vinews.serve import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(built_corpus), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = browser.new_context(viewport={"width": 1100, "height": 720}, device_scale_factor=1)
        pg = ctx.new_page()
        pg.set_default_timeout(15000)
        yield pg
        ctx.close()
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return DOCS if os.environ.get("VINEWS_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("shots")


def _shot(page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def test_search_open_article_see_roles(server, page, shots):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.fill("input[name=q]", "luong cuong")
    page.click("button[type=submit]")
    page.wait_for_selector("li.hit")
    assert page.inner_text("#result-count").startswith("1 result")
    marks = page.locator("li.hit mark").all_inner_texts()
    assert "Lương" in marks and "Cường" in marks  # typed without marks, found as written
    assert "from=" not in page.url  # empty filters were left out of the URL by app.js
    page.goto(server + "/?q=hoa+binh&copies=true")  # typed without marks: Hòa Bình, hòa bình are marked
    page.wait_for_selector("li.hit")
    _shot(page, shots, "search")
    page.go_back()

    page.click("li.hit a.title")
    page.wait_for_selector("#raw-lines")
    assert "Lương Cường" in page.inner_text("#article-title")
    roles = set(page.locator("#raw-lines li.line").evaluate_all("els => els.map(e => e.dataset.role)"))
    assert {"title", "lead", "body", "boilerplate"} <= roles
    menu = page.locator("#raw-lines li.role-boilerplate").first
    assert "Trang chủ" in menu.inner_text() and menu.locator(".reason").inner_text()  # dropped, with why
    # boilerplate is coloured differently from body text
    bg = lambda sel: page.locator(sel).first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg("#raw-lines li.role-body") != bg("#raw-lines li.role-boilerplate")
    page.check("#only-dropped")
    assert not page.locator("#raw-lines li.role-body").first.is_visible()
    page.uncheck("#only-dropped")
    _shot(page, shots, "article")
    assert errors == []


def test_cluster_entity_corpus_pages(server, page, shots, built_corpus):
    import pyarrow.parquet as pq

    copy = pq.read_table(built_corpus / "articles.parquet", filters=[("id", "=", "a2")]).to_pylist()[0]
    assert copy["original_id"] == "a1"  # the build found the republished copy
    page.goto(server + f"/cluster/{copy['cluster_id']}")
    assert page.locator(".diff .removed").count() >= 1
    _shot(page, shots, "cluster")
    page.goto(server + "/entity?name=" + "Lương Cường")
    assert page.locator("svg rect").count() >= 1
    _shot(page, shots, "entity")
    page.goto(server + "/corpus")
    assert page.locator("figure.chart svg").count() >= 4
    _shot(page, shots, "corpus")


def test_hostile_page_runs_no_script(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/article/a6")  # the page whose text carries <script> and onerror markup
    page.wait_for_selector("#raw-lines")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("img").count() == 0
    assert '<script>alert("xss")</script>' in page.inner_text("#raw-lines")  # shown as text
    assert '"><img src=x onerror=alert(3)>' in page.inner_text("#raw-lines")
    page.goto(server + "/?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(9)%3E")
    page.wait_for_timeout(200)
    assert dialogs == [] and page.locator("img").count() == 0


def test_filters_in_the_browser(server, page):
    page.goto(server + "/")
    page.select_option("select[name=site]", "baoc.vn")
    page.fill("input[name=q]", "hoa binh")
    page.click("button[type=submit]")
    page.wait_for_selector("li.hit")
    titles = page.locator("li.hit a.title").all_inner_texts()
    assert titles == ["Thủy điện Hòa Bình vận hành thêm tổ máy"]
