"""The `vinews` command line: the typer app, and each command registered on it by name from
its group's module (extract.py, corpus.py, search.py; common.py holds what they share).
pyproject.toml's console script is `vinews.cli:app`."""
from __future__ import annotations

import typer

from .corpus import build, export, stats
from .extract import extract, params_cmd
from .search import index, search, serve


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"vinews {__version__}")
        raise typer.Exit()


def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """vinews: raw scraped Vietnamese news pages -> clean, structured, deduplicated, searchable corpus.

    Start with `vinews extract PAGES/ -o articles.jsonl --show`.
    """


app = typer.Typer(
    help="Turn raw scraped Vietnamese news pages into clean, structured, searchable articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: flags without a <bool> placeholder, choices listed as <a|b|c>
    rich_markup_mode=None,
)
app.callback()(main)
# in this order in `vinews --help`
app.command("extract")(extract)
app.command("params")(params_cmd)
app.command("build")(build)
app.command("stats")(stats)
app.command("export")(export)
app.command("index")(index)
app.command("search")(search)
app.command("serve")(serve)
