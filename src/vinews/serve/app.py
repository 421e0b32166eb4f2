"""The audit and search web app: server-rendered pages and a JSON API under /api/ that mirrors them.

Scraped pages are hostile input: every value goes through Jinja2 autoescaping; the only
markup we emit ourselves (<mark> in snippets) is built from escaped pieces (search/snippet.py).
A strict Content-Security-Policy stops inline script even if something slipped through.
Every response carries the security headers, errors included; every number a request carries is
bounded (400 otherwise); and only requests addressed to the bound host names are answered, so a
page on another site cannot reach the server through DNS rebinding.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..search import Filters, Searcher, build_index
from ..search.corpus import check_corpus
from ..search.freshness import index_is_stale
from ..search.index import INDEX_DIR
from ..search.searcher import MAX_WINDOW
from .charts import bars, by_month, stats_report, timeline
from .diff import diff
from .entity_marks import marked_lines
from .store import Store, page_lines

HERE = Path(__file__).parent
PAGE_SIZE = 20
PAGES_PER_LIST = 100  # rows of one /pages?status= list
STATUSES = ("kept", "duplicate", "nonarticle", "rejected")  # corpus.schema.STATUSES
MAX_API_LIMIT = 1000  # hits one /api/search answer may hold
MAX_API_OFFSET = 9000  # with MAX_API_LIMIT, within the searcher's window (searcher.MAX_WINDOW)
MAX_PAGE = MAX_WINDOW // PAGE_SIZE  # deeper result pages are refused (400), not handed to tantivy
MAX_ID = 2**63 - 1  # cluster ids are int64
MAX_TEXT = 1000  # characters in a query or filter value
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return Jinja2Templates(env=env)


def _jsonable(res: dict) -> dict:
    for h in res.get("hits", []):
        h["title_html"], h["snippet_html"] = str(h["title_html"]), str(h["snippet_html"])
    return res


def _secure(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    return resp


def _host_name(host: str) -> str:
    """As a Host header names it: lower case, an IPv6 address in brackets."""
    host = host.strip().lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def create_app(corpus: Path, hosts: Iterable[str] = ()) -> FastAPI:
    """The app over CORPUS_DIR. It answers requests whose Host is localhost, 127.0.0.1, ::1 or
    one of `hosts` (the address `vinews serve --host` binds, names it is reached by; tests add
    "testserver"), and 400 to any other."""
    corpus = Path(corpus)
    check_corpus(corpus)
    if not (corpus / INDEX_DIR / "meta.json").exists() or index_is_stale(corpus, INDEX_DIR):
        build_index(corpus)  # no index yet, or the corpus was rebuilt after it
    searcher = Searcher(corpus)
    store = Store(corpus, searcher)
    templates = _templates()
    # No Swagger page: it loads its script from a CDN, which the CSP (and offline use) forbids.
    app = FastAPI(title="vinews", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    allowed = sorted({_host_name(h) for h in (*LOCAL_HOSTS, *hosts) if h and h.strip()})
    # added before the headers middleware, so it runs inside it: its 400 gets the headers too
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed, www_redirect=False)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        return _secure(await call_next(request))

    def render(request: Request, name: str, ctx: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"sites": store.sites, **ctx}, status_code=status)

    # ---- data, shared by pages and API -------------------------------------------------

    def do_search(q: str, site, date_from, date_to, author, entity, copies, page: int,
                  limit: int | None = None, offset: int | None = None) -> dict:
        """`limit`/`offset` (the API) when given, else pages of PAGE_SIZE."""
        f = Filters(site or None, date_from or None, date_to or None, author or None, entity or None, copies)
        size = limit or PAGE_SIZE
        start = offset if offset is not None else (page - 1) * size
        try:
            res = searcher.search(q, f, limit=size, offset=start)
        except ValueError as exc:  # a malformed or out-of-range date, a window past MAX_WINDOW
            raise HTTPException(400, f"bad filter: {exc}")
        res["page"] = start // size + 1
        res["pages"] = max(1, -(-res["total"] // size))
        res["limit"] = size
        return res

    def article_data(id: str) -> dict:
        art = store.article(id)
        page = store.page(id, art["url"] if art else None)
        if not art and not page:
            raise HTTPException(404, "no such article or page")
        lines = page_lines(page)
        kept = sum(1 for ln in lines if ln["role"] not in ("boilerplate", "blank", "unknown"))
        ents = store.entities_of(id) if art else []
        return {"article": art, "page": page and {k: v for k, v in page.items() if k not in ("raw_text", "roles_json")},
                "lines": lines, "kept_lines": kept, "entities": ents}

    def cluster_data(cluster_id: int) -> dict:
        cl = store.cluster(cluster_id)
        if not cl:
            raise HTTPException(404, "no such cluster")
        members = [store.article(i) for i in cl["member_ids"][:50]]  # a huge cluster: the first 50
        members = [m for m in members if m]
        canon = next((m for m in members if m["id"] == cl["canonical_id"]), members[0] if members else None)
        copies = []
        for m in members:
            if canon and m["id"] != canon["id"]:
                segments, sim, note = diff(canon["text"], m["text"])
                copies.append({"article": m, "similarity": sim, "diff": segments, "diff_note": note,
                               "title_diff": diff(canon["title"] or "", m["title"] or "")[0]})
        return {"cluster": cl, "original": canon, "copies": copies, "republications": store.republications(cluster_id)}

    def entity_data(name: str) -> dict:
        ent = store.entity(name)
        ent["per_month"] = by_month(ent.pop("dates"), at_least=12)
        return ent

    def corpus_data() -> dict:
        from ..search.corpus import read_rows

        sizes = dict(Counter(c["size"] for c in read_rows(store.corpus, "clusters", ["size"])))
        return {"stats": store.stats(), "articles": store.meta.num_rows, "page_status": store.page_status_counts(),
                "by_site": store.counts(store.meta, "site"), "per_month": by_month(store.published_months()),
                "cluster_sizes": dict(sorted(sizes.items())), "entity_types": store.counts(store.ents, "type"),
                "top_entities": store.top_entities(20)}

    # ---- pages -----------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def search_page(request: Request, q: str = Query("", max_length=MAX_TEXT),
                    site: str = Query("", max_length=MAX_TEXT), date_from: str = Query("", alias="from", max_length=40),
                    date_to: str = Query("", alias="to", max_length=40), author: str = Query("", max_length=MAX_TEXT),
                    entity: str = Query("", max_length=MAX_TEXT), copies: bool = False,
                    page: int = Query(1, ge=1, le=MAX_PAGE)):
        res = do_search(q, site, date_from, date_to, author, entity, copies, page)
        form = {"q": q, "site": site, "from": date_from, "to": date_to, "author": author, "entity": entity, "copies": copies}
        return render(request, "search.html", {"res": res, "form": form})

    @app.get("/article/{id}", response_class=HTMLResponse)
    def article_page(request: Request, id: str):
        d = article_data(id)
        art = d["article"]
        if art:  # the text with entity mentions marked; the first lines are the lead
            marked = marked_lines(art.get("text") or "", d["entities"])
            n_lead = len(art["lead"].split("\n")) if art.get("lead") else 0
            d["lead_html"], d["body_html"] = marked[:n_lead], marked[n_lead:]
        return render(request, "article.html", d)

    @app.get("/cluster/{cluster_id}", response_class=HTMLResponse)
    def cluster_page(request: Request, cluster_id: int = PathParam(..., ge=0, le=MAX_ID)):
        return render(request, "cluster.html", cluster_data(cluster_id))

    @app.get("/entity", response_class=HTMLResponse)
    def entity_page(request: Request, name: str = Query("", max_length=MAX_TEXT)):
        if not name:
            return render(request, "entities.html", {"entities": store.top_entities(200)})
        ent = entity_data(name)
        return render(request, "entity.html", {"ent": ent, "chart": bars(timeline(ent["per_month"]))})

    @app.get("/corpus", response_class=HTMLResponse)
    def corpus_page(request: Request):
        d = corpus_data()
        charts = {"Pages by status": bars(d["page_status"], sort=True), "Articles by site": bars(d["by_site"], sort=True),
                  "Articles over time": bars(timeline(d["per_month"])), "Cluster sizes": bars(d["cluster_sizes"]),
                  "Entity mentions by type": bars(d["entity_types"], sort=True)}
        return render(request, "corpus.html", {"d": d, "charts": charts, "report": stats_report(d["stats"])})

    # ---- API: the same data as JSON ---------------------------------------------------

    def pages_data(status: str, page: int) -> dict:
        if status not in STATUSES:
            raise HTTPException(400, f"status must be one of {', '.join(STATUSES)}")
        total, rows = store.pages_with_status(status, PAGES_PER_LIST, (page - 1) * PAGES_PER_LIST)
        return {"status": status, "total": total, "page": page, "pages": max(1, -(-total // PAGES_PER_LIST)),
                "rows": rows, "counts": store.page_status_counts()}

    @app.get("/pages", response_class=HTMLResponse)
    def pages_page(request: Request, status: str = Query("duplicate", max_length=20),
                   page: int = Query(1, ge=1, le=MAX_PAGE)):
        return render(request, "pages.html", {"d": pages_data(status, page), "statuses": STATUSES})

    @app.get("/api/pages")
    def api_pages(status: str = Query("duplicate", max_length=20), page: int = Query(1, ge=1, le=MAX_PAGE)):
        return _jsonable(pages_data(status, page))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():  # what browsers ask for before reading <link rel=icon>: no 404 in the log
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/api/search")
    def api_search(q: str = Query("", max_length=MAX_TEXT), site: str = Query("", max_length=MAX_TEXT),
                   date_from: str = Query("", alias="from", max_length=40),
                   date_to: str = Query("", alias="to", max_length=40), author: str = Query("", max_length=MAX_TEXT),
                   entity: str = Query("", max_length=MAX_TEXT), copies: bool = False,
                   page: int = Query(1, ge=1, le=MAX_PAGE),
                   limit: Optional[int] = Query(None, ge=1, le=MAX_API_LIMIT),
                   offset: Optional[int] = Query(None, ge=0, le=MAX_API_OFFSET)):
        return _jsonable(do_search(q, site, date_from, date_to, author, entity, copies, page, limit, offset))

    @app.get("/api/article/{id}")
    def api_article(id: str):
        return article_data(id)

    @app.get("/api/cluster/{cluster_id}")
    def api_cluster(cluster_id: int = PathParam(..., ge=0, le=MAX_ID)):
        return cluster_data(cluster_id)

    @app.get("/api/entity")
    def api_entity(name: str = Query("", max_length=MAX_TEXT)):
        return entity_data(name) if name else {"entities": store.top_entities(200)}

    @app.get("/api/corpus")
    def api_corpus():
        return corpus_data()

    def error(request: Request, status: int, detail, message: str | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return _secure(JSONResponse({"detail": detail}, status_code=status))
        try:
            return _secure(render(request, "error.html", {"status": status, "detail": message or detail}, status=status))
        except Exception:  # the error page itself failed (a broken store): still answer, still safely
            return _secure(PlainTextResponse(f"{status} {message or detail}", status_code=status))

    @app.exception_handler(StarletteHTTPException)
    async def http_errors(request: Request, exc: StarletteHTTPException):
        return error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        # 400, not FastAPI's 422: a nonsense parameter is a bad request like any other
        errs = [{k: e.get(k) for k in ("loc", "msg", "type")} for e in exc.errors()]
        said = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errs)
        return error(request, 400, jsonable_encoder(errs), f"bad parameter: {said}")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        # Runs outside every middleware (Starlette's ServerErrorMiddleware), hence the headers here.
        return error(request, 500, "internal error")

    return app
