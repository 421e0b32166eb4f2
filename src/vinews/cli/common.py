"""What the `vinews` commands share: input and output checks, usage errors, the record-field
options and the format choices (vinews.cli builds the app from the command modules)."""
from __future__ import annotations

import enum
import errno
import sys
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console

err = Console(stderr=True)


def load_params(path: Path | None, hint: str = "--params"):
    """ExtractParams from a TOML file (None: the defaults); a bad file is a usage error."""
    from ..params import DEFAULT, ExtractParams, ParamsError

    if path is None:
        return DEFAULT
    try:
        params = ExtractParams.from_toml(path)
    except FileNotFoundError:
        raise typer.BadParameter(f"no such file: {path}", param_hint=hint) from None
    except (OSError, ParamsError) as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None
    if params.use_fitted_title or params.use_fitted_caption or params.use_fitted_kind:
        from ..fitted import load_models

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
    from ..readers import READERS, expand

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
        from ..readers import known_suffixes

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


def choice(value):
    """An enum option's value (None stays None)."""
    return value.value if isinstance(value, enum.Enum) else value


def field_options(text_field, html_field, id_field, url_field, time_field, title_field):
    """The FieldMap of --text-field & co. (None when none is given)."""
    from ..readers.records import FieldMap

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
