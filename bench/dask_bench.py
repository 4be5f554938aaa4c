"""Dask benchmark: `python bench/dask_bench.py [--folders 40] [--articles 3]`.

Builds the same desk of generated folders (bench/generate.py's articles, a few per folder)
three ways, each a fresh `briefgen build --each` process with --no-cache:

- local: `--jobs 2` (a process pool on this machine), the baseline;
- dask 1 / dask 2: `--scheduler ADDRESS` of a LocalCluster with 1, then 2 worker processes,
  started (and warmed: the pipeline loaded) before the clock starts, as a standing cluster is;

and reports the wall times, the 2-vs-1-worker speed-up, each run's cost per folder (wall time
x workers / folders) and Dask's own per-task overhead (40 no-op tasks through the scheduler).

Then one large folder (`--big N` generated articles; 0 skips it): `briefgen build FOLDER`
locally with --jobs 1 and 2, and on the same warmed clusters, where its articles are parsed in
shards on the workers (briefgen.distributed.ShardParser).

The briefs of all runs are checked byte-identical. Needs `pip install "briefgen[dask]"`.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate

from briefgen import distributed

DATE = "2025-03-01"


def make_desk(parent: Path, folders: int, articles: int) -> None:
    seeds, pools = generate.read_seeds(generate.SEEDS)
    for f in range(folders):
        folder = parent / f"event-{f:03d}"
        folder.mkdir(parents=True)
        for a in range(articles):
            text = generate.article(a, seeds, pools, seed=f)
            (folder / f"{a:02d}.txt").write_text(text, encoding="utf-8")


def build(desk: Path, out: Path, *extra: str, each: bool = True) -> float:
    """Wall seconds of one `briefgen build --each desk` (or `build desk`) in a fresh process."""
    where = ["--each", str(desk)] if each else [str(desk)]
    args = ["build", *where, "--out", str(out), "--no-cache", "--date", DATE, "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", *args, *extra], env=env, check=True)
    return time.perf_counter() - start


def on_cluster(
    desk: Path, warm: Path, big: Path | None, out: Path, workers: int
) -> tuple[float, float, float]:
    """(build seconds, per-task overhead seconds, big-folder seconds) on a warmed LocalCluster
    of `workers`."""
    from distributed import Client

    with distributed.local_cluster(workers) as cluster, Client(cluster) as client:
        address = cluster.scheduler_address
        build(warm, out.with_name(out.name + "-warm"), "--scheduler", address)  # loads spaCy
        seconds = build(desk, out, "--scheduler", address)
        big_out = out.with_name(out.name + "-big")
        big_s = build(big, big_out, "--scheduler", address, each=False) if big else 0.0
        client.gather([client.submit(int, i, pure=False) for i in range(40)])  # warm-up
        tasks = [client.submit(int, i, pure=False) for i in range(40)]
        start = time.perf_counter()
        client.gather(tasks)
        overhead = (time.perf_counter() - start) / len(tasks)
    return seconds, overhead, big_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=40)
    parser.add_argument("--articles", type=int, default=3, help="articles per folder")
    parser.add_argument("--big", type=int, default=80, help="articles in the large folder")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="briefgen-dask-bench-"))
    try:
        desk, warm = work / "desk", work / "warm"
        make_desk(desk, args.folders, args.articles)
        make_desk(warm, 2, 1)
        big = None
        if args.big:
            make_desk(work / "big-desk", 1, args.big)
            big = work / "big-desk" / "event-000"
        local = build(desk, work / "local", "--jobs", "2")
        big1 = build(big, work / "local-big", "--jobs", "1", each=False) if big else 0.0
        big2 = build(big, work / "local2-big", "--jobs", "2", each=False) if big else 0.0
        one, overhead1, dask_big1 = on_cluster(desk, warm, big, work / "dask1", 1)
        two, overhead2, dask_big2 = on_cluster(desk, warm, big, work / "dask2", 2)
        runs = [("dask1", "local"), ("dask2", "local")]
        if big:
            runs += [(name, "local-big") for name in ("local2-big", "dask1-big", "dask2-big")]
        for run, baseline in runs:
            diff = filecmp.dircmp(work / baseline, work / run)
            if diff.left_only or diff.right_only or diff.diff_files:
                raise SystemExit(f"{run}: briefs differ from the local build's")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = args.folders
    rows = [
        ("local --jobs 2", local, 2),
        ("dask, 1 worker", one, 1),
        ("dask, 2 workers", two, 2),
    ]
    print(f"{n} folders x {args.articles} articles, on {os.cpu_count()} cores")
    print(f"{'run':<18}{'wall s':>8}{'s/folder/worker':>17}")
    for name, seconds, workers in rows:
        print(f"{name:<18}{seconds:>8.1f}{seconds * workers / n:>17.2f}")
    print(f"speed-up, 2 vs 1 worker: {one / two:.2f}x")
    print(f"dask vs local, 2 workers each: {two / local:.2f}x the wall time")
    overhead = min(overhead1, overhead2)
    print(f"dask per-task overhead (no-op task): {overhead * 1000:.1f} ms")
    if big:
        print(f"one folder of {args.big} articles (dask: parsed in shards on the workers)")
        for name, seconds in [
            ("local --jobs 1", big1),
            ("local --jobs 2", big2),
            ("dask, 1 worker", dask_big1),
            ("dask, 2 workers", dask_big2),
        ]:
            print(f"{name:<18}{seconds:>8.1f}")
        print(f"speed-up, 2 vs 1 worker: {dask_big1 / dask_big2:.2f}x")
    if args.json:
        numbers = {
            "folders": n,
            "articles": args.articles,
            "local_jobs2_s": local,
            "dask1_s": one,
            "dask2_s": two,
            "speedup": one / two,
            "task_overhead_ms": overhead * 1000,
            "big_articles": args.big,
            "big_local_jobs1_s": big1,
            "big_local_jobs2_s": big2,
            "big_dask1_s": dask_big1,
            "big_dask2_s": dask_big2,
            "load_average": os.getloadavg(),
        }
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
