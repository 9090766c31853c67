"""Time ``compute_network_metrics`` on cohort-shaped synthetic networks.

Usage::

    .venv/bin/python bench/bench_metrics.py --nodes 10000 --edges 75000 300000 [--json]

The generator mimics the organisation: departments of very unequal size (Pareto), cohorts
of 30 whose members all get to know each other (cliques across departments), colleagues
inside departments, and a sprinkling of random ties. The stages other than betweenness are
timed separately ("rest"), then the whole call ("total": betweenness runs in worker
processes alongside the rest). CPU seconds include the workers; on a shared machine wall
time means little without the load average, which is printed too.
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

from peernet.jobs.metrics import compute_network_metrics  # noqa: E402
from peernet.jobs.metrics_brokers import constraint, top_nodes  # noqa: E402
from peernet.jobs.metrics_graph import index_graph  # noqa: E402
from peernet.jobs.metrics_org import (  # noqa: E402
    department_ties,
    other_departments_reached,
    triangles_per_node,
)
from peernet.jobs.metrics_paths import components, diameter, largest_component  # noqa: E402


def cohort_network(nodes: int, edges: int, *, departments: int = 25, seed: int = 0) -> nx.Graph:
    """About ``edges`` ties among ``nodes`` managers; half of them from cohort cliques."""
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
        if rng.random() < 0.85:  # colleagues; the rest cross departments at random
            v = int(rng.choice(by_dept[dept[u]]))
        else:
            v = int(rng.integers(nodes))
        if u != v:
            pairs.add((min(u, v), max(u, v)))
    G = nx.Graph()
    G.add_nodes_from((f"m{i:06d}", {"department": f"d{dept[i]:02d}"}) for i in range(nodes))
    G.add_edges_from((f"m{u:06d}", f"m{v:06d}") for u, v in pairs)
    return G


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


def run(nodes: int, edges: int, workers: int | None) -> dict:
    G = cohort_network(nodes, edges)
    stages: dict[str, float] = {}
    g = _timed(stages, "index", index_graph, G)
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
    result = _timed(stages, "total", compute_network_metrics, G, workers=workers)
    cpu = _cpu() - cpu
    stages["betweenness_etc"] = round(stages["total"] - linear, 3)
    org = result.organisation
    return {
        "nodes": nodes,
        "edges": G.number_of_edges(),
        "diameter": org.diameter,
        "stages_s": stages,
        "linear_part_s": linear,
        "total_cpu_s": round(cpu, 1),
        "load_average": [round(load, 2), round(os.getloadavg()[0], 2)],
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, nargs="+", default=[75_000, 300_000])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [run(args.nodes, m, args.workers) for m in args.edges]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'nodes':>7} {'edges':>8} {'total s':>8} {'cpu s':>7} {'rest s':>7} {'RSS MiB':>8}  load")
    for r in rows:
        s = r["stages_s"]
        print(
            f"{r['nodes']:>7} {r['edges']:>8} {s['total']:>8} {r['total_cpu_s']:>7}"
            f" {r['linear_part_s']:>7} {r['peak_rss_mib']:>8}  {r['load_average']}"
        )
        print("   stages:", ", ".join(f"{k} {v}" for k, v in s.items()))


if __name__ == "__main__":
    main()
