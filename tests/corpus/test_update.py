"""`vinews build NEW --out CORPUS --update` equals the full build of the old input followed by the
new: the same tables, byte for byte (docs/corpus.md, "Incremental update", says what else may
differ: stats.json's timings, fingerprints and update record). On the planted dedup set split
by publish time and at random, on pages whose site boilerplate crosses a threshold either way,
with repeated page ids; a killed update resumed gives the same tables; a bad use is refused
with the corpus untouched."""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus import update as upd
from vinews.corpus.schema import TABLES

from .fixtures import SITES, article, render, small_corpus, write_jsonl

runner = CliRunner()
BENCH = Path(__file__).resolve().parents[2] / "bench"
VOLATILE = {"timings_s", "stage_started", "fingerprints", "update"}  # stats.json keys that may differ


def build(out: Path, *files: Path, update: bool = False, annotate: bool = False, shard_size: int = 4,
          extra: tuple = ()) -> None:
    args = ["build", *map(str, files), "--out", str(out), "--shard-size", str(shard_size), "--keep-work", *extra]
    args += [] if annotate else ["--no-annotate"]
    res = runner.invoke(app, args + (["--update"] if update else []))
    assert res.exit_code == 0, res.output


def assert_same_corpus(a: Path, b: Path) -> None:
    for name in TABLES:
        assert (a / f"{name}.parquet").read_bytes() == (b / f"{name}.parquet").read_bytes(), name
    sa, sb = (json.loads((d / "stats.json").read_text()) for d in (a, b))
    assert {k: v for k, v in sa.items() if k not in VOLATILE} == {k: v for k, v in sb.items() if k not in VOLATILE}


def full_and_updated(tmp_path: Path, old: list[dict], new: list[dict], **kw) -> tuple[Path, Path, dict]:
    A, B = write_jsonl(old, tmp_path / "in" / "a.jsonl"), write_jsonl(new, tmp_path / "in" / "b.jsonl")
    full, inc = tmp_path / "full", tmp_path / "inc"
    build(full, A, B, **kw)
    build(inc, A, **kw)
    build(inc, B, update=True, **kw)
    assert not (inc / "_work" / "update").exists()
    # the verified edges of every key partition: the full build's, some reused, the rest verified
    parts = sorted(p.name for p in (full / "_work" / "pairs").iterdir())
    assert parts == sorted(p.name for p in (inc / "_work" / "pairs").iterdir())
    for name in parts:
        a, b = (sorted(tuple(r.values()) for r in pq.read_table(d / "_work" / "pairs" / name).to_pylist())
                for d in (full, inc))
        assert a == b, name
    return full, inc, json.loads((inc / "stats.json").read_text())


# ---- the planted set ----------------------------------------------------------------------

def planted_pages() -> list[dict]:
    sys.path.insert(0, str(BENCH))
    try:
        import planted
    finally:
        sys.path.remove(str(BENCH))
    if not planted.CORPORA.exists():
        pytest.skip("the planted set reads ../shared/corpora, absent here")
    return planted.make_corpus()[0]


_WHEN = re.compile(r"(\d\d)/(\d\d)/(\d{4}) (\d\d):(\d\d) GMT\+7")


def published(page: dict) -> str:
    m = _WHEN.search(page["text"])
    return f"{m[3]}-{m[2]}-{m[1]} {m[4]}:{m[5]}" if m else "9999"  # undated: the later crawl


@pytest.mark.parametrize("split", ["time", "random"])
def test_planted_set_update_equals_full_build(tmp_path, split):
    pages = planted_pages()
    if split == "time":  # the day's crawl: mostly copies of stories the corpus has
        pages = sorted(pages, key=published)
        old, new = pages[: len(pages) // 2], pages[len(pages) // 2:]
    else:  # originals arrive after their copies: new pages become the original of old clusters
        rng = random.Random(11)
        picked = set(rng.sample(range(len(pages)), len(pages) // 2))
        old = [p for i, p in enumerate(pages) if i in picked]
        new = [p for i, p in enumerate(pages) if i not in picked]
    new += [dict(p) for p in old[:5]]  # a re-crawl: the same ids again (renamed id~2 in both builds)
    full, inc, stats = full_and_updated(tmp_path, old, new, shard_size=50)
    assert_same_corpus(full, inc)
    assert stats["update"]["pages_added"] == len(new)
    if split == "time":  # a byline of the real texts crosses min_share on two sites with the new pages
        assert stats["update"]["changed_boilerplate_lines"] > 0
    assert stats["update"]["edges_reused"] > 0  # the old edges' verdicts were reused, not all verified again
    assert stats["update"]["clusters_reused"] > 0  # and the decisions of the clusters no new page joined
    # old shards' pages copied as bytes, not re-encoded: whole, or with their statuses encoded anew
    # (at random, half the originals arrive new: every full old shard of 50 has a status change)
    copied, patched = stats["update"]["row_groups_copied"], stats["update"]["row_groups_patched"]
    assert (copied["pages"] > 0) == (split == "time")
    if split == "random":
        assert patched["pages"] > 0 and patched["articles"] > 0
    pages_t = pq.read_table(inc / "pages.parquet", columns=["id", "status"]).to_pylist()
    assert sum(p["id"].endswith("~2") for p in pages_t) == 5
    reps = pq.read_table(inc / "republications.parquet", columns=["copy_id", "original_id"]).to_pylist()
    old_ids = {p["id"] for p in old}
    if split == "random":  # the hard case is really there: new originals of old copies
        assert any(r["original_id"] not in old_ids and r["copy_id"] in old_ids for r in reps)


# ---- site boilerplate crossing its thresholds ---------------------------------------------

LINE_IN = "Mùa lúa mới trên cánh đồng làng ven sông năm nay cho nhiều hạt chắc."  # becomes boilerplate
LINE_OUT = "Chợ phiên cuối tuần ở huyện miền núi đông vui hơn mọi năm trước đây."  # stops being boilerplate


def page(rng: random.Random, i: int, site: str, in_body: str | None = None, after: str | None = None) -> dict:
    a = article(rng)
    if in_body:
        a = dict(a, body=a["body"][:3] + [in_body] + a["body"][3:])
    text = render(site, a, f"{1 + i % 27:02d}/03/2024 08:{i % 60:02d}") + (f"\n{after}\n" if after else "")
    return {"id": f"b{i:03d}", "url": f"https://{site}/b-{i}.html", "site": site, "text": text}


def crossing_pages() -> tuple[list[dict], list[dict]]:
    """Old and new pages with which LINE_IN becomes boilerplate and LINE_OUT stops being it."""
    rng = random.Random(5)
    alpha, beta = sorted(SITES)
    old = [page(rng, i, alpha) for i in range(8)] + [page(rng, 8 + i, beta) for i in range(10)]
    # LINE_IN: on 2 alpha pages (body of one): under min_pages = 3, so kept in that body ...
    old[1] = page(rng, 1, alpha, in_body=LINE_IN)
    old[2] = page(rng, 2, alpha, after=LINE_IN)
    # LINE_OUT: on 3 of 10 beta pages (body of one): boilerplate, stripped from that body ...
    old[9] = page(rng, 9, beta, in_body=LINE_OUT)
    old[10], old[11] = page(rng, 10, beta, after=LINE_OUT), page(rng, 11, beta, after=LINE_OUT)
    # ... until the new pages: a third alpha page with LINE_IN, and 55 beta pages without
    # LINE_OUT (3 of 65 pages is under min_share = 5%).
    new = [page(rng, 100, alpha, after=LINE_IN)] + [page(rng, 101 + i, beta) for i in range(55)]
    return old, new


@pytest.mark.parametrize("row_group", [None, 1])
def test_boilerplate_threshold_crossed_both_ways_re_signs_only_the_pages_it_touches(tmp_path, monkeypatch, row_group):
    if row_group:  # an article a row group: the re-signed shards' other rows are copied, not encoded
        monkeypatch.setattr("vinews.corpus.finalize.ARTICLE_ROW_GROUP", row_group)
        monkeypatch.setattr("vinews.corpus.dedup.SIGN_ROW_GROUP", row_group)  # the workers are forked: they see it
    old, new = crossing_pages()
    full, inc, stats = full_and_updated(tmp_path, old, new)
    assert_same_corpus(full, inc)
    assert stats["update"]["articles_resigned"] == 2  # b001 and b009, and no other old page
    if row_group:  # encoded: the articles of the shards extracted again (the old last one, seqs 16-17, and
        # the new ones) and the two whose text changed; not the rest of their shards (b000-b003, b008-b011)
        seqs = pq.read_table(inc / "articles.parquet", columns=["seq"]).column("seq").to_pylist()
        assert stats["update"]["row_groups_encoded"]["articles"] == sum(q >= 16 for q in seqs) + 2
        # the re-signed shards' sign files, stitched from the old ones, hold the full build's rows
        for shard in ("s000000", "s000002"):
            a, b = (pq.ParquetFile(d / "_work" / "sign" / shard / "articles.parquet") for d in (full, inc))
            assert b.metadata.num_row_groups == b.metadata.num_rows == 4
            assert a.read().equals(b.read())
    arts = {r["id"]: r["text"] for r in pq.read_table(inc / "articles.parquet", columns=["id", "text"]).to_pylist()}
    assert LINE_IN not in arts["b001"] and LINE_OUT in arts["b009"]
    learned = {r["line"] for r in pq.read_table(inc / "site_boilerplate.parquet", columns=["line"]).to_pylist()}
    assert LINE_IN in learned and LINE_OUT not in learned
    # the build counts text characters per site as it writes; `vinews stats` sums them in DuckDB
    from vinews.corpus.stats import corpus_stats
    for d in (full, inc):
        built = json.loads((d / "stats.json").read_text())["boilerplate_removed"]
        assert any(v["share_of_text"] > 0 for v in built.values())
        assert built == corpus_stats(d)["boilerplate_removed"]


def test_resign_of_a_base_written_in_other_row_groups_encodes_its_shards_again(tmp_path, monkeypatch):
    """resign_shard's fallback: a base whose sign files were cut in other row groups than the
    running code cuts (the fingerprint hashes SIGN_ROW_GROUP's module, not its value, so only a
    patched value gets here) has its re-signed shards read whole and encoded again, with the
    full build's rows."""
    old, new = crossing_pages()
    old[1], old[3] = old[3], old[1]  # b001, re-signed, last in its shard: in the update's second row group
    A, B = write_jsonl(old, tmp_path / "in" / "a.jsonl"), write_jsonl(new, tmp_path / "in" / "b.jsonl")
    full, inc = tmp_path / "full", tmp_path / "inc"
    monkeypatch.setattr("vinews.corpus.dedup.SIGN_ROW_GROUP", 1)  # the base: an article a group
    build(inc, A)
    monkeypatch.setattr("vinews.corpus.dedup.SIGN_ROW_GROUP", 3)  # the update and the full build: 3
    build(full, A, B)
    build(inc, B, update=True)
    assert_same_corpus(full, inc)
    stats = json.loads((inc / "stats.json").read_text())
    assert stats["update"]["articles_resigned"] == 2
    for shard in ("s000000", "s000002"):  # the re-signed shards: cut as the update cuts, the full build's rows
        a, b = (pq.ParquetFile(d / "_work" / "sign" / shard / "articles.parquet") for d in (full, inc))
        assert [b.metadata.row_group(g).num_rows for g in range(b.metadata.num_row_groups)] == [3, 1]
        assert a.read().equals(b.read())
    # an old shard no changed line touches keeps the base's file as it was cut
    kept = pq.ParquetFile(inc / "_work" / "sign" / "s000001" / "articles.parquet").metadata
    assert kept.num_row_groups == kept.num_rows


def test_new_page_merges_two_old_clusters_and_becomes_their_original(tmp_path):
    """Two old copies of one story that are too different to pair, joined through a new page
    (the fuller original, published first)."""
    rng = random.Random(8)
    alpha, beta = sorted(SITES)
    filler = [page(rng, i, alpha if i % 2 else beta) for i in range(10)]
    story = article(rng, paras=8)
    first = dict(story, body=story["body"][:4])
    second = dict(story, body=story["body"][4:])
    old = filler + [
        {"id": "half-1", "url": f"https://{beta}/h1.html", "site": beta,
         "text": render(beta, first, "05/03/2024 09:00", extra=[f"Theo {SITES[alpha][0][0]}"])},
        {"id": "half-2", "url": f"https://{beta}/h2.html", "site": beta,
         "text": render(beta, second, "06/03/2024 09:00")}]
    new = [{"id": "whole", "url": f"https://{alpha}/whole.html", "site": alpha,
            "text": render(alpha, story, "04/03/2024 07:00")}]
    full, inc, _ = full_and_updated(tmp_path, old, new, annotate=True)
    assert_same_corpus(full, inc)
    alone = tmp_path / "old-only"
    build(alone, tmp_path / "in" / "a.jsonl", annotate=True)
    before = pq.read_table(alone / "clusters.parquet").to_pylist()
    assert not [c for c in before if {"half-1", "half-2"} <= set(c["member_ids"])]  # apart before the new page
    clusters = pq.read_table(inc / "clusters.parquet").to_pylist()
    whole = [c for c in clusters if "whole" in c["member_ids"]]
    assert whole and whole[0]["canonical_id"] == "whole" and {"half-1", "half-2"} <= set(whole[0]["member_ids"])


def test_two_updates_in_a_row_and_a_full_last_shard(tmp_path):
    recs = small_corpus(n=30, seed=3)
    a, b, c = recs[:8], recs[8:19], recs[19:]  # 8 pages: the last shard of 4 is full
    A, B, C = (write_jsonl(x, tmp_path / "in" / f"{n}.jsonl") for n, x in (("a", a), ("b", b), ("c", c)))
    full, inc = tmp_path / "full", tmp_path / "inc"
    build(full, A, B, C, annotate=True)
    build(inc, A, annotate=True)
    build(inc, B, update=True, annotate=True)
    build(inc, C, update=True, annotate=True)
    assert_same_corpus(full, inc)


@pytest.mark.parametrize("n_old, n_new", [(13, 20), (13, 6)])
def test_update_extracting_its_last_shards_in_pieces_equals_full_build(tmp_path, n_old, n_new):
    # --jobs 2: the last two shards of the new pages are extracted in pieces and merged. 13 + 20
    # pages in shards of 8: the corpus's last shard takes 3, then 8, 8 (in pieces) and 1; 13 + 6:
    # the 3 that fill the last shard and 3 more, both cut in pieces
    recs = small_corpus(n=n_old + n_new, seed=8)
    full, inc, _ = full_and_updated(tmp_path, recs[:n_old], recs[n_old:], shard_size=8, extra=("--jobs", "2"))
    assert_same_corpus(full, inc)


def test_search_index_is_updated(tmp_path):
    from vinews.search import build_index
    from vinews.search.freshness import index_is_stale

    recs = small_corpus(n=20, seed=2)
    A, B = write_jsonl(recs[:12], tmp_path / "a.jsonl"), write_jsonl(recs[12:], tmp_path / "b.jsonl")
    inc = tmp_path / "inc"
    build(inc, A)
    first = build_index(inc)["documents"]
    build(inc, B, update=True)
    assert not index_is_stale(inc)
    stamp = json.loads((inc / "index" / "vinews_index.json").read_text())
    assert stamp["documents"] == pq.read_metadata(inc / "articles.parquet").num_rows > first


# ---- kills and bad uses -------------------------------------------------------------------

VINEWS = [sys.executable, "-c", "from vinews.cli import app; app()"]


def test_killed_update_leaves_the_old_corpus_then_resumes_to_the_same_tables(tmp_path):
    recs = small_corpus(n=30, seed=3)
    A, B = write_jsonl(recs[:13], tmp_path / "a.jsonl"), write_jsonl(recs[13:], tmp_path / "b.jsonl")
    full, inc = tmp_path / "full", tmp_path / "inc"
    build(full, A, B, shard_size=2)
    build(inc, A, shard_size=2)
    before = {n: (inc / f"{n}.parquet").read_bytes() for n in TABLES}
    cmd = VINEWS + ["build", str(B), "--out", str(inc), "--no-annotate", "--shard-size", "2", "--update"]
    for marker in ("extract/s000009", "sign/s000010", "decide/q03", "update/next/clusters.parquet"):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not (inc / "_work" / marker).exists() and proc.poll() is None and time.time() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert {n: (inc / f"{n}.parquet").read_bytes() for n in TABLES} == before, marker  # old corpus intact
    assert (inc / "_work" / "update" / "pending.json").exists()  # it really was interrupted
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    assert_same_corpus(full, inc)


def test_update_killed_among_its_pieces_resumes_to_the_same_tables(tmp_path):
    # --jobs 2: the last two new shards are extracted in pieces; killed once the first piece is
    # there, the rerun keeps the pieces made and extracts the rest
    recs = small_corpus(n=30, seed=3)
    A, B = write_jsonl(recs[:13], tmp_path / "a.jsonl"), write_jsonl(recs[13:], tmp_path / "b.jsonl")
    full, inc = tmp_path / "full", tmp_path / "inc"
    build(full, A, B)
    build(inc, A)
    cmd = VINEWS + ["build", str(B), "--out", str(inc), "--no-annotate", "--shard-size", "4", "--update", "--jobs", "2"]
    # its own process group, killed whole: the workers too (a worker outliving the killed
    # driver holds the corpus lock until it finds the driver gone)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    pieces = inc / "_work" / "update" / "pieces"
    deadline = time.time() + 60
    while not (pieces.is_dir() and any(pieces.iterdir())) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (inc / "_work" / "update" / "pending.json").exists()  # it really was interrupted
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    assert_same_corpus(full, inc)


def test_kill_inside_the_commit_is_finished_by_the_next_run(tmp_path, monkeypatch):
    recs = small_corpus(n=14, seed=4)
    A, B = write_jsonl(recs[:9], tmp_path / "a.jsonl"), write_jsonl(recs[9:], tmp_path / "b.jsonl")
    full, inc = tmp_path / "full", tmp_path / "inc"
    build(full, A, B)
    build(inc, A)
    real, moves = os.replace, []

    def dying_replace(src, dst):
        if Path(dst).parent == inc:
            moves.append(dst)
            if len(moves) == 3:
                raise KeyboardInterrupt  # as a kill: two tables moved in, the rest not
        return real(src, dst)

    monkeypatch.setattr(upd.os, "replace", dying_replace)
    res = runner.invoke(app, ["build", str(B), "--out", str(inc), "--no-annotate", "--shard-size", "4", "--update"])
    assert res.exit_code != 0 and (inc / "_work" / "update" / "commit.json").exists()
    monkeypatch.setattr(upd.os, "replace", real)
    assert upd.finish_commit(inc)  # what the next update or build of the folder does first
    assert_same_corpus(full, inc)


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file() and p.name != ".vinews.lock"}


def test_bad_uses_are_refused_with_the_corpus_untouched(tmp_path):
    recs = small_corpus(n=10, seed=6)
    A, B = write_jsonl(recs[:6], tmp_path / "a.jsonl"), write_jsonl(recs[6:], tmp_path / "b.jsonl")

    def update(out: Path, *extra: str):
        return runner.invoke(app, ["build", str(B), "--out", str(out), "--no-annotate", "--update", *extra])

    res = update(tmp_path / "nothing")  # no such corpus
    assert res.exit_code == 2 and "holds no corpus" in res.output and not (tmp_path / "nothing").exists()

    bare = tmp_path / "bare"  # built without --keep-work
    assert runner.invoke(app, ["build", str(A), "--out", str(bare), "--no-annotate"]).exit_code == 0
    snap = snapshot(bare)
    res = update(bare)
    assert res.exit_code == 2 and "--keep-work" in res.output and "Traceback" not in res.output
    assert snapshot(bare) == snap

    kept = tmp_path / "kept"
    build(kept, A, shard_size=2000)
    snap = snapshot(kept)
    params = tmp_path / "p.toml"
    params.write_text("min_article_words = 100000\n")
    res = update(kept, "--params", str(params))  # other parameters: would mix two builds
    assert res.exit_code == 2 and "min_article_words" in res.output and "rebuild" in res.output
    res = runner.invoke(app, ["build", str(B), "--out", str(kept), "--update"])  # annotated now, not then
    assert res.exit_code == 2 and "annotate" in res.output
    assert snapshot(kept) == snap

    # an unfinished update with other input: refused until it is finished
    upd._paths(kept)["up"].mkdir(parents=True)
    upd._paths(kept)["pending"].write_text(json.dumps({"base": json.loads((kept / "_work" / "stages.json").read_text())["stages"],
                                                       "input": {"files": 1, "bytes": 1, "sha256": "x"},
                                                       "paths": ["other.jsonl"], "old_pages": 6, "old_shards": 1}))
    res = update(kept)
    assert res.exit_code == 2 and "other.jsonl" in res.output and "unfinished" in res.output


def test_changed_code_is_refused_and_a_rebuild_voids_an_unfinished_update(tmp_path, monkeypatch):
    from vinews.corpus import fingerprint

    recs = small_corpus(n=10, seed=7)
    A, B = write_jsonl(recs[:6], tmp_path / "a.jsonl"), write_jsonl(recs[6:], tmp_path / "b.jsonl")
    out = tmp_path / "out"
    build(out, A)
    snap = snapshot(out)
    real = fingerprint.module_source
    monkeypatch.setattr(fingerprint, "module_source",
                        lambda name: real(name) + (b"\n# edited" if name == "vinews.corpus.dedup" else b""))
    res = runner.invoke(app, ["build", str(B), "--out", str(out), "--no-annotate", "--shard-size", "4", "--update"])
    assert res.exit_code == 2 and "code" in res.output and snapshot(out) == snap
    monkeypatch.setattr(fingerprint, "module_source", real)
    # an update killed before its commit, then the folder rebuilt from scratch: the update is void
    upd._paths(out)["up"].mkdir(parents=True)
    upd._paths(out)["pending"].write_text(json.dumps({"base": {"extract": {}}, "input": {"files": 9},
                                                      "paths": ["gone.jsonl"], "old_pages": 1, "old_shards": 1}))
    assert upd.pending_state(out)[0] == "stale"
    build(out, B, update=True)
    full = tmp_path / "full"
    build(full, A, B)
    assert_same_corpus(full, out)
