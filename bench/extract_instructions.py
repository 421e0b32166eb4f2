"""Extraction cost in CPU instructions per page, counted by valgrind's callgrind: deterministic,
so two versions of the extractor can be compared on a busy machine where CPU-second figures
swing by 20% from run to run.

    .venv/bin/python bench/extract_instructions.py [--pages 1500] [--against DIR]

The same N pages of the realistic stream (bench/stream.py, seed 1) are generated once and
pickled; each checkout then extracts them (plain text path, memos on, as extract_speed.py) in
a callgrind run, and once more a run that only loads them: the difference over N-1 pages is the
figure (the first page is extracted in both, so imports and the model file are not counted).
`--against DIR` is another checkout of vinews (e.g. `git worktree add /tmp/old COMMIT`) run on
the same pickle with this venv's dependencies. Needs `valgrind` on PATH; about 4 minutes per
checkout for 1,500 pages. PYTHONHASHSEED is fixed, so a rerun gives the same count.
"""
from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNNER = """
import pickle, sys
sys.path.insert(0, sys.argv[1] + "/src")
from vinews.pipeline import extract_page
try:
    from vinews import native
    sys.stderr.write("native: " + native.describe() + "\\n")
except ImportError:  # a checkout from before the compiled core
    sys.stderr.write("native: compiled core: none (pure Python)\\n")
pages = pickle.load(open(sys.argv[3], "rb"))
extract_page(pages[0])
if sys.argv[2] == "extract":
    for p in pages[1:]:
        extract_page(p)
"""


def count(checkout: Path, mode: str, runner: Path, pages: Path) -> tuple[int, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                          str(runner), str(checkout), mode, str(pages)], capture_output=True, text=True, env=env)
    m = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode or not m:
        raise SystemExit(f"callgrind failed on {checkout}:\n{out.stderr[-2000:]}")
    how = re.search(r"native: (.*)", out.stderr)
    return int(m.group(1)), how.group(1) if how else "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1500, help="stream pages (default 1500)")
    ap.add_argument("--against", type=Path, action="append", default=[], help="another vinews checkout to count too")
    ap.add_argument("--corpora", type=Path, default=None, help="default: ../shared/corpora")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not on PATH (Debian: apt install valgrind)")
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT / "src"))
    import stream

    with tempfile.TemporaryDirectory() as tmp:
        pk, runner = Path(tmp) / "pages.pkl", Path(tmp) / "run.py"
        kw = {"corpora": args.corpora} if args.corpora else {}
        pages = list(stream.Stream(seed=1, **kw).pages(args.pages))
        pk.write_bytes(pickle.dumps(pages))
        runner.write_text(RUNNER)
        print(f"{len(pages)} stream pages (seed 1); instructions per page over the last {len(pages) - 1}")
        for checkout in [ROOT, *args.against]:
            (total, how), (load, _) = count(checkout, "extract", runner, pk), count(checkout, "load", runner, pk)
            n = (total - load) / (len(pages) - 1)
            rev = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True).stdout.strip() or "?"
            print(f"{str(checkout):40s} {rev:10s} {n / 1e6:8.3f} M instructions/page  ({how})")


if __name__ == "__main__":
    main()
