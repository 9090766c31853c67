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
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted_org import planted_org  # noqa: E402

from peernet.jobs.link_prediction import binary_csr, link_prediction_topk  # noqa: E402
from peernet.jobs.suggestions import build_network, compute_suggestions  # noqa: E402

MiB = 2**20


def measure(fn, repeat: int) -> dict:
    """Best wall and CPU time over ``repeat`` runs, and their largest peak memory.

    Each run happens in a forked child: the child's ``ru_maxrss`` starts at its size when
    forked, so maxrss minus that size is what the call itself needed at its peak (NumPy
    buffers and Python objects alike), and the parent's heap stays untouched between runs.
    """
    runs = []
    for _ in range(repeat):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read)
            gc.collect()
            base = _rss_mib()
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            res = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
                   "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base}
            os.write(write, json.dumps(res).encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as f:
            runs.append(json.loads(f.read()))
        os.waitpid(pid, 0)
    return {"wall_s": min(r["wall_s"] for r in runs), "cpu_s": min(r["cpu_s"] for r in runs),
            "peak_mib": max(r["peak_mib"] for r in runs)}


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MiB


def bare_inputs(rows):
    """CSR incidence managers × (managers | cohorts | sessions), degrees, contact matrix.

    Built straight from the rows (not via NetworkX, which needs ~1 GiB at 100,000).
    """
    ids = sorted(m.id for m in rows.managers)
    pos = {m: i for i, m in enumerate(ids)}
    n = len(ids)
    a = np.array([(pos[x], pos[y]) for x, y in rows.contacts])
    contacts = sp.csr_matrix((np.ones(2 * len(a)), (np.r_[a[:, 0], a[:, 1]],
                                                    np.r_[a[:, 1], a[:, 0]])), shape=(n, n))
    hubs = []
    for pairs in (rows.memberships, rows.attendance):
        col = {h: j for j, h in enumerate(sorted({h for _, h in pairs}))}
        ij = np.array([(pos[m], col[h]) for m, h in pairs])
        hubs.append(sp.csr_matrix((np.ones(len(ij)), (ij[:, 0], ij[:, 1])), shape=(n, len(col))))
    incidence = binary_csr(sp.hstack([contacts, *hubs], format="csr"))
    hub_degrees = [np.asarray(binary_csr(h).sum(axis=0)).ravel() for h in hubs]
    degrees = np.concatenate([np.diff(incidence.indptr), *hub_degrees])
    return incidence, degrees, binary_csr(contacts)


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
    incidence, degrees, contact_matrix = bare_inputs(rows)
    full = measure(lambda: compute_suggestions(rows, now_year=2025, top_k=10), repeat)
    bare = measure(lambda: link_prediction_topk(incidence, degrees, k=10, exclude=contact_matrix),
                   repeat)
    out = {"managers": n, "contacts": len(rows.contacts), "memberships": len(rows.memberships),
           "attendance": len(rows.attendance), "ties": len(rows.contacts) + len(rows.memberships)
           + len(rows.attendance), "generate_s": made, "compute_suggestions": full,
           "bare_sparse_aa_top10": bare, "ratio_wall": full["wall_s"] / bare["wall_s"],
           "ratio_cpu": full["cpu_s"] / bare["cpu_s"]}
    if n <= nx_up_to:
        G = build_network(rows)
        managers = sorted(m.id for m in rows.managers)
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
          f"compute_suggestions / bare; peak = max RSS growth during the call; "
          f"this process's max RSS {maxrss:.0f} MiB")


if __name__ == "__main__":
    main()
