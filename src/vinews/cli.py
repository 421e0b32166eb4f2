"""The `vinews` command line."""
from __future__ import annotations

import contextlib
import enum
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
    # click's plain help: flags without a <bool> placeholder, choices listed as <a|b|c>
    rich_markup_mode=None,
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
    report_skipped(skips)
    if skipped is not None:
        skipped.extend(skips)
    if not files:  # a run that would read nothing is a usage error, not an empty result
        from .readers import known_suffixes

        why = f" ({len(skips)} skipped, above)" if skips else ""
        raise usage_error(f"no input pages found in {', '.join(map(str, paths))}{why}; "
                          f"known file types: {known_suffixes()} (or --format)")
    return files


def check_day(value: str | None, hint: str) -> str | None:
    """A --from/--to date: YYYY-MM-DD, or a usage error that says so."""
    import datetime

    if value is None:
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            return datetime.date.fromisoformat(v).isoformat()
    except ValueError:
        pass
    raise usage_error(f"{hint}: {value!r} is not a date: use YYYY-MM-DD (e.g. 2024-03-31)")


def usage_error(msg: str) -> "typer.Exit":
    """A usage error: one line on stderr, exit status 2 (raise the result)."""
    from rich.markup import escape

    err.print(f"[red]error:[/] {escape(msg)}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(2)


MAX_SKIP_LINES = 20  # skipped files listed one per line; past this, counted by reason only
STDIN_SNIFF_BYTES = 1 << 16  # what standard input's format is guessed from


def report_skipped(skips: list[tuple[Path, str]], max_lines: int = MAX_SKIP_LINES) -> None:
    """A warning line per skipped path (the first `max_lines`), then the count per reason."""
    from rich.markup import escape

    for path, why in skips[:max_lines]:
        err.print(f"[yellow]warning:[/] skipped {escape(str(path))}: {why}", markup=True, highlight=False,
                  soft_wrap=True)
    if len(skips) > max_lines:
        by = Counter(why.split(":")[0] for _, why in skips)
        err.print(f"[yellow]warning:[/] skipped {len(skips)} in all: "
                  + ", ".join(f"{n} {why}" for why, n in by.most_common()), markup=True, highlight=False,
                  soft_wrap=True)


def sniff_format(head: bytes) -> str:
    """The reader for bytes of unknown name (standard input): WARC/WET, JSON, HTML or text."""
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if h.startswith(b"WARC/"):
        return "wet" if b"WARC-Type: conversion" in h and b"WARC-Type: response" not in h else "warc"
    if h[:1] in (b"{", b"["):
        return "json"
    if h[:1] == b"<":
        return "html"
    return "text"


SPOOL_NAMES = {"text": "stdin.txt", "html": "stdin.html", "json": "stdin.json", "warc": "stdin.warc",
               "wet": "stdin.wet"}


def spool_stdin(folder: Path, fmt: str | None, stream=None) -> Path:
    """Standard input copied to a file in `folder` (gunzipped when it is gzip), named so its
    reader is found (--format, or guessed from its first bytes): the readers stream from
    files, and a page read from stdin gets the id "stdin"."""
    import gzip
    import shutil

    src = stream if stream is not None else sys.stdin.buffer
    tmp = folder / "stdin.raw"
    with open(tmp, "wb") as fh:
        shutil.copyfileobj(src, fh)
    with open(tmp, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    with opener(tmp, "rb") as fh:
        head = fh.read(STDIN_SNIFF_BYTES)
    kind = fmt or sniff_format(head)
    dest = folder / SPOOL_NAMES.get(kind, f"stdin.{kind}")
    if gz:
        with gzip.open(tmp, "rb") as fin, open(dest, "wb") as fout:
            shutil.copyfileobj(fin, fout)
        tmp.unlink()
    else:
        tmp.rename(dest)
    return dest


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


class InputFormat(str, enum.Enum):
    """--format: the readers (vinews.readers.READERS; a test checks they agree)."""

    text = "text"
    html = "html"
    warc = "warc"
    wet = "wet"
    jsonl = "jsonl"
    json = "json"
    parquet = "parquet"


class OutputFormat(str, enum.Enum):
    """--output-format: the writers (vinews.writers.OUTPUT_FORMATS)."""

    jsonl = "jsonl"
    jsonl_gz = "jsonl.gz"
    parquet = "parquet"


FORMATS_HELP = ", ".join(f.value for f in InputFormat)


def choice(value):
    """An enum option's value (None stays None)."""
    return value.value if isinstance(value, enum.Enum) else value


def field_options(text_field, html_field, id_field, url_field, time_field, title_field):
    """The FieldMap of --text-field & co. (None when none is given)."""
    from .readers.records import FieldMap

    fm = FieldMap(text=text_field, html=html_field, id=id_field, url=url_field, time=time_field, title=title_field)
    return fm if fm.as_dict() else None


TEXT_FIELD = typer.Option(None, "--text-field", help="Record field holding the page text (JSONL/JSON/Parquet; default: text, content, page_text).")
HTML_FIELD = typer.Option(None, "--html-field", help="Record field holding the page HTML (default: html, raw_html, content_html).")
ID_FIELD = typer.Option(None, "--id-field", help="Record field holding the page id (default: id).")
URL_FIELD = typer.Option(None, "--url-field", help="Record field holding the page URL (default: url).")
TIME_FIELD = typer.Option(None, "--time-field", help="Record field holding the crawler's publish time, a hint the page is checked against (default: published, time, date, ...).")
TITLE_FIELD = typer.Option(None, "--title-field", help="Record field holding the crawler's title, a hint (default: title, headline).")


def jobs_count(jobs: int) -> int:
    """--jobs: 0 means one per CPU core."""
    import os

    return jobs if jobs > 0 else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@app.command()
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

    from .writers import OUTPUT_FORMATS, open_writer

    fmt, output_fmt = choice(fmt), choice(output_fmt)
    if output_fmt is not None and output_fmt not in OUTPUT_FORMATS:
        raise usage_error(f"--output-format: unknown {output_fmt!r}; known: {', '.join(OUTPUT_FORMATS)}")
    params = load_params(params_file)
    fields = field_options(text_field, html_field, id_field, url_field, time_field, title_field)
    to_stdout = (output is None and not show) or str(output) == "-"
    if output is not None and str(output) == "-":
        output = None
    try:
        if output is None and not to_stdout:  # --show alone: the table is the output
            from .writers import JsonlWriter

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

    from .readers import detect_format

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
    from .readers import iter_pages

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


@app.command("params")
def params_cmd() -> None:
    """Print every extractor parameter with its default and why, as TOML.

    \b
    Example: vinews params > my.toml ; edit ; vinews extract pages/ --params my.toml
    Any subset of the names may be given (an [extract] table or top-level names).
    """
    from .params import DEFAULT

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


# Corpus build, search and serve add their commands to `app` from their own modules.
from . import cli_corpus, cli_search  # noqa: E402,F401

if __name__ == "__main__":
    app()
