"""`vinews index`, `vinews search` and `vinews serve` (registered on the app in vinews/cli/__init__.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .common import err


def index(corpus: Path = typer.Argument(..., help="A CORPUS_DIR written by `vinews build`.")) -> None:
    """Build the full-text index CORPUS_DIR/index (diacritic-insensitive, with filters).

    \b
    Example: vinews index corpus/
    """
    from ..search import build_index

    try:
        report = build_index(corpus)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="CORPUS_DIR")
    err.print(f"indexed {report['documents']} articles in {report['seconds']} s, "
              f"{report['bytes'] / 1e6:.1f} MB -> {corpus / 'index'}")


def search(
    corpus: Path = typer.Argument(..., help="A CORPUS_DIR with an index (run `vinews index` first)."),
    query: str = typer.Argument("", help='Words (all must match), "a phrase" in quotes; diacritics optional.'),
    site: Optional[str] = typer.Option(None, "--site", help="Only this site, e.g. vnexpress.net"),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after YYYY-MM-DD"),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before YYYY-MM-DD"),
    author: Optional[str] = typer.Option(None, "--author", help="Only this author (diacritics optional)"),
    entity: Optional[str] = typer.Option(None, "--entity", help="Only articles naming this person, organisation or place"),
    copies: bool = typer.Option(False, "--copies", help="Also list republished copies, not only originals"),
    limit: int = typer.Option(10, "--limit", "-n", min=1, max=1000),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a list"),
) -> None:
    """Search a corpus and print ranked results.

    \b
    Example: vinews search corpus/ "luong cuong" --from 2024-01-01 --site baoa.vn
    """
    from .common import check_day
    from ..search import Filters, Searcher, build_index
    from ..search.freshness import index_is_stale

    date_from, date_to = check_day(date_from, "--from"), check_day(date_to, "--to")

    try:
        if index_is_stale(corpus):  # the corpus was rebuilt after `vinews index`: never answer from the old one
            err.print(f"the index of {corpus} is older than its articles: re-indexing")
            build_index(corpus)
        s = Searcher(corpus)
        res = s.search(query, Filters(site, date_from, date_to, author, entity, copies), limit=limit)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="CORPUS_DIR")
    except ValueError as exc:  # a bad date, mostly
        raise typer.BadParameter(str(exc))
    if as_json:
        for h in res["hits"]:
            h.pop("title_html"), h.pop("snippet_html")
        typer.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False)
    out.print(f"{res['total']} results")
    for rank, h in enumerate(res["hits"], 1 + res["offset"]):
        meta = " · ".join(x for x in (h["published"] and h["published"][:10], h["site"], h["author"]) if x)
        out.print(f"[bold]{rank}. {_marked(str(h['title_html']))}[/]  [dim]{meta}  id={h['id']}[/]", markup=True)
        out.print("   " + _marked(str(h["snippet_html"])).replace("\n", " "), markup=True)


def _marked(html: str) -> str:
    """<mark> to rich bold; everything else printed as text."""
    from html import unescape
    from rich.markup import escape

    parts = re.split(r"(<mark>.*?</mark>)", html)
    return "".join(f"[bold yellow]{escape(unescape(p[6:-7]))}[/]" if p.startswith("<mark>") else escape(unescape(p))
                   for p in parts)


def serve(
    corpus: Path = typer.Argument(..., help="A CORPUS_DIR (indexed on start if it has no index yet)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default keeps it on this machine."),
    port: int = typer.Option(8000, "--port"),
    allow_host: list[str] = typer.Option([], "--allow-host",
                                         help="Another host name the server is reached by (repeatable); requests "
                                              "for any name but these, --host and localhost get 400."),
) -> None:
    """Serve the audit and search web UI (search, article audit, clusters, entities, corpus stats).

    \b
    Example: vinews serve corpus/ --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from ..serve import create_app

    try:
        application = create_app(corpus, hosts=[host, *allow_host])
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="CORPUS_DIR")
    err.print(f"serving {corpus} on http://{host}:{port}/")
    uvicorn.run(application, host=host, port=port, log_level="warning")
