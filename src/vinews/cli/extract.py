"""`vinews extract` and `vinews params`."""
from __future__ import annotations

import contextlib
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from ..model import Article, Page
from .common import (HTML_FIELD, ID_FIELD, TEXT_FIELD, TIME_FIELD, TITLE_FIELD, URL_FIELD, InputFormat, OutputFormat,
                     check_output, choice, err, fail, field_options, input_files, jobs_count, load_params, os_error,
                     spool_stdin, usage_error)


def _extract_one(page: Page, params=None) -> Article:
    """One page, under params.page_deadline_s: with --jobs a slow page is cut in its worker and
    the ordered output moves on (pipeline.extract_guarded)."""
    from ..pipeline import extract_guarded

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


def extract(
    paths: list[Path] = typer.Argument(..., help="Page files or folders of them; - reads standard input."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write one record per page here: .jsonl, .jsonl.gz or .parquet by the name; - or none: JSONL on standard output."),
    output_fmt: Optional[OutputFormat] = typer.Option(None, "--output-format", help="Force the output format."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Parallel worker processes (0: one per CPU core)."),
    fmt: Optional[InputFormat] = typer.Option(None, "--format", "-f", help="Force an input format instead of guessing from the file name."),
    audit: bool = typer.Option(False, "--audit", help="Add each line's role and the reason it was dropped."),
    show: bool = typer.Option(False, "--show", help="Print a table of the extracted articles (on stdout; the records then need -o)."),
    params_file: Optional[Path] = typer.Option(None, "--params", help="TOML file overriding extractor parameters by name (see `vinews params`)."),
    text_field: Optional[str] = TEXT_FIELD, html_field: Optional[str] = HTML_FIELD, id_field: Optional[str] = ID_FIELD,
    url_field: Optional[str] = URL_FIELD, time_field: Optional[str] = TIME_FIELD, title_field: Optional[str] = TITLE_FIELD,
) -> None:
    """Extract title, lead, body, captions, author, source and publish time from each page.

    \b
    Example: vinews extract pages/ -o articles.jsonl --jobs 4 ; cat page.txt | vinews extract -
    Every input page gives one output record: kind is article, nonarticle (home, category and
    list pages) or rejected (empty, binary, oversized or unreadable, with the reason).
    """
    import tempfile

    from ..writers import OUTPUT_FORMATS, open_writer

    fmt, output_fmt = choice(fmt), choice(output_fmt)
    if output_fmt is not None and output_fmt not in OUTPUT_FORMATS:
        raise usage_error(f"--output-format: unknown {output_fmt!r}; known: {', '.join(OUTPUT_FORMATS)}")
    params = load_params(params_file)
    from ..process import tune_gc

    tune_gc()  # a long job: workers forked below inherit it
    fields = field_options(text_field, html_field, id_field, url_field, time_field, title_field)
    to_stdout = (output is None and not show) or str(output) == "-"
    if output is not None and str(output) == "-":
        output = None
    try:
        if output is None and not to_stdout:  # --show alone: the table is the output
            from ..writers import JsonlWriter

            writer = JsonlWriter(None)
        else:
            writer = open_writer(None if to_stdout else output, output_fmt, audit)
    except ValueError as exc:
        raise usage_error(str(exc)) from None
    if sum(str(p) == "-" for p in paths) > 1:
        raise usage_error("- (standard input) given more than once")
    stdin = any(str(p) == "-" for p in paths)
    with tempfile.TemporaryDirectory(prefix="vinews-stdin-") if stdin else contextlib.nullcontext() as spool:
        if stdin:
            paths = [spool_stdin(Path(spool), fmt) if str(p) == "-" else p for p in paths]
        _extract_cmd(paths, output, writer, to_stdout, jobs_count(jobs), fmt, show, params, fields)


def _extract_cmd(paths, output, writer, to_stdout, jobs, fmt, show, params, fields) -> None:
    skipped: list[tuple[Path, str]] = []
    files = input_files(paths, fmt, "PATHS", skipped)
    if output is not None and not to_stdout:
        check_output(output, paths, files, "--output")
    counts: Counter[str] = Counter()
    shown: list[Article] = []
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..readers import detect_format

    # Archives and record files hold many pages each: show the page count as well as files.
    many = any((fmt or detect_format(f)) not in ("text", "html") for f in files)
    progress = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                        TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(),
                        console=err, disable=len(files) <= 5 and not many, transient=False)
    try:
        _write_extract(files, fmt, jobs, params, writer, show, progress, counts, shown, fields)
    except NoPagesRead:
        raise usage_error(f"no input pages in {', '.join(map(str, paths))}: the files hold no records or text")
    except BrokenPipeError:  # `vinews extract ... | head`: the reader has all it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0)
    except OSError as exc:  # disk full, output folder unwritable: one line, no partial output file
        raise fail(os_error(exc))
    if show:  # beside JSONL on stdout, the table goes to stderr
        _show_table(shown, err if to_stdout else None)
    total = sum(counts.values())
    where = "  -> stdout" if to_stdout else (f"  -> {output}" if output else "")
    err.print(f"pages in: {total}  articles: {counts['article']}  nonarticles: {counts['nonarticle']}  "
              f"rejected: {counts['rejected']}" + (f"  skipped: {len(skipped)}" if skipped else "") + where)
    if show and output is None and not to_stdout:
        err.print("[dim]records not written: give -o FILE (or -o - for standard output) to keep them[/]")


class NoPagesRead(Exception):
    """The input files gave not a single page."""


def _write_extract(files, fmt, jobs, params, writer, show, progress, counts, shown, fields=None) -> None:
    from ..readers import iter_pages

    with writer, progress:
        task = progress.add_task("extract", total=len(files), pages=0)
        seen_paths: set[str] = set()
        for art in run_extract(iter_pages(files, fmt, fields), jobs=jobs, params=params):
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
        if not counts:  # files that hold no page (an empty JSONL): no empty output, a usage error
            raise NoPagesRead()


def params_cmd() -> None:
    """Print every extractor parameter with its default and why, as TOML.

    \b
    Example: vinews params > my.toml ; edit ; vinews extract pages/ --params my.toml
    Any subset of the names may be given (an [extract] table or top-level names).
    """
    from ..params import DEFAULT

    typer.echo(DEFAULT.to_toml(), nl=False)


def _show_table(arts: list[Article], console: Console | None = None) -> None:
    from rich.table import Table

    console = console or Console()
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
