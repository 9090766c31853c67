"""Time the network-metrics compute step (``compute_indexed_metrics``) on synthetic networks.

Usage::

    .venv/bin/python bench/bench_metrics.py --nodes 10000 --edges 75000 300000 [--json]
    .venv/bin/python bench/bench_metrics.py --org --nodes 100000   # the bench database's shape

The generator mimics the organisation: departments of very unequal size (Pareto), cohorts
of 30 whose members all get to know each other (cliques across departments), colleagues
inside departments, and a sprinkling of random ties; ``--org`` uses instead the synthetic
organisation the database benchmarks load (``peernet.seeds.synthetic``, 7.5 ties per
manager). The graph is built as the job builds it, from arrays (no ``nx.Graph``). The stages
other than betweenness are timed separately ("rest"), then the whole call ("total":
betweenness runs in worker processes alongside the rest). CPU seconds include the workers;
peak RSS is this process's and the largest worker's. On a shared machine wall time means
little without the load average, which is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peernet.jobs.network_metrics.brokers import constraint, top_nodes
from peernet.jobs.network_metrics.compute import compute_indexed_metrics
from peernet.jobs.network_metrics.graph import indexed_graph
from peernet.jobs.network_metrics.org import (
    department_ties,
    other_departments_reached,
    triangles_per_node,
)
from peernet.jobs.network_metrics.paths import components, diameter, largest_component


def cohort_network(nodes: int, edges: int, *, departments: int = 25, seed: int = 0) -> nx.Graph:
    """About ``edges`` ties among ``nodes`` managers; half of them from cohort cliques."""
    ids, labels, pairs = cohort_arrays(nodes, edges, departments=departments, seed=seed)
    G = nx.Graph()
    G.add_nodes_from((m, {"department": d}) for m, d in zip(ids, labels))
    G.add_edges_from((ids[u], ids[v]) for u, v in pairs.tolist())
    return G


def cohort_arrays(nodes: int, edges: int, *, departments: int = 25, seed: int = 0):
    """:func:`cohort_network` as (ids, departments, index pairs)."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.3, departments) + 1
    dept = rng.choice(departments, size=nodes, p=weights / weights.sum())
    pairs: set[tuple[int, int]] = set()
    cohort_budget = edges // 2
    while len(pairs) < cohort_budget:
        members = rng.choice(nodes, size=30, replace=False)
        for i in range(30):
            for j in range(i + 1, 30):
                a, b = int(members[i]), int(members[j])
                pairs.add((min(a, b), max(a, b)))
    by_dept = [np.flatnonzero(dept == d) for d in range(departments)]
    while len(pairs) < edges:
        u = int(rng.integers(nodes))
        # colleagues; the rest cross departments at random
        v = int(rng.choice(by_dept[dept[u]])) if rng.random() < 0.85 else int(rng.integers(nodes))
        if u != v:
            pairs.add((min(u, v), max(u, v)))
    ids = [f"m{i:06d}" for i in range(nodes)]
    labels = [f"d{dept[i]:02d}" for i in range(nodes)]
    return ids, labels, np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def org_arrays(nodes: int):
    """The database benchmarks' synthetic organisation as (ids, departments, index pairs)."""
    from peernet.seeds.synthetic import build_synthetic

    data = build_synthetic(nodes)
    ids = [m["id"] for m in data.managers]
    labels = [m["departmentId"] for m in data.managers]
    position = {m: i for i, m in enumerate(ids)}
    pairs = np.array([(position[c["a"]], position[c["b"]]) for c in data.contacts], dtype=np.int64)
    return ids, labels, pairs


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the betweenness workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(stages: dict, name: str, fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    stages[name] = round(time.perf_counter() - start, 3)
    return value


def _peak_mib(who: int) -> int:
    return round(resource.getrusage(who).ru_maxrss / 1024)


def run(nodes: int, edges: int | None, workers: int | None) -> dict:
    ids, labels, pairs = org_arrays(nodes) if edges is None else cohort_arrays(nodes, edges)
    stages: dict[str, float] = {}
    g = _timed(stages, "index", indexed_graph, ids, labels, pairs)
    del pairs
    _timed(stages, "departments", department_ties, g)
    _timed(stages, "reach", other_departments_reached, g)
    _timed(stages, "triangles", triangles_per_node, g.adjacency)
    _, labels = _timed(stages, "components", components, g)
    _timed(stages, "diameter", diameter, g, largest_component(labels))
    chosen = top_nodes(g.degree.astype(float), g.nodes, 20)  # any 20 hubs: same cost
    _timed(stages, "constraint", constraint, g, chosen)
    linear = round(sum(stages.values()), 3)
    # Betweenness is timed only inside the full run: it dominates, and running it twice
    # would double the benchmark for nothing.
    load = os.getloadavg()[0]
    cpu = _cpu()
    result = _timed(stages, "total", compute_indexed_metrics, g, workers=workers)
    cpu = _cpu() - cpu
    stages["betweenness_etc"] = round(stages["total"] - linear, 3)
    org = result.organisation
    return {
        "nodes": nodes,
        "edges": g.m,
        "diameter": org.diameter,
        "betweenness": result.to_dict()["betweenness"],
        "stages_s": stages,
        "linear_part_s": linear,
        "total_cpu_s": round(cpu, 1),
        "load_average": [round(load, 2), round(os.getloadavg()[0], 2)],
        "peak_rss_mib": _peak_mib(resource.RUSAGE_SELF),
        "worker_peak_rss_mib": _peak_mib(resource.RUSAGE_CHILDREN),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, nargs="+", default=[75_000, 300_000])
    parser.add_argument("--org", action="store_true", help="the database benchmarks' organisation")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = ([run(args.nodes, None, args.workers)] if args.org
            else [run(args.nodes, m, args.workers) for m in args.edges])
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'nodes':>7} {'edges':>8} {'total s':>8} {'cpu s':>7} {'rest s':>7} {'RSS MiB':>8}  load"
    )
    for r in rows:
        s = r["stages_s"]
        print(
            f"{r['nodes']:>7} {r['edges']:>8} {s['total']:>8} {r['total_cpu_s']:>7}"
            f" {r['linear_part_s']:>7} {r['peak_rss_mib']:>8}  {r['load_average']}"
            f"  workers {r['worker_peak_rss_mib']} MiB, betweenness {r['betweenness']}"
        )
        print("   stages:", ", ".join(f"{k} {v}" for k, v in s.items()))


if __name__ == "__main__":
    main()
