"""`vinews build`, `vinews stats` and `vinews export` (registered on the app in vinews/cli/__init__.py)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

import enum

from .common import (HTML_FIELD, ID_FIELD, TEXT_FIELD, TIME_FIELD, TITLE_FIELD, URL_FIELD, InputFormat, OutputFormat,
                     choice, err, usage_error)


class Engine(str, enum.Enum):
    local = "local"
    ray = "ray"


ENGINES = tuple(e.value for e in Engine)


def build(
    inputs: list[Path] = typer.Argument(..., help="Page files or folders (.txt, .html, .warc.gz, .wet.gz, .jsonl, .parquet)."),
    out: Path = typer.Option(..., "--out", "-o", help="Corpus folder to write (Parquet tables + vinews.duckdb)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="Where the stages run: local (a process pool) or ray (RAY_ADDRESS, or a local Ray)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes (local) or CPUs for a local Ray (0: one per CPU core)."),
    annotate: bool = typer.Option(True, "--annotate/--no-annotate", help="Keywords and entities (vinews.annotate)."),
    fmt: Optional[InputFormat] = typer.Option(None, "--format", "-f", help="Force an input format."),
    shard_size: int = typer.Option(2000, "--shard-size", min=1, help="Pages per shard (the unit of resume)."),
    keep_work: bool = typer.Option(False, "--keep-work", help="Keep CORPUS_DIR/_work after a finished build (what --update needs)."),
    update: bool = typer.Option(False, "--update", help="Add INPUTS to the corpus already in --out (built with --keep-work): "
                                "only the new pages are extracted and signed; the tables equal a full build of the old "
                                "input followed by INPUTS. Give the build's --params, --no-annotate and field flags."),
    params_file: Optional[Path] = typer.Option(None, "--params", help="TOML file overriding extractor parameters by name (see `vinews params`), and [boilerplate] / [dedup] tables the build's."),
    text_field: Optional[str] = TEXT_FIELD, html_field: Optional[str] = HTML_FIELD, id_field: Optional[str] = ID_FIELD,
    url_field: Optional[str] = URL_FIELD, time_field: Optional[str] = TIME_FIELD, title_field: Optional[str] = TITLE_FIELD,
) -> None:
    """Build a deduplicated corpus: extract every page, learn per-site boilerplate, find exact and
    near duplicates and republications, and write Parquet tables plus a DuckDB file.

    \b
    Example: vinews build crawl/ --out corpus/ --jobs 2 ; then cd corpus && duckdb vinews.duckdb
    A killed build resumes where it stopped when run again with the same arguments.

    \b
    Daily crawls: vinews build day1/ --out corpus/ --keep-work ; then vinews build day2/ --out corpus/ --update
    --update adds the pages of INPUTS to the corpus (docs/corpus.md, "Incremental update"); a killed
    update leaves the old corpus as it was and finishes when run again.
    """
    from ..corpus.build import NoPages, build_corpus, input_fingerprint
    from ..executors import get_executor
    from .common import check_output, fail, field_options, input_files, jobs_count, load_params, os_error
    from ..corpus.store import CorpusLocked
    from ..readers import iter_pages

    engine, fmt = choice(engine), choice(fmt)
    if engine not in ENGINES:
        raise usage_error(f"--engine: unknown {engine!r}; known: {', '.join(ENGINES)}")
    if any(str(p) == "-" for p in inputs):
        raise usage_error("build reads files (a build resumes from them): save standard input to a file first")
    params = load_params(params_file)
    boilerplate, dedup = _corpus_params(params_file)
    fields = field_options(text_field, html_field, id_field, url_field, time_field, title_field)
    skipped: list[tuple[Path, str]] = []
    files = input_files(inputs, fmt, "INPUTS", skipped)
    check_output(out, inputs, files, "--out", folder=True)
    if update:
        from ..corpus.update import UpdateError, check_updatable

        try:
            check_updatable(out)
        except UpdateError as exc:  # before any worker starts: nothing touched
            raise usage_error(str(exc))
    executor = get_executor(engine, jobs_count(jobs))
    try:
        if update:
            stats = _update(files, fmt, fields, out, executor, annotate, params, boilerplate, dedup)
        else:
            stats = build_corpus(iter_pages(files, fmt, fields), out, input_fingerprint(files), executor,
                                 annotate=annotate, shard_size=shard_size, keep_work=keep_work, files=files, fmt=fmt,
                                 params=params, fields=fields, boilerplate=boilerplate, dedup=dedup)
    except CorpusLocked as exc:  # another build writes this folder: fail at once, touch nothing
        raise fail(str(exc))
    except NoPages as exc:  # nothing readable: a usage error, as for a folder of unknown files
        raise usage_error(f"no input pages in {', '.join(map(str, inputs))}: {exc}")
    except OSError as exc:  # disk full &c.: one line; the next run cleans the temporaries and resumes
        raise fail(os_error(exc))
    finally:
        executor.close()
    st = stats["status"]
    err.print(f"pages: {stats['pages']}  kept: {st.get('kept', 0)}  duplicate: {st.get('duplicate', 0)}  "
              f"nonarticle: {st.get('nonarticle', 0)}  rejected: {st.get('rejected', 0)}  "
              f"clusters: {stats['clusters']}" + (f"  skipped: {len(skipped)}" if skipped else "") + f"  -> {out}")


def _update(files, fmt, fields, out, executor, annotate, params, boilerplate, dedup) -> dict:
    """`build --update`: corpus/update.py; a corpus it cannot extend is a usage error."""
    from .common import usage_error
    from ..corpus.build import input_fingerprint
    from ..corpus.update import UpdateError, update_corpus
    from ..readers import iter_pages

    try:
        return update_corpus(iter_pages(files, fmt, fields), out, input_fingerprint(files), executor, annotate=annotate,
                             files=files, fmt=fmt, params=params, fields=fields, boilerplate=boilerplate, dedup=dedup)
    except UpdateError as exc:
        raise usage_error(str(exc))


def _corpus_params(path: Optional[Path]):
    """(BoilerplateParams, DedupParams) from the --params file's tables; a bad one is a usage error."""
    from ..corpus import params as cp
    from ..params import ParamsError

    if path is None:
        return cp.DEFAULT_BOILERPLATE, cp.DEFAULT_DEDUP
    try:
        return cp.from_toml(path)
    except (OSError, ParamsError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--params") from None


STATS_SITES = 20  # sites listed in the `vinews stats` table (the report and --json have them all)


def stats(corpus: Path = typer.Argument(..., help="A folder written by `vinews build`."),
          as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object instead of tables.")) -> None:
    """Print corpus counts as tables and write CORPUS_DIR/report.html (pages per site, statuses,
    publish dates, cluster sizes, boilerplate removed)."""
    from ..corpus.schema import DUCKDB_FILE, STATUSES, TABLES
    from ..corpus.stats import corpus_stats, write_report
    from ..corpus.store import write_duckdb

    if not (corpus / "pages.parquet").exists():
        raise usage_error(f"{corpus} has no pages.parquet: not a corpus folder (run `vinews build` first)")
    write_duckdb(corpus, list(TABLES), DUCKDB_FILE)  # a corpus written before relative views: rewrite them
    s = corpus_stats(corpus)
    report = write_report(corpus, s)
    if as_json:
        typer.echo(json.dumps({k: s[k] for k in ("pages", "status", "articles", "clusters", "republications")},
                              ensure_ascii=False))
    else:
        _stats_tables(s, STATUSES)
    err.print(f"report: {report}")


def _stats_tables(s: dict, statuses) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    t = Table(title="Corpus")
    t.add_column("")
    t.add_column("count", justify="right")
    t.add_row("pages", str(s["pages"]))
    for st in statuses:
        t.add_row(f"  {st}", str(s["status"].get(st, 0)))
    for k in ("articles", "clusters", "republications", "entities"):
        t.add_row(k, str(s.get(k, 0)))
    months = sorted(s.get("published_months") or {})
    t.add_row("published", f"{months[0]} .. {months[-1]}" if months else "-")
    out.print(t)
    sites = Table(title=f"Sites (first {STATS_SITES} by pages)")
    for col in ("site", "pages", *statuses):
        sites.add_column(col, justify="left" if col == "site" else "right")
    for site, row in list(s["sites"].items())[:STATS_SITES]:
        sites.add_row(site or "-", str(row["pages"]), *(str(row.get(st, 0)) for st in statuses))
    out.print(sites)


def export(
    corpus: Path = typer.Argument(..., help="A folder written by `vinews build`."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write: .jsonl, .jsonl.gz or .parquet by the name; - or none: JSONL on standard output."),
    output_fmt: Optional[OutputFormat] = typer.Option(None, "--output-format", help="Force the output format."),
    canonical: bool = typer.Option(False, "--canonical", help="Only the original of each story (no republished copies)."),
    site: list[str] = typer.Option([], "--site", help="Only this site (repeatable), e.g. --site baoa.vn"),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after YYYY-MM-DD"),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before YYYY-MM-DD"),
) -> None:
    """Write a corpus's articles to one JSONL or Parquet file, optionally filtered.

    \b
    Example: vinews export corpus/ -o stories.parquet --canonical --from 2024-01-01
    The Parquet file has one flat schema: datasets.load_dataset("parquet", data_files="stories.parquet").
    """
    from .common import check_day, fail, os_error
    from ..corpus.export import export_articles
    from ..writers import OUTPUT_FORMATS, output_format

    output_fmt = choice(output_fmt)
    if not (corpus / "articles.parquet").exists():
        raise usage_error(f"{corpus} has no articles.parquet: not a corpus folder (run `vinews build` first)")
    lo, hi = check_day(date_from, "--from"), check_day(date_to, "--to")
    if output_fmt is not None and output_fmt not in OUTPUT_FORMATS:
        raise usage_error(f"--output-format: unknown {output_fmt!r}; known: {', '.join(OUTPUT_FORMATS)}")
    to_stdout = output is None or str(output) == "-"
    fmt = output_format(None if to_stdout else output, output_fmt)
    if to_stdout and fmt != "jsonl":
        raise usage_error(f"{fmt} cannot go to standard output: give a file name with -o")
    if not to_stdout and output.resolve().parent == corpus.resolve() and output.name in {
            f"{t}.parquet" for t in ("articles", "pages", "clusters", "republications", "site_boilerplate", "entities")}:
        raise usage_error(f"{output} is one of the corpus's own tables: write it somewhere else")
    if not to_stdout and output.is_dir():
        raise usage_error(f"{output} is a folder; give a file name such as {output / 'articles.jsonl'}")
    try:
        n = export_articles(corpus, None if to_stdout else output, fmt, canonical, site or None, lo, hi)
    except OSError as exc:
        raise fail(os_error(exc))
    err.print(f"exported {n} articles -> {'stdout' if to_stdout else output}")
