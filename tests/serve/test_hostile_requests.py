"""Hostile requests (issue 10): nonsense numbers, out-of-range dates and ids, foreign Host headers,
errors without security headers, and the article view reading a whole row group per request."""
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinews.search.searcher import MAX_WINDOW, Searcher
from vinews.serve import create_app
from vinews.serve import store as store_mod

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@pytest.fixture(scope="module")
def client(corpus_dir):
    return TestClient(create_app(corpus_dir, hosts=["testserver"]), raise_server_exceptions=False)


def secured(r) -> bool:
    return all(h in r.headers for h in HEADERS) and "script-src 'self'" in r.headers["content-security-policy"]


def test_huge_page_is_400_not_an_abort(client):
    # page 10^9 made tantivy allocate the whole window and abort the process
    for url in ("/", "/api/search"):
        for page in ("1000000000", "-1", "0", "abc", "1e3", "99999999999999999999999", ""):
            r = client.get(url, params={"page": page})
            assert r.status_code == 400, (url, page)
            assert secured(r)
    r = client.get("/api/search", params={"page": "1000000000"})
    assert r.headers["content-type"].startswith("application/json") and r.json()["detail"][0]["loc"] == ["query", "page"]
    assert "text/html" in client.get("/", params={"page": "-1"}).headers["content-type"]
    assert client.get("/api/search", params={"page": "2"}).status_code == 200  # past the last page: no hits


def test_searcher_refuses_a_window_it_cannot_hold(corpus_dir):
    s = Searcher(corpus_dir)
    for limit, offset in ((10, 10**9), (10**9, 0), (10, -1), (0, 0), (MAX_WINDOW, 1)):
        with pytest.raises(ValueError):
            s.search("", limit=limit, offset=offset)
    assert s.search("", limit=20, offset=MAX_WINDOW - 20)["hits"] == []


def test_out_of_range_dates_and_ids_are_400(client):
    for params in ({"from": "0001-01-01"}, {"to": "0001-01-01"}, {"from": "9999-12-31"}, {"from": "2024-13-45"},
                   {"to": "x" * 5000}):
        assert client.get("/api/search", params=params).status_code == 400, params
        assert client.get("/", params=params).status_code == 400, params
    for cid in (2**63, 2**64, 10**30, -1, "abc", "1.5"):
        for url in (f"/api/cluster/{cid}", f"/cluster/{cid}"):
            r = client.get(url)
            assert r.status_code == 400 and secured(r), url
    assert client.get(f"/api/cluster/{2**63 - 1}").status_code == 404


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=30), st.integers().map(str), st.floats().map(str)),
       st.sampled_from(["page", "from", "to", "copies", "q", "site", "author", "entity"]),
       st.sampled_from(["/", "/api/search"]))
def test_any_parameter_value_gets_an_answer_not_a_crash(client, value, name, url):
    r = client.get(url, params={name: value})
    assert r.status_code in (200, 400), (name, value, r.status_code)
    assert secured(r)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(), st.text(alphabet="0123456789-.e", min_size=1, max_size=30)))
def test_any_cluster_id_gets_an_answer_not_a_crash(client, cid):
    for url in (f"/api/cluster/{cid}", f"/cluster/{cid}"):
        r = client.get(url)
        assert r.status_code in (200, 400, 404), (url, r.status_code)
        assert secured(r)


def test_error_responses_carry_the_security_headers(client, monkeypatch):
    assert secured(client.get("/article/nope")) and secured(client.get("/api/article/nope"))  # 404
    assert secured(client.get("/api/search", params={"page": "x"}))  # validation error, now 400
    assert secured(client.get("/no/such/route"))
    import vinews.serve.app as app_mod

    def boom(*a, **k):
        raise RuntimeError("broken")

    monkeypatch.setattr(app_mod, "by_month", boom)  # an unhandled exception inside a view
    for url in ("/corpus", "/api/corpus"):
        r = client.get(url)
        assert r.status_code == 500 and secured(r), url
        assert "broken" not in r.text  # no internals in the answer
    assert client.get("/api/corpus").json() == {"detail": "internal error"}


def test_host_header_must_name_the_bound_host(corpus_dir):
    app = create_app(corpus_dir, hosts=["vinews.lan"])
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/corpus").status_code == 200
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "vinews.lan", "VINEWS.LAN:80"):
        assert local.get("/api/corpus", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io", "testserver", ""):
        r = local.get("/api/corpus", headers={"host": host})
        assert r.status_code == 400 and secured(r), host
    # the test client's own name works only where the app was told to allow it
    assert TestClient(app).get("/api/corpus").status_code == 400


@pytest.fixture(scope="module")
def padded_corpus(corpus_dir, tmp_path_factory):
    """The sample corpus with 3000 more pages in the one row group of pages.parquet."""
    out = tmp_path_factory.mktemp("padded")
    shutil.copytree(corpus_dir, out, dirs_exist_ok=True)
    pages = pq.read_table(out / "pages.parquet")
    proto = pages.slice(0, 1).to_pylist()[0]
    pad = [{**proto, "id": f"pad-{i}", "url": f"https://baoa.vn/pad-{i}.html", "raw_text": f"Trang đệm số {i}\n" * 50}
           for i in range(3000)]
    table = pa.concat_tables([pa.Table.from_pylist(pad, schema=pages.schema), pages])
    pq.write_table(table, out / "pages.parquet", row_group_size=100_000)
    assert pq.ParquetFile(out / "pages.parquet").num_row_groups == 1
    return out


def test_article_view_reads_one_row_not_its_row_group(padded_corpus, monkeypatch):
    client = TestClient(create_app(padded_corpus, hosts=["testserver"]))
    client.get("/api/article/a1")  # the id -> row map is built once; what follows is per view
    batches, groups = [], []
    real_iter, real_group = pq.ParquetFile.iter_batches, pq.ParquetFile.read_row_group

    def iter_batches(self, *a, **k):
        for b in real_iter(self, *a, **k):
            batches.append(b.num_rows)
            yield b

    def read_row_group(self, i, columns=None, **k):
        groups.append(columns)
        return real_group(self, i, columns=columns, **k)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", iter_batches)
    monkeypatch.setattr(pq.ParquetFile, "read_row_group", read_row_group)
    d = client.get("/api/article/a1").json()  # the last rows of the group
    assert d["article"]["id"] == "a1" and d["lines"][1]["role"] == "title"
    pad = client.get("/article/pad-1500")
    assert pad.status_code == 200 and "Trang đệm số 1500" in pad.text
    assert groups == []  # no whole row group read per view
    assert batches and max(batches) <= store_mod.PAGE_BATCH  # at most a batch of rows decoded at once
    assert sum(batches) < 3010 + 1600  # and it stops at the row it wants
