"""bench/stream.py, the realistic page stream of the speed benchmarks: deterministic, distinct,
the mix it promises, page lengths like the benchmark's, a samples fallback, readable JSONL."""
from __future__ import annotations

import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import stream  # noqa: E402

NOWHERE = ROOT / "no-such-corpora"  # forces the bundled samples, whatever ../shared holds


@pytest.fixture(scope="module")
def recs():
    return list(stream.Stream(seed=3, corpora=NOWHERE, quiet=True).records(4000))


def test_same_seed_same_pages_and_prefix_stable():
    a = list(stream.Stream(seed=5, corpora=NOWHERE, quiet=True).records(300))
    s = stream.Stream(seed=5, corpora=NOWHERE, quiet=True)
    assert list(s.records(300)) == a
    assert list(s.records(120)) == a[:120]  # a second pass over the same Stream starts afresh
    other = list(stream.Stream(seed=6, corpora=NOWHERE, quiet=True).records(300))
    assert [r["text"] for r in other] != [r["text"] for r in a]


def test_distinct_pages_and_ids(recs):
    assert len({r["id"] for r in recs}) == len(recs)
    fresh = [r["text"] for r in recs if r["gen"]["kind"] != "recrawl"]
    assert len(set(fresh)) == len(fresh)


def test_mix_shares(recs):
    kinds = Counter(r["gen"]["kind"] for r in recs)
    for kind in ("nonarticle", "recrawl", "edited"):
        assert abs(kinds[kind] / len(recs) - 0.05) < 0.015, kinds
    assert abs(kinds["article"] / len(recs) - 0.85) < 0.03, kinds


def test_recrawls_and_edited_copies(recs):
    by_id = {r["id"]: r for r in recs}
    re_ = [r for r in recs if r["gen"]["kind"] == "recrawl"]
    ed = [r for r in recs if r["gen"]["kind"] == "edited"]
    assert re_ and ed
    for r in re_:
        o = by_id[r["gen"]["of"]]
        assert (r["text"], r["url"]) == (o["text"], o["url"]) and r["fetched"] > o["fetched"]
    for r in ed:
        o = by_id[r["gen"]["of"]]
        assert r["site"] != o["site"] and r["text"] != o["text"]
        credit = r["gen"]["credit"]
        assert credit in r["text"].split("\n") and ("Theo " in credit or "Nguồn: " in credit or "/" in credit)


def test_page_lengths_like_the_benchmark(recs):
    # the benchmark pages: non-blank lines mean 173, median 152, p10 56, p90 346
    n = sorted(sum(1 for ln in r["text"].split("\n") if ln.strip()) for r in recs)
    assert 120 <= statistics.mean(n) <= 230
    assert 30 <= n[len(n) // 10] <= 90 and 220 <= n[9 * len(n) // 10] <= 450
    assert all("\n\n" in r["text"] for r in recs)  # blocks separated by a blank line


def test_samples_fallback_says_so(capsys):
    s = stream.Stream(seed=1, corpora=NOWHERE)
    assert "samples" in capsys.readouterr().err and "samples" in s.origin
    assert s.sources and all(src.title and src.sents for src in s.sources)


def test_jsonl_cli_is_what_the_readers_read(tmp_path):
    from vinews.readers.records import read_jsonl

    out = tmp_path / "s.jsonl.gz"
    subprocess.run([sys.executable, str(ROOT / "bench" / "stream.py"), "--pages", "50", "-o", str(out),
                    "--corpora", str(NOWHERE)], check=True, capture_output=True)
    pages = list(read_jsonl(out))
    want = list(stream.Stream(seed=1, corpora=NOWHERE, quiet=True).records(50))
    assert [p.id for p in pages] == [r["id"] for r in want]
    assert all(p.reject_reason is None and p.text and p.url and p.site for p in pages)


def test_pages_are_vinews_pages():
    from vinews.model import Page

    pages = list(stream.Stream(seed=1, corpora=NOWHERE, quiet=True).pages(5))
    assert all(isinstance(p, Page) and p.text for p in pages)


@pytest.mark.skipif(not stream.CORPORA.is_dir(), reason="../shared/corpora absent")
def test_shared_corpora_read():
    sources, origin = stream.load_sources(quiet=True)
    assert len(sources) >= 300, origin
    assert not any("_" in s.title for s in sources)  # VietNews detokenised
    assert statistics.median(len(s.sents) for s in sources) >= 8


def test_extract_speed_runs_on_the_stream():
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "extract_speed.py"), "--pages", "20", "--runs", "1",
                          "--corpora", str(NOWHERE)], check=True, capture_output=True, text=True)
    assert "stream: pages per process" in res.stdout and "memo hit rate" in res.stdout
