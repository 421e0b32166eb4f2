"""The `vinews` command line."""
from __future__ import annotations

import errno
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from .model import Article, Page

app = typer.Typer(
    help="Turn raw scraped Vietnamese news pages into clean, structured, searchable articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"vinews {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """vinews: raw scraped Vietnamese news pages -> clean, structured, deduplicated, searchable corpus.

    Start with `vinews extract PAGES/ -o articles.jsonl --show`.
    """


def _extract_one(page: Page, params=None) -> Article:
    """One page, under params.page_deadline_s: with --jobs a slow page is cut in its worker and
    the ordered output moves on (pipeline.extract_guarded)."""
    from .pipeline import extract_guarded

    return extract_guarded(page, params)[0]


def run_extract(pages: Iterator[Page], jobs: int = 1, chunksize: int = 16, params=None) -> Iterator[Article]:
    """Extract pages in order, in `jobs` processes (1 = in this process). `params`
    (vinews.params.ExtractParams, None = defaults) goes to each worker with every task."""
    if jobs <= 1:
        for page in pages:
            yield _extract_one(page, params)
        return
    import multiprocessing as mp
    from functools import partial

    with mp.get_context("fork" if sys.platform != "win32" else "spawn").Pool(jobs) as pool:
        yield from pool.imap(partial(_extract_one, params=params), pages, chunksize=chunksize)


def load_params(path: Path | None, hint: str = "--params"):
    """ExtractParams from a TOML file (None: the defaults); a bad file is a usage error."""
    from .params import DEFAULT, ExtractParams, ParamsError

    if path is None:
        return DEFAULT
    try:
        params = ExtractParams.from_toml(path)
    except FileNotFoundError:
        raise typer.BadParameter(f"no such file: {path}", param_hint=hint) from None
    except (OSError, ParamsError) as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None
    if params.use_fitted_title or params.use_fitted_caption or params.use_fitted_kind:
        from .fitted import load_models

        try:  # a model file that cannot be read would reject every page: say so once, up front
            load_models(params.model_file)
        except (OSError, ValueError, KeyError) as exc:
            raise typer.BadParameter(f"model_file {params.model_file!r}: {exc}", param_hint=hint) from None
    return params


def input_files(paths: list[Path], fmt: str | None, hint: str,
                skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Check the input paths and --format (usage errors), and list the files to read. What an
    input folder holds but cannot be read (unreadable folders, dangling symlinks) gets a warning
    line on stderr each and is added to `skipped` for the summary."""
    from .readers import READERS, expand

    if fmt and fmt not in READERS:
        raise typer.BadParameter(f"unknown format {fmt!r}; known: {', '.join(sorted(READERS))}", param_hint="--format")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(map(str, missing))}", param_hint=hint)
    skips: list[tuple[Path, str]] = []
    files = expand(paths, fmt, skipped=skips)
    from rich.markup import escape

    for path, why in skips:
        err.print(f"[yellow]warning:[/] skipped {escape(str(path))}: {why}", markup=True, highlight=False,
                  soft_wrap=True)
    if skipped is not None:
        skipped.extend(skips)
    return files


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_output(out: Path, inputs: list[Path], files: list[Path], hint: str, folder: bool = False) -> None:
    """Refuse (a usage error) an output that would destroy or feed back into an input: the same
    file as an input (by resolved path or same inode), a path inside an input folder, for a
    corpus folder (`folder`) one that holds an input; and a file output that is a folder."""
    target = out.resolve()
    if not folder and out.is_dir():
        raise typer.BadParameter(f"{out} is a folder; give a file name such as {out / 'articles.jsonl'}",
                                 param_hint=hint)
    if folder and out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint=hint)
    for p in inputs:
        src = p.resolve()
        if p.is_dir() and _inside(target, src):
            raise typer.BadParameter(f"{out} is inside the input folder {p}: write it somewhere else",
                                     param_hint=hint)
        if folder and _inside(src, target):
            raise typer.BadParameter(f"the input {p} is inside the output folder {out}: write it somewhere else",
                                     param_hint=hint)
    if not folder and out.exists():
        for f in files:
            try:
                same = f.samefile(out)
            except OSError:
                same = False
            if same:
                raise typer.BadParameter(f"{out} is also an input ({f}): it would be overwritten",
                                         param_hint=hint)


def fail(msg: str) -> "typer.Exit":
    """A one-line error on stderr; raise the result (exit status 1)."""
    from rich.markup import escape

    err.print(f"[red]error:[/] {escape(msg)}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(1)


def os_error(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}" + (" (disk full?)" if exc.errno == errno.ENOSPC else "")


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Page files or folders of them (.txt; HTML, WARC, WET, JSONL, Parquet where supported)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write one JSON object per page here (JSONL)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parallel worker processes."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="Force an input format instead of guessing from the file name."),
    audit: bool = typer.Option(False, "--audit", help="Add each line's role and the reason it was dropped."),
    show: bool = typer.Option(False, "--show", help="Print a table of the extracted articles."),
    params_file: Optional[Path] = typer.Option(None, "--params", help="TOML file overriding extractor parameters by name (see `vinews params`)."),
) -> None:
    """Extract title, lead, body, captions, author, source and publish time from each page.

    Example: vinews extract pages/ -o articles.jsonl --jobs 4
    Every input page gives one output record: kind is article, nonarticle (home, category and
    list pages) or rejected (empty, binary, oversized or unreadable, with the reason).
    """
    params = load_params(params_file)
    skipped: list[tuple[Path, str]] = []
    files = input_files(paths, fmt, "PATHS", skipped)
    if output is not None:
        check_output(output, paths, files, "--output")
    if not files:
        err.print("[yellow]no input pages found[/] (known file types: .txt, .html, .warc.gz, .wet.gz, .jsonl, .parquet)")
    counts: Counter[str] = Counter()
    shown: list[Article] = []
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .readers import detect_format

    # Archives and record files hold many pages each: show the page count as well as files.
    many = any((fmt or detect_format(f)) not in ("text", "html") for f in files)
    progress = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                        TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(),
                        console=err, disable=len(files) <= 5 and not many, transient=False)
    try:
        _write_extract(files, fmt, jobs, params, output, audit, show, progress, counts, shown)
    except OSError as exc:  # disk full, output folder unwritable: one line, no partial output file
        raise fail(os_error(exc))
    if show:
        _show_table(shown)
    total = sum(counts.values())
    err.print(f"pages in: {total}  articles: {counts['article']}  nonarticles: {counts['nonarticle']}  "
              f"rejected: {counts['rejected']}" + (f"  skipped: {len(skipped)}" if skipped else "")
              + (f"  -> {output}" if output else ""))


def _write_extract(files, fmt, jobs, params, output, audit, show, progress, counts, shown) -> None:
    from .readers import iter_pages
    from .writers import JsonlWriter

    with JsonlWriter(output, audit=audit) as writer, progress:
        task = progress.add_task("extract", total=len(files), pages=0)
        seen_paths: set[str] = set()
        for art in run_extract(iter_pages(files, fmt), jobs=jobs, params=params):
            counts[art.kind] += 1
            writer.write(art)
            if show and len(shown) < 50:
                shown.append(art)
            path = art.meta.get("path")
            if path and path not in seen_paths:
                seen_paths.add(path)
            if counts.total() % 20 == 0:
                progress.update(task, completed=max(len(seen_paths) - 1, 0), pages=counts.total())
        progress.update(task, completed=len(files), pages=counts.total())


@app.command("params")
def params_cmd() -> None:
    """Print every extractor parameter with its default and why, as TOML.

    Example: vinews params > my.toml ; edit ; vinews extract pages/ --params my.toml
    Any subset of the names may be given (an [extract] table or top-level names).
    """
    from .params import DEFAULT

    typer.echo(DEFAULT.to_toml(), nl=False)


def _show_table(arts: list[Article]) -> None:
    from rich.table import Table

    console = Console()
    t = Table(title="Extracted pages", show_lines=True, expand=True)
    t.add_column("id", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("title", ratio=3)
    t.add_column("published", ratio=1)
    t.add_column("author / source", ratio=1)
    t.add_column("¶", justify="right", no_wrap=True)
    t.add_column("captions", justify="right", no_wrap=True)
    for a in arts:
        who = " / ".join(x for x in (a.author, a.source) if x)
        t.add_row(a.id, a.kind, a.title or (a.reason or ""), (a.published or "").replace("T", " ")[:16],
                  who, str(len(a.body) + (1 if a.lead else 0)), str(len(a.captions)))
    console.print(t)
    first = next((a for a in arts if a.kind == "article"), None)
    if first:
        console.print(f"\n[bold]{first.title}[/]  [dim]{first.id}[/]")
        console.print(f"[italic]{first.lead or ''}[/]")
        for para in first.body[:2]:
            console.print(para)
        if len(first.body) > 2:
            console.print(f"[dim]… {len(first.body) - 2} more paragraphs[/]")


# Corpus build, search and serve add their commands to `app` from their own modules.
from . import cli_corpus, cli_search  # noqa: E402,F401

if __name__ == "__main__":
    app()
