"""Time ``group_problems`` on synthetic reports perturbed from the labelled Swedish set.

Usage::

    .venv/bin/python bench/bench_recurring.py [--sizes 5000 50000 500000] [--json] [--tracemalloc]

Each size runs in a fresh process so its peak memory (``VmHWM``) is its own. Reported
per size: wall and CPU seconds for the whole grouping and for its stages, peak RSS (also
as it stood after each stage, to show which stage raised it), with
``--tracemalloc`` the traced heap peak (NumPy and SciPy buffers included), and, because
the synthetic reports keep their source's label, the adjusted Rand index against them.
The machine's load average is printed too: on a shared machine wall time is only
meaningful next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.metrics import adjusted_rand_score  # noqa: E402
from synthetic_reports import synthetic_reports  # noqa: E402

import peernet.jobs.recurring_problems.groups as recurring  # noqa: E402


def _peak_rss_mib() -> int:
    """VmHWM: the process's peak resident memory so far (kB in /proc), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


@contextmanager
def _stage(stages: dict, name: str):
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    previous = stages.get(name, {"wall": 0.0, "cpu": 0.0})
    stages[name] = {
        "wall": round(previous["wall"] + time.perf_counter() - wall, 2),
        "cpu": round(previous["cpu"] + time.process_time() - cpu, 2),
        "peakRssMiB": _peak_rss_mib(),  # peak so far: which stage raised it
    }


def _instrument(stages: dict) -> None:
    """Wrap the grouping's stages with timers (this process only)."""
    for name in ("char_tfidf", "knn_similarity_edges", "louvain_labels", "merge_similar",
                 "prune_members", "characteristic_terms"):
        original = getattr(recurring, name)

        def timed(*args, __original=original, __name=name, **kwargs):
            with _stage(stages, __name):
                return __original(*args, **kwargs)

        setattr(recurring, name, timed)


def run_one(size: int, trace: bool) -> dict:
    reports = synthetic_reports(size)
    input_rss = _peak_rss_mib()  # the reports themselves, before any grouping
    stages: dict = {}
    _instrument(stages)
    if trace:
        tracemalloc.start()
    load_before = os.getloadavg()[0]
    with _stage(stages, "total"):
        groups = recurring.group_problems(reports)
    heap_peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    found = {r["id"]: f"single:{r['id']}" for r in reports}
    for g in groups:
        for rid in g.member_ids:
            found[rid] = g.key
    truth = [r["label"] or f"one-off:{r['id']}" for r in reports]
    return {
        "reports": size,
        "groups": len(groups),
        "stages": stages,
        "peakRssMiB": _peak_rss_mib(),
        "inputRssMiB": input_rss,
        "tracemallocPeakMiB": round(heap_peak / 2**20) if heap_peak is not None else None,
        "adjustedRandIndex": round(
            adjusted_rand_score(truth, [found[r["id"]] for r in reports]), 4
        ),
        "loadAverage": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report the traced heap peak (slows the run about 1.5x)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.tracemalloc)))
        return
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)]
        if args.tracemalloc:
            command.append("--tracemalloc")
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'reports':>8} {'groups':>6} {'wall s':>7} {'cpu s':>7} {'RSS MiB':>8} "
        f"{'heap MiB':>8} {'ARI':>6}  load"
    )
    for r in rows:
        total = r["stages"]["total"]
        print(
            f"{r['reports']:>8} {r['groups']:>6} {total['wall']:>7} {total['cpu']:>7} "
            f"{r['peakRssMiB']:>8}"
            f" {r['tracemallocPeakMiB']!s:>8} {r['adjustedRandIndex']:>6}  {r['loadAverage']}"
        )
        print(f"   RSS with the reports generated, before grouping: {r['inputRssMiB']} MiB")
        print(
            "   stages (wall/cpu s, peak RSS MiB so far):",
            ", ".join(
                f"{k} {v['wall']}/{v['cpu']} {v['peakRssMiB']}"
                for k, v in r["stages"].items()
                if k != "total"
            ),
        )


if __name__ == "__main__":
    main()
