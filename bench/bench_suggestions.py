"""Time and peak memory of ``compute_suggestions`` against the bare sparse AA top-10.

Both run on the same synthetic organisation (planted_org: ~15 contacts each plus cohorts and
sessions). The bare formulation gets ready-made CSR matrices and does only A·W·Aᵀ in row
blocks with top-10 per row; the ratio says what filtering, experience, reasons and result
objects cost on top. NetworkX's ``adamic_adar_index`` over two-hop pairs is timed too for
small sizes, as the reference.

    .venv/bin/python bench/bench_suggestions.py --sizes 1000,10000 [--contacts 15] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted_org import planted_org  # noqa: E402

from peernet.jobs.link_prediction import link_prediction_topk  # noqa: E402
from peernet.jobs.suggestions import build_network, compute_suggestions  # noqa: E402

MiB = 2**20


def measure(fn, repeat: int) -> dict:
    """Best wall and CPU time over ``repeat`` runs, then one traced run for peak memory."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
        del result
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"wall_s": min(walls), "cpu_s": min(cpus), "peak_mib": peak / MiB}


def bare_inputs(rows):
    """CSR incidence managers × (managers | cohorts | sessions), degrees, contact matrix."""
    G = build_network(rows)
    managers = sorted(n for n, k in G.nodes(data="kind") if k == "manager")
    hubs = sorted((n for n, k in G.nodes(data="kind") if k != "manager"), key=str)
    adj = nx.to_scipy_sparse_array(G, nodelist=managers + hubs, format="csr")
    m = len(managers)
    incidence = adj[:m]
    degrees = np.asarray(adj.sum(axis=0)).ravel()
    return incidence, degrees, adj[:m, :m], G, managers


def networkx_top10(G, managers):
    """Reference: nx.adamic_adar_index over every two-hop manager pair, top 10 per manager."""
    is_manager = set(managers)
    best = {}
    for u in managers:
        two_hop = {w for v in G[u] for w in G[v] if w in is_manager and w != u and w not in G[u]}
        scored = nx.adamic_adar_index(G, [(u, w) for w in sorted(two_hop)])  # a list, not a gen
        best[u] = sorted(scored, key=lambda t: (-t[2], t[1]))[:10]
    return best


def bench(n: int, contacts: float, seed: int, repeat: int, nx_up_to: int) -> dict:
    t = time.perf_counter()
    org = planted_org(n, seed=seed, contacts_per_manager=contacts)
    rows = org.rows
    made = time.perf_counter() - t
    incidence, degrees, contact_matrix, G, managers = bare_inputs(rows)
    full = measure(lambda: compute_suggestions(rows, now_year=2025, top_k=10), repeat)
    bare = measure(lambda: link_prediction_topk(incidence, degrees, k=10, exclude=contact_matrix),
                   repeat)
    out = {"managers": n, "contacts": len(rows.contacts), "memberships": len(rows.memberships),
           "attendance": len(rows.attendance), "ties": len(rows.contacts) + len(rows.memberships)
           + len(rows.attendance), "generate_s": made, "compute_suggestions": full,
           "bare_sparse_aa_top10": bare, "ratio_wall": full["wall_s"] / bare["wall_s"],
           "ratio_cpu": full["cpu_s"] / bare["cpu_s"]}
    if n <= nx_up_to:
        t = time.perf_counter()
        networkx_top10(G, managers)
        out["networkx_aa_top10_wall_s"] = time.perf_counter() - t
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--contacts", type=float, default=15, help="mean contacts per manager")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    p.add_argument("--networkx-up-to", type=int, default=2000,
                   help="also time NetworkX for sizes up to this")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    results = [bench(int(s), args.contacts, args.seed, args.repeat, args.networkx_up_to)
               for s in args.sizes.split(",")]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    if args.json:
        print(json.dumps({"results": results, "process_maxrss_mib": maxrss}, indent=2))
        return
    head = (f"{'managers':>9} {'ties':>9} | {'suggest wall/cpu s':>19} {'peak MiB':>9} | "
            f"{'bare AA wall/cpu s':>19} {'peak MiB':>9} | {'ratio':>5} | {'nx AA s':>8}")
    print(head + "\n" + "-" * len(head))
    for r in results:
        f, b = r["compute_suggestions"], r["bare_sparse_aa_top10"]
        nx_s = r.get("networkx_aa_top10_wall_s")
        print(f"{r['managers']:>9} {r['ties']:>9} | {f['wall_s']:>9.2f} {f['cpu_s']:>9.2f} "
              f"{f['peak_mib']:>9.0f} | {b['wall_s']:>9.2f} {b['cpu_s']:>9.2f} "
              f"{b['peak_mib']:>9.0f} | {r['ratio_cpu']:>5.1f} | "
              + (f"{nx_s:>8.1f}" if nx_s is not None else f"{'-':>8}"))
    print(f"ties = contacts + cohort memberships + session attendances; ratio = CPU time of "
          f"compute_suggestions / bare; peak = tracemalloc; process max RSS {maxrss:.0f} MiB")


if __name__ == "__main__":
    main()
