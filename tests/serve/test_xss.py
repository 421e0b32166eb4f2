"""Scraped pages are hostile: markup in their text must come out as text, never as markup."""
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from vinews.serve import create_app

PAYLOADS = ['<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>', '"><img src=x onerror=alert(2)>',
            '<script>alert("lead")</script>', '"><img src=x onerror=alert(3)>']


@pytest.fixture(scope="module")
def client(corpus_dir):
    return TestClient(create_app(corpus_dir, hosts=["testserver"]))


class Tags(HTMLParser):
    """Collect the elements and attributes a browser would actually build."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _inert(html: str) -> None:
    for p in PAYLOADS:
        assert p not in html
    parser = Tags()
    parser.feed(html)
    # the only script is our own file; no element is an img or carries an event handler
    assert [a for t, a in parser.tags if t == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in parser.tags if t in ("img", "iframe", "object", "embed")]
    assert not [(t, k) for t, a in parser.tags for k in a if k.startswith("on")]


@pytest.mark.parametrize("url", ["/article/a6", "/?q=onerror", "/?q=script", "/?author=%22%3E%3Cimg", "/entity?name=%3Cscript%3E",
                                 "/?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(9)%3E", "/corpus"])
def test_pages_render_hostile_text_inert(client, url):
    r = client.get(url)
    assert r.status_code in (200, 400)
    _inert(r.text)


def test_hostile_text_is_shown_escaped(client):
    html = client.get("/article/a6").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html  # the author field
