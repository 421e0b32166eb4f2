"""End-to-end scale run: generate N pages, time `vinews build`, report wall time, peak memory
and disk.

    .venv/bin/python bench/build_scale.py --pages 100000 [--jobs 2] [--dir /tmp/vinews-scale] [--annotate]
        [--shape stream|syllables] [--seed 1] [--sites 60] [--engine local] [--keep-work] [--timeline FILE]

--shape stream (the default): the realistic stream of bench/stream.py (its docstring has the
details): real article text from ../shared/corpora in furniture drawn per site and per page,
--sites synthetic sites, ~170 lines and ~7 KB a page like the benchmark's pages, 5% non-articles,
5% exact re-crawls, 5% edited copies on another site with a "Theo X" credit; deterministic for
--seed. Without ../shared it falls back to the bundled samples' text (it says so).

--shape syllables: the old shape, kept for comparison with earlier figures: Vietnamese-like
sentences from a syllable list, in 20 site templates, 19-line pages of ~3 KB, 5% exact re-crawls
and 5% edited copies, a few non-article pages. It is ~3x cheaper per page than a real page.

The input is generated once into DIR/in-... (50,000 pages per JSONL part file) and reused by
later runs with the same shape, size and seed; generation time is reported apart from the
build's. Peak memory is the largest sum of PSS over the build's process
tree (driver + workers; shared pages counted once; the RSS sum is printed too), sampled every
0.2 s; disk is the corpus folder at the end and the
largest the folder (work files included) got during the build.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
SYLLABLES = ("anh em ban bao bình các cao chính cho chủ công của cũng dân đã đang đến điều được gia giá hàng hiện học "
             "hội khi không kinh lại làm lên lớn một mới năm người nhà nhiều những nước phát quan quốc ra sau sẽ số sự "
             "tại tế thành theo thể thời tin trên trong trường từ và văn về việc với xã xây yêu đường phố sông núi biển "
             "rừng mưa nắng gió lúa gạo cá thịt rau quả sách báo chợ làng huyện tỉnh miền bắc nam trung tây đông hòa "
             "thủy khỏe mùa xuân hạ thu hè cây hoa lá cành đất nước trời mây sao trăng chiều sáng tối đêm ngày tuần "
             "tháng giờ phút nhanh chậm cao thấp dài ngắn rộng hẹp xanh đỏ vàng trắng đen tím hồng nâu xám bạc "
             "vui buồn giận thương nhớ quên biết hiểu nghĩ nói viết đọc nghe nhìn thấy đi chạy đứng ngồi nằm ăn uống "
             "ngủ thức chơi học dạy mua bán đổi trả vay gửi nhận cho lấy mang đem đưa đón gặp chào hỏi đáp").split()


def sentences(n: int, rng: np.random.Generator) -> list[str]:
    syl = np.array(SYLLABLES, dtype=object)
    lens = rng.integers(12, 23, n)
    idx = rng.integers(0, len(syl), int(lens.sum()))
    out, k = [], 0
    for ln in lens.tolist():
        s = " ".join(syl[idx[k:k + ln]])
        out.append(s[0].upper() + s[1:] + ".")
        k += ln
    return out


def generate(n: int, folder: Path, per_file: int = 50000, seed: int = 1) -> int:
    """Write n pages as JSONL files; returns the number of pages written."""
    rng = np.random.default_rng(seed)
    prng = random.Random(seed)
    pool = sentences(max(50000, n), rng)
    sites = [f"bao{i:02d}.vn" for i in range(20)]
    folder.mkdir(parents=True, exist_ok=True)
    recent: list[tuple[str, list[str]]] = []
    fh, written = None, 0
    for i in range(n):
        if i % per_file == 0:
            if fh:
                fh.close()
            fh = open(folder / f"part-{i // per_file:04d}.jsonl", "w", encoding="utf-8")
        site = sites[i % 20]
        r = prng.random()
        if r < 0.05 and recent:  # a re-crawl of a recent page
            site, lines = prng.choice(recent)
        elif r < 0.10 and recent:  # an edited copy on another site
            _, src = prng.choice(recent)
            lines = [" ".join(w if prng.random() > 0.05 else "điều" for w in ln.split(" ")) for ln in src]
        elif r < 0.11:
            lines = [pool[j] for j in rng.integers(0, len(pool), 15)]
            lines = [ln[:40] for ln in lines]  # a list page: short teaser lines
        else:
            s = [pool[j] for j in rng.integers(0, len(pool), 36)]
            lines = [s[0][:60], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024 {i % 24:02d}:{i % 60:02d}", " ".join(s[1:3])]
            lines += [" ".join(s[k:k + 3]) for k in range(3, 36, 3)]
            recent.append((site, lines))
            recent = recent[-1000:]
        head = [f"Báo {site}", "Trang chủ | Thời sự | Kinh tế | Văn hóa | Thể thao"]
        foot = ["Viết bình luận", "Tin liên quan", f"Bản quyền {site}"]
        text = "\n\n".join(head + lines + foot) + "\n"
        fh.write(json.dumps({"id": f"g{i:08d}", "url": f"https://{site}/tin-{i}.html", "site": site, "text": text},
                            ensure_ascii=False) + "\n")
        written += 1
    if fh:
        fh.close()
    return written


def _pss(pid: int) -> int:
    """Proportional set size: shared pages (forked workers share the driver's) counted once."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_rss(root: int) -> tuple[int, int, int]:
    """(sum of PSS, sum of RSS, PSS of the root alone) in bytes over a process and its
    descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/statm") as f:
                rss[int(d)] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    pss = total = root_pss = 0
    todo = [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        try:
            v = _pss(p)
        except OSError:
            v = 0
        pss += v
        root_pss = v if p == root else root_pss
        todo.extend(children.get(p, []))
    return pss, total, root_pss


def _by_stage(timeline: list[tuple[float, int, int]], started: dict[str, float] | None) -> dict:
    """Peak PSS (all processes, driver alone) in MB per stage, from the epoch times at which the
    build says each stage started (stats.json); 'start' is before the first stage."""
    if not started:
        return {}
    marks = sorted(started.items(), key=lambda kv: kv[1])
    windows = [("start", 0.0, marks[0][1])] + [(n, t, marks[i + 1][1] if i + 1 < len(marks) else float("inf"))
                                               for i, (n, t) in enumerate(marks)]
    out = {}
    for name, lo, hi in windows:
        pts = [(p, d) for t, p, d in timeline if lo <= t < hi]
        if pts:
            out[name] = {"pss_mb": round(max(p for p, _ in pts) / 2**20), "driver_mb": round(max(d for _, d in pts) / 2**20)}
    return out


def _du(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
            except OSError:
                pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/vinews-scale"))
    ap.add_argument("--annotate", action="store_true")
    ap.add_argument("--shape", choices=("stream", "syllables"), default="stream",
                    help="page shape: the realistic stream (default) or the old random-syllable pages")
    ap.add_argument("--seed", type=int, default=1, help="stream seed (and the syllable shape's)")
    ap.add_argument("--sites", type=int, default=60, help="stream: number of synthetic sites")
    ap.add_argument("--engine", default="local")
    ap.add_argument("--keep-work", action="store_true", help="keep CORPUS_DIR/_work (to study a stage afterwards)")
    ap.add_argument("--timeline", type=Path, help="write the memory samples (time, PSS of all, PSS of the driver) here as JSON")
    args = ap.parse_args()
    if args.shape == "syllables":
        src = args.dir / (f"in-{args.pages}" if args.seed == 1 else f"in-{args.pages}-seed{args.seed}")
    else:
        src = args.dir / f"in-stream-{args.pages}-seed{args.seed}-sites{args.sites}"
    out = args.dir / f"out-{args.pages}"
    t0 = time.perf_counter()
    gen: dict = {}
    fresh = not (src / "done").exists()
    if fresh:
        subprocess.run(["rm", "-rf", str(src)], check=True)
        if args.shape == "syllables":
            generate(args.pages, src, seed=args.seed)
        else:
            import stream
            gen = stream.write_jsonl(src, args.pages, seed=args.seed, sites=args.sites, per_file=50000)
        (src / "done").write_text(json.dumps(gen or {"shape": args.shape}))
    gen_s = time.perf_counter() - t0
    subprocess.run(["rm", "-rf", str(out)], check=True)
    cmd = [str(ROOT / ".venv/bin/vinews"), "build", str(src), "--out", str(out), "--jobs", str(args.jobs),
           "--engine", args.engine] + ([] if args.annotate else ["--no-annotate"]) + (["--keep-work"] if args.keep_work else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    peak_pss = peak_rss = peak_disk = 0
    peak_at = 0.0
    last_du = 0.0
    timeline: list[tuple[float, int, int]] = []
    while proc.poll() is None:
        pss, rss, driver = _tree_rss(proc.pid)
        timeline.append((time.time(), pss, driver))
        if pss > peak_pss:
            peak_pss, peak_at = pss, time.perf_counter() - t0
        peak_rss = max(peak_rss, rss)
        if time.perf_counter() - last_du > 5:
            peak_disk, last_du = max(peak_disk, _du(out)), time.perf_counter()
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    stats = json.loads((out / "stats.json").read_text()) if (out / "stats.json").exists() else {}
    res = {"pages": args.pages, "shape": args.shape, "jobs": args.jobs, "engine": args.engine, "exit": proc.returncode,
           "wall_s": round(wall, 1), "pages_per_s": round(args.pages / wall, 1),
           "peak_pss_mb": round(peak_pss / 2**20), "peak_rss_sum_mb": round(peak_rss / 2**20),
           "peak_pss_at_s": round(peak_at, 1),
           "peak_driver_pss_mb": round(max((d for _, _, d in timeline), default=0) / 2**20),
           "peak_by_stage": _by_stage(timeline, stats.get("stage_started")), "input_mb": round(_du(src) / 2**20),
           "corpus_mb": round(_du(out) / 2**20), "peak_disk_mb": round(max(peak_disk, _du(out)) / 2**20),
           "generate_s": round(gen_s, 1), "generated": (gen.get("kinds") or args.shape) if fresh else "reused " + src.name, "stage_s": stats.get("timings_s"), "status": stats.get("status"),
           "clusters": stats.get("clusters"), "partitions": stats.get("partitions"), "cpus": os.cpu_count(),
           "load_avg_after": os.getloadavg()}
    if args.timeline:
        args.timeline.write_text(json.dumps({"stage_started": stats.get("stage_started"),
                                             "samples": [(round(t, 2), p >> 20, d >> 20) for t, p, d in timeline]}))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
