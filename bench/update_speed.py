"""Incremental update against a full build: build a corpus of --pages realistic pages (the stream
of bench/stream.py, as bench/build_scale.py), then `vinews build NEW --out CORPUS --update` with
the next --new pages of the same stream; and, for reference, the full build of the old and new
pages together. Reports wall and CPU time of each (CPU: the command and all its workers), the
update's share of the full build's time, and whether the updated corpus's tables equal the
full build's byte for byte.

    .venv/bin/python bench/update_speed.py --pages 100000 --new 5000 [--jobs 2] [--dir /tmp/vinews-update]
        [--annotate] [--seed 1] [--sites 60] [--no-full]

The input is generated once into DIR/in-... and reused by later runs with the same sizes and
seed. The target (issue 11): update <= 10% of the full build's time. On a shared 2-core machine
CPU seconds swing 20-30% between identical runs: compare the ratio, not the seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
TABLES = ("articles", "pages", "clusters", "republications", "site_boilerplate", "entities")


def generate(folder: Path, pages: int, new: int, seed: int, sites: int) -> None:
    """old.jsonl: the stream's first `pages` pages; new.jsonl: the `new` that follow."""
    import stream

    if (folder / "done").exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    s = stream.Stream(seed=seed, sites=sites)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with open(folder / "old.jsonl", "w", encoding="utf-8") as old, open(folder / "new.jsonl", "w", encoding="utf-8") as nw:
        for k, rec in enumerate(s.records(pages + new)):
            (old if k < pages else nw).write(dumps(rec) + "\n")
    (folder / "done").write_text(json.dumps({"pages": pages, "new": new, "seed": seed, "sites": sites, "origin": s.origin}))


def timed(cmd: list[str]) -> dict:
    """Wall and CPU seconds (user + system of the command and every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100_000, help="pages of the corpus first built")
    ap.add_argument("--new", type=int, default=5_000, help="pages the update adds (the stream's next ones)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/vinews-update"))
    ap.add_argument("--annotate", action="store_true", help="keywords and entities too (build_scale's default is without)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=60)
    ap.add_argument("--no-full", action="store_true", help="skip the reference full build of old + new pages")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the base corpus and the full build of an earlier run with the same sizes (their "
                         "times as measured then): to time the update again, e.g. after a change of the update's code")
    args = ap.parse_args()

    src = args.dir / f"in-{args.pages}-{args.new}-seed{args.seed}-sites{args.sites}"
    t0 = time.perf_counter()
    generate(src, args.pages, args.new, args.seed, args.sites)
    gen_s = time.perf_counter() - t0
    vinews = [str(ROOT / ".venv/bin/vinews"), "build"]
    common = ["--jobs", str(args.jobs)] + ([] if args.annotate else ["--no-annotate"])
    tag = f"{args.pages}-{args.new}-{'a' if args.annotate else 'n'}"
    base, full, saved = args.dir / "corpus", args.dir / f"full-{tag}", args.dir / f"base-{tag}"
    res: dict = {"pages": args.pages, "new": args.new, "jobs": args.jobs, "annotate": args.annotate,
                 "cpus": os.cpu_count(), "generate_s": round(gen_s, 1)}
    shutil.rmtree(base, ignore_errors=True)
    if args.reuse and (saved / "bench.json").exists():
        res["build"] = json.loads((saved / "bench.json").read_text())
        res["build"]["reused"] = True
    else:
        shutil.rmtree(saved, ignore_errors=True)
        res["build"] = timed(vinews + [str(src / "old.jsonl"), "--out", str(saved), "--keep-work"] + common)
        (saved / "bench.json").write_text(json.dumps(res["build"]))
    subprocess.run(["cp", "-a", str(saved), str(base)], check=True)  # the update changes it: work on a copy
    res["corpus_mb"] = round(sum(du(p) for p in base.iterdir() if p.name != "_work") / 2**20)
    res["kept_work_mb"] = round(du(base / "_work") / 2**20)
    res["update"] = timed(vinews + [str(src / "new.jsonl"), "--out", str(base), "--update"] + common)
    stats = json.loads((base / "stats.json").read_text())
    res["update_stages_s"] = stats.get("timings_s")
    res["update_record"] = stats.get("update")
    if not args.no_full:
        if args.reuse and (full / "bench.json").exists():
            res["full"] = dict(json.loads((full / "bench.json").read_text()), reused=True)
        else:
            shutil.rmtree(full, ignore_errors=True)
            res["full"] = timed(vinews + [str(src / "old.jsonl"), str(src / "new.jsonl"), "--out", str(full)] + common)
            (full / "bench.json").write_text(json.dumps(res["full"]))
        res["full_stages_s"] = json.loads((full / "stats.json").read_text()).get("timings_s")
        res["tables_identical"] = all((base / f"{t}.parquet").read_bytes() == (full / f"{t}.parquet").read_bytes()
                                      for t in TABLES)
        ref = res["full"]
    else:
        ref = res["build"]
    res["update_share"] = {k: round(res["update"][k] / ref[k], 3) for k in ("wall_s", "cpu_s")}
    res["update_share_of_base_build"] = {k: round(res["update"][k] / res["build"][k], 3) for k in ("wall_s", "cpu_s")}
    res["load_avg_after"] = os.getloadavg()
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
