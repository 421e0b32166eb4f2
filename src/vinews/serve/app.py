"""The audit and search web app: server-rendered pages and a JSON API under /api/ that mirrors them.

Scraped pages are hostile input: every value goes through Jinja2 autoescaping; the only
markup we emit ourselves (<mark> in snippets) is built from escaped pieces (search/snippet.py).
A strict Content-Security-Policy stops inline script even if something slipped through.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..search import Filters, Searcher, build_index
from ..search.corpus import check_corpus
from ..search.index import INDEX_DIR
from .charts import bars, by_month, stats_report
from .diff import similarity, word_diff
from .entity_marks import marked_lines
from .store import Store, page_lines

HERE = Path(__file__).parent
PAGE_SIZE = 20
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


def create_app(corpus: Path) -> FastAPI:
    corpus = Path(corpus)
    check_corpus(corpus)
    stamp = corpus / INDEX_DIR / "vinews_index.json"
    if not stamp.exists() or stamp.stat().st_mtime < (corpus / "articles.parquet").stat().st_mtime:
        build_index(corpus)  # no index yet, or the corpus was rebuilt after it
    searcher = Searcher(corpus)
    store = Store(corpus, searcher)
    templates = _templates()
    # No Swagger page: it loads its script from a CDN, which the CSP (and offline use) forbids.
    app = FastAPI(title="vinews", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        return resp

    def render(request: Request, name: str, ctx: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"sites": store.sites, **ctx}, status_code=status)

    # ---- data, shared by pages and API -------------------------------------------------

    def do_search(q: str, site, date_from, date_to, author, entity, copies, page: int) -> dict:
        f = Filters(site or None, date_from or None, date_to or None, author or None, entity or None, copies)
        try:
            res = searcher.search(q, f, limit=PAGE_SIZE, offset=(max(page, 1) - 1) * PAGE_SIZE)
        except ValueError as exc:  # a malformed date
            raise HTTPException(400, f"bad filter: {exc}")
        res["page"] = max(page, 1)
        res["pages"] = max(1, -(-res["total"] // PAGE_SIZE))
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
                copies.append({"article": m, "similarity": similarity(canon["text"], m["text"]),
                               "diff": word_diff(canon["text"], m["text"]),
                               "title_diff": word_diff(canon["title"] or "", m["title"] or "")})
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
    def search_page(request: Request, q: str = "", site: str = "", date_from: str = Query("", alias="from"),
                    date_to: str = Query("", alias="to"), author: str = "", entity: str = "", copies: bool = False,
                    page: int = 1):
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
    def cluster_page(request: Request, cluster_id: int):
        return render(request, "cluster.html", cluster_data(cluster_id))

    @app.get("/entity", response_class=HTMLResponse)
    def entity_page(request: Request, name: str = ""):
        if not name:
            return render(request, "entities.html", {"entities": store.top_entities(200)})
        ent = entity_data(name)
        return render(request, "entity.html", {"ent": ent, "chart": bars(ent["per_month"])})

    @app.get("/corpus", response_class=HTMLResponse)
    def corpus_page(request: Request):
        d = corpus_data()
        charts = {"Pages by status": bars(d["page_status"], sort=True), "Articles by site": bars(d["by_site"], sort=True),
                  "Articles per month": bars(d["per_month"]), "Cluster sizes": bars(d["cluster_sizes"]),
                  "Entity mentions by type": bars(d["entity_types"], sort=True)}
        return render(request, "corpus.html", {"d": d, "charts": charts, "report": stats_report(d["stats"])})

    # ---- API: the same data as JSON ---------------------------------------------------

    @app.get("/api/search")
    def api_search(q: str = "", site: str = "", date_from: str = Query("", alias="from"), date_to: str = Query("", alias="to"),
                   author: str = "", entity: str = "", copies: bool = False, page: int = 1):
        return _jsonable(do_search(q, site, date_from, date_to, author, entity, copies, page))

    @app.get("/api/article/{id}")
    def api_article(id: str):
        return article_data(id)

    @app.get("/api/cluster/{cluster_id}")
    def api_cluster(cluster_id: int):
        return cluster_data(cluster_id)

    @app.get("/api/entity")
    def api_entity(name: str = ""):
        return entity_data(name) if name else {"entities": store.top_entities(200)}

    @app.get("/api/corpus")
    def api_corpus():
        return corpus_data()

    @app.exception_handler(StarletteHTTPException)
    async def errors(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(request, "error.html", {"status": exc.status_code, "detail": exc.detail}, status=exc.status_code)

    return app
