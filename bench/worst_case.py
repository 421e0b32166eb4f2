"""Hostile page shapes through vinews.pipeline.extract_page: does time grow linearly with size?

    .venv/bin/python bench/worst_case.py [--timeout 60] [--shapes dateline,deep-sidebar,...]

For each shape, pages of 10k, 100k and 1M characters (or nodes, for the deep-DOM shapes) are
extracted, each in its own subprocess with a time limit (a quadratic case cannot hang the run: it
is reported as "timeout"). A shape passes when the time per unit at its largest size is within 2x
of that at its smallest (the smallest time floored at FLOOR_S, so start-up noise on a tiny page
does not count) and no page ran over 10 s. Exit status 1 when any shape fails.

The "deadline" check runs the largest page of a slow shape through the CLI's per-page wrapper
with page_deadline_s cut to DEADLINE_S: it passes when that page comes out rejected with the
deadline reason soon after the deadline (cut and reported, not hanging).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

LINEAR_FACTOR = 2.0
FLOOR_S = 0.02  # the smallest page's time is taken as at least this
SLOW_S = 10.0
DEADLINE_S = 0.2  # the deadline check: a page that takes ~1 s, cut at this
DEADLINE_SHAPE = ("dateline", 1_000_000)
_WORDS = ("Người dân ở khu phố cho biết con đường mới giúp việc đi lại thuận tiện hơn rất nhiều so với "
          "trước đây, nhất là vào giờ cao điểm buổi sáng và buổi chiều khi học sinh đến trường. ")
_ARTICLE = ("<h1>Đường mới thông xe trước Tết</h1><p class='date'>Thứ năm, 1/2/2024 08:30</p>"
            + "".join(f"<p>{_WORDS * 2}Đoạn {i}.</p>" for i in range(5)))


def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _nested(open_tag: str, close_tag: str, depth: int) -> str:
    return f"<html><body>{open_tag * depth}{_ARTICLE}{close_tag * depth}</body></html>"


def _jsonld(n: int) -> str:
    body = _fill(_WORDS, n)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Đường mới thông xe",
                     "datePublished": "2024-02-01T08:30:00+07:00", "articleBody": body,
                     "keywords": [f"từ khóa {i}" for i in range(n // 200)]}, ensure_ascii=False)
    return f"<html><head><script type='application/ld+json'>{ld}</script></head><body>{_ARTICLE}</body></html>"


# name -> (unit, sizes, page builder: size -> dict of Page fields)
SHAPES = {
    "dateline": ("chars", (10_000, 100_000, 1_000_000),
                 lambda n: {"text": "Đường mới thông xe trước Tết\n\n" + _fill("12/03/2024 09:15 ", n) + "\n\n" + _WORDS * 3}),
    "single-line": ("chars", (10_000, 100_000, 1_000_000), lambda n: {"text": _fill(_WORDS, n)}),
    "deep-sidebar": ("nodes", (10_000, 100_000),
                     lambda n: {"html": _nested('<div class="sidebar">', "</div>", n)}),
    "deep-div": ("nodes", (10_000, 100_000), lambda n: {"html": _nested("<div>", "</div>", n)}),
    "huge-jsonld": ("chars", (10_000, 100_000, 1_000_000), lambda n: {"html": _jsonld(n)}),
    "deep-jsonld": ("chars", (10_000, 100_000, 1_000_000),  # arrays nested n/2 deep
                    lambda n: {"html": "<html><head><script type='application/ld+json'>" + "[" * (n // 2)
                               + "]" * (n // 2) + f"</script></head><body>{_ARTICLE}</body></html>"}),
}


def _one(shape: str, size: int) -> None:
    """Child: build the page, extract it once, print the seconds it took."""
    from vinews.model import Page
    from vinews.pipeline import extract_page

    extract_page(Page(id="warm", html=f"<html><body>{_ARTICLE}</body></html>"))  # imports, lazy tables
    extract_page(Page(id="warm", text=_WORDS * 5))
    page = Page(id=f"{shape}-{size}", **SHAPES[shape][2](size))
    t = time.perf_counter()
    art = extract_page(page)
    print(json.dumps({"seconds": time.perf_counter() - t, "kind": art.kind, "reason": art.reason}))


def _cut(shape: str, size: int) -> None:
    """Child: the page through the CLI's per-page wrapper under a DEADLINE_S deadline."""
    from vinews.cli.extract import _extract_one
    from vinews.model import Page
    from vinews.params import ExtractParams

    _extract_one(Page(id="warm", text=_WORDS * 5))
    page = Page(id=f"{shape}-{size}", **SHAPES[shape][2](size))
    t = time.perf_counter()
    art = _extract_one(page, ExtractParams(page_deadline_s=DEADLINE_S))
    print(json.dumps({"seconds": time.perf_counter() - t, "kind": art.kind, "reason": art.reason}))


def _run(shape: str, size: int, timeout: float, mode: str = "--one") -> dict:
    try:
        out = subprocess.run([sys.executable, __file__, mode, shape, str(size)], capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "status": "timeout"}
    if out.returncode != 0:
        tail = (out.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": None, "status": f"crashed (rc {out.returncode}): {tail[:120]}"}
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "status": "ok"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page before it counts as a timeout")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, from: " + ", ".join(SHAPES))
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--cut", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--no-deadline", action="store_true", help="skip the deadline check")
    args = ap.parse_args()
    if args.one:
        _one(args.one[0], int(args.one[1]))
        return 0
    if args.cut:
        _cut(args.cut[0], int(args.cut[1]))
        return 0
    failed = []
    if not args.no_deadline:
        r = _run(*DEADLINE_SHAPE, args.timeout, "--cut")
        want = f"deadline: extraction took over {DEADLINE_S:g} s"
        ok = r["status"] == "ok" and r["kind"] == "rejected" and r["reason"] == want and r["seconds"] < DEADLINE_S + 1
        shown = f"{r['seconds']:.3f} s -> {r['kind']}: {r['reason']}" if r["status"] == "ok" else r["status"]
        print(f"{'deadline':13s} {DEADLINE_SHAPE[0]} {DEADLINE_SHAPE[1]:,} under a {DEADLINE_S:g} s deadline: {shown}")
        print(f"{'deadline':13s} {'ok' if ok else 'FAIL'}: {'cut and reported' if ok else 'not cut at its deadline'}\n",
              flush=True)
        if not ok:
            failed.append("deadline")
    for shape in args.shapes.split(","):
        unit, sizes, _ = SHAPES[shape]
        rows = []
        for n in sizes:
            r = _run(shape, n, args.timeout)
            rows.append((n, r))
            shown = f"{r['seconds']:.3f} s ({r['seconds'] / n * 1e6:.2f} µs/{unit[:-1]})" if r["seconds"] is not None \
                else r["status"]
            extra = f"  -> {r['kind']}" + (f": {r['reason']}" if r.get("reason") else "") if r["status"] == "ok" else ""
            print(f"{shape:13s} {n:>9,} {unit:5s} {shown}{extra}", flush=True)
            if r["seconds"] is None or r["seconds"] > SLOW_S:
                break  # the next size up would only take longer
        times = [r["seconds"] for _, r in rows]
        done = len(rows) == len(sizes) and None not in times
        slow = not done or max(times) > SLOW_S
        if done:
            small = max(times[0], FLOOR_S) / sizes[0]
            ratio = (times[-1] / sizes[-1]) / small
            linear = ratio <= LINEAR_FACTOR
            curve = f"per {unit[:-1]} at {sizes[-1]:,} vs {sizes[0]:,}: {ratio:.2f}x"
        else:
            linear, curve = False, "not measured to the largest size"
        verdict = "ok" if linear and not slow else "FAIL"
        print(f"{shape:13s} {verdict}: {curve} ({'within' if linear else 'not within'} {LINEAR_FACTOR:g}x of linear); "
              f"{'a page over' if slow else 'no page over'} {SLOW_S:g} s\n", flush=True)
        if verdict != "ok":
            failed.append(shape)
    print("all shapes linear" if not failed else "failing shapes: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
