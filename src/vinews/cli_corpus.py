"""`vinews build` and `vinews stats` (registered on the main app when this module is present)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .cli import app, err


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Page files or folders (.txt, .html, .warc.gz, .wet.gz, .jsonl, .parquet)."),
    out: Path = typer.Option(..., "--out", "-o", help="Corpus folder to write (Parquet tables + vinews.duckdb)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or ray (RAY_ADDRESS or a local Ray)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (local) or CPUs for a local Ray."),
    annotate: bool = typer.Option(True, "--annotate/--no-annotate", help="Keywords and entities (vinews.annotate)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="Force an input format."),
    shard_size: int = typer.Option(2000, "--shard-size", min=1, help="Pages per shard (the unit of resume)."),
    keep_work: bool = typer.Option(False, "--keep-work", help="Keep CORPUS_DIR/_work after a finished build."),
    params_file: Optional[Path] = typer.Option(None, "--params", help="TOML file overriding extractor parameters by name (see `vinews params`)."),
) -> None:
    """Build a deduplicated corpus: extract every page, learn per-site boilerplate, find exact and
    near duplicates and republications, and write Parquet tables plus a DuckDB file.

    Example: vinews build crawl/ --out corpus/ --jobs 2 ; then duckdb corpus/vinews.duckdb
    A killed build resumes where it stopped when run again with the same arguments.
    """
    from .corpus.build import build_corpus, input_fingerprint
    from .executors import get_executor
    from .cli import check_output, fail, input_files, load_params, os_error
    from .corpus.store import CorpusLocked
    from .readers import iter_pages

    if engine not in ("local", "ray"):
        raise typer.BadParameter("local or ray", param_hint="--engine")
    params = load_params(params_file)
    skipped: list[tuple[Path, str]] = []
    files = input_files(inputs, fmt, "INPUTS", skipped)
    check_output(out, inputs, files, "--out", folder=True)
    executor = get_executor(engine, jobs)
    try:
        stats = build_corpus(iter_pages(files, fmt), out, input_fingerprint(files), executor,
                             annotate=annotate, shard_size=shard_size, keep_work=keep_work, files=files, fmt=fmt,
                             params=params)
    except CorpusLocked as exc:  # another build writes this folder: fail at once, touch nothing
        raise fail(str(exc))
    except OSError as exc:  # disk full &c.: one line; the next run cleans the temporaries and resumes
        raise fail(os_error(exc))
    finally:
        executor.close()
    st = stats["status"]
    err.print(f"pages: {stats['pages']}  kept: {st.get('kept', 0)}  duplicate: {st.get('duplicate', 0)}  "
              f"nonarticle: {st.get('nonarticle', 0)}  rejected: {st.get('rejected', 0)}  "
              f"clusters: {stats['clusters']}" + (f"  skipped: {len(skipped)}" if skipped else "") + f"  -> {out}")


@app.command()
def stats(corpus: Path = typer.Argument(..., help="A folder written by `vinews build`.")) -> None:
    """Print corpus counts and write CORPUS_DIR/report.html (pages per site, statuses, publish
    dates, cluster sizes, boilerplate removed)."""
    from .corpus.schema import DUCKDB_FILE, TABLES
    from .corpus.stats import corpus_stats, write_report
    from .corpus.store import write_duckdb

    if not (corpus / "pages.parquet").exists():
        raise typer.BadParameter(f"{corpus} has no pages.parquet: not a corpus folder", param_hint="CORPUS")
    write_duckdb(corpus, list(TABLES), DUCKDB_FILE)  # re-point the views if the folder moved
    s = corpus_stats(corpus)
    report = write_report(corpus, s)
    typer.echo(json.dumps({k: s[k] for k in ("pages", "status", "articles", "clusters", "republications")},
                          ensure_ascii=False))
    err.print(f"report: {report}")
