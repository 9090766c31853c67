"""Time and peak memory of ``compute_suggestions`` against the bare sparse AA top-10.

Both run on the same synthetic organisation (planted_org: ~15 contacts each plus cohorts and
sessions). The bare formulation gets ready-made CSR matrices and does only A·W·Aᵀ in row
blocks with top-10 per row; the ratio says what indexing the rows, filtering, experience and
the result cost on top. ``compute_suggestions`` returns its suggestions as arrays and builds
the reasons when they are read, so the job's whole compute step — which reads every
suggestion and renders its reasons as text — is timed too, as "job compute". NetworkX's
``adamic_adar_index`` over two-hop pairs is timed for small sizes, as the reference.

    .venv/bin/python bench/bench_suggestions.py --sizes 1000,10000 [--contacts 15] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import pickle
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted_org import planted_org

from peernet.jobs.suggest_contacts.compute import compute as job_compute
from peernet.jobs.suggest_contacts.link_prediction import (
    binary_csr,
    link_prediction_topk,
)
from peernet.jobs.suggest_contacts.rows import build_network
from peernet.jobs.suggest_contacts.scoring import compute_suggestions

MiB = 2**20


def measure(cases: dict, repeat: int, trace: bool) -> dict:
    """Per case ``name: (setup, fn)``: best wall and CPU time of ``fn(setup())`` over
    ``repeat`` runs, their largest peak RSS growth, and optionally the tracemalloc peak of
    one more run.

    The cases take turns, one run each per round, so a burst of load on a shared machine
    falls on all of them alike. Each run happens in a forked child, so runs cannot warm each
    other's heap. The child makes its input with ``setup()`` (untimed): objects it inherited
    from the parent would cost a copy-on-write page fault whenever Python touched a
    reference count, which the real job, holding rows it loaded itself, never pays. Free
    heap is handed back to the OS before forking (``malloc_trim``); the peak RSS is reset
    after ``setup()`` where Linux allows it (``/proc/self/clear_refs``), so peak minus the
    RSS at that point is what the call needed. tracemalloc sees NumPy buffers and Python
    objects but slows the run, so it gets its own.
    """
    runs: dict[str, list[dict]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (setup, fn) in cases.items():
            runs[name].append(_in_child(setup, fn, trace=False))
    out = {}
    for name, (setup, fn) in cases.items():
        done = runs[name]
        out[name] = {"wall_s": min(r["wall_s"] for r in done),
                     "cpu_s": min(r["cpu_s"] for r in done),
                     "rss_growth_mib": max(r["rss_growth_mib"] for r in done)}
        if trace:
            out[name]["traced_peak_mib"] = _in_child(setup, fn, trace=True)["traced_peak_mib"]
    return out


def _in_child(setup, fn, *, trace: bool) -> dict:
    gc.collect()
    _malloc_trim()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        arg = setup()
        gc.collect()
        base = _rss_mib()
        peak_reset = _reset_peak_rss()
        if trace:
            tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        fn(arg)
        res = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
        peak = _peak_rss_mib() if peak_reset else resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss / 1024
        res["rss_growth_mib"] = peak - base
        if trace:
            res["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / MiB
        os.write(write, json.dumps(res).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        res = json.loads(f.read())
    os.waitpid(pid, 0)
    return res


def _reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak_rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _malloc_trim() -> None:
    # not glibc: RSS growth may then read low
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


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


def loaded_rows(rows) -> dict:
    """The rows as the job's load step returns them from Neo4j (managers as records)."""
    hubs = {h for _, h in rows.memberships} | {h for _, h in rows.attendance}
    departments = {m.department_id for m in rows.managers} - {None}
    return {"managers": [{"id": m.id, "departmentId": m.department_id, "level": m.level,
                          "managerSince": m.manager_since} for m in rows.managers],
            "contacts": list(rows.contacts), "memberships": list(rows.memberships),
            "attendance": list(rows.attendance), "raised": list(rows.raised),
            "handled": list(rows.handled), "dismissed": list(rows.dismissed),
            "names": {x: f"Name of {x}" for x in hubs | departments}}


def networkx_top10(G, managers):
    """Reference: nx.adamic_adar_index over every two-hop manager pair, top 10 per manager."""
    is_manager = set(managers)
    best = {}
    for u in managers:
        two_hop = {w for v in G[u] for w in G[v] if w in is_manager and w != u and w not in G[u]}
        scored = nx.adamic_adar_index(G, [(u, w) for w in sorted(two_hop)])  # a list, not a gen
        best[u] = [v for _, v in sorted((-round(p, 10), v) for _, v, p in scored)[:10]]
    return best


def bench(n: int, contacts: float, seed: int, repeat: int, nx_up_to: int,
          trace_up_to: int) -> dict:
    t = time.perf_counter()
    org = planted_org(n, seed=seed, contacts_per_manager=contacts)
    rows = org.rows
    made = time.perf_counter() - t
    blob = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
    trace = n <= trace_up_to

    def fresh_rows():
        return pickle.loads(blob)

    def fresh_bare_inputs():
        return bare_inputs(pickle.loads(blob))

    def suggest(r):
        return compute_suggestions(r, now_year=2025, top_k=10)

    def fresh_loaded():
        return loaded_rows(pickle.loads(blob))

    def job(loaded):
        return job_compute(loaded, {"top_k": 10, "method": "adamic_adar", "now_year": 2025.0})

    def bare_top10(a):
        return link_prediction_topk(a[0], a[1], k=10, exclude=a[2])

    timed = measure({"full": (fresh_rows, suggest), "bare": (fresh_bare_inputs, bare_top10)},
                    repeat, trace)
    full, bare = timed["full"], timed["bare"]
    read = measure({"job": (fresh_loaded, job)}, repeat, False)["job"]
    out = {"managers": n, "contacts": len(rows.contacts), "memberships": len(rows.memberships),
           "attendance": len(rows.attendance), "ties": len(rows.contacts) + len(rows.memberships)
           + len(rows.attendance), "generate_s": made, "compute_suggestions": full,
           "job_compute": read, "bare_sparse_aa_top10": bare,
           "ratio_wall": full["wall_s"] / bare["wall_s"],
           "ratio_cpu": full["cpu_s"] / bare["cpu_s"],
           "ratio_cpu_job_compute": read["cpu_s"] / bare["cpu_s"]}
    if n <= nx_up_to:
        incidence, degrees, contact_matrix = bare_inputs(rows)
        G = build_network(rows)
        managers = sorted(m.id for m in rows.managers)
        t = time.perf_counter()
        reference = networkx_top10(G, managers)
        out["networkx_aa_top10_wall_s"] = time.perf_counter() - t
        idx, _ = link_prediction_topk(incidence, degrees, k=10, exclude=contact_matrix)
        out["bare_equals_networkx"] = all(
            [managers[j] for j in idx[i] if j >= 0] == reference[m] for i, m in enumerate(managers))
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--contacts", type=float, default=15, help="mean contacts per manager")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    p.add_argument("--networkx-up-to", type=int, default=2000,
                   help="also time NetworkX for sizes up to this")
    p.add_argument("--trace-up-to", type=int, default=10000,
                   help="also measure the tracemalloc peak for sizes up to this")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    results = [bench(int(s), args.contacts, args.seed, args.repeat, args.networkx_up_to,
                     args.trace_up_to) for s in args.sizes.split(",")]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    if args.json:
        print(json.dumps({"results": results, "process_maxrss_mib": maxrss}, indent=2))
        return
    head = (f"{'managers':>9} {'ties':>9} | {'suggest: wall s':>15} {'cpu s':>6} {'rss MiB':>8} "
            f"{'traced':>7} | {'bare AA: wall s':>15} {'cpu s':>6} {'rss MiB':>8} {'traced':>7} | "
            f"{'ratio':>5} | {'job compute: cpu s':>18} | {'nx AA s':>7}")
    print(head + "\n" + "-" * len(head))
    for r in results:
        cells = []
        for m in (r["compute_suggestions"], r["bare_sparse_aa_top10"]):
            traced = m.get("traced_peak_mib")
            cells.append(f"{m['wall_s']:>15.2f} {m['cpu_s']:>6.2f} {m['rss_growth_mib']:>8.0f} "
                         + (f"{traced:>7.0f}" if traced is not None else f"{'-':>7}"))
        nx_s = r.get("networkx_aa_top10_wall_s")
        print(f"{r['managers']:>9} {r['ties']:>9} | {cells[0]} | {cells[1]} | "
              f"{r['ratio_cpu']:>5.2f} | {r['job_compute']['cpu_s']:>18.2f} | "
              + (f"{nx_s:>7.1f}" if nx_s is not None else f"{'-':>7}"))
    print("ties = contacts + cohort memberships + session attendances; ratio = CPU time of "
          "compute_suggestions / bare;\njob compute = the suggest-contacts job's compute step "
          "(rows as loaded -> suggestions with reasons rendered);\nrss = peak RSS growth during "
          f"the call; traced = tracemalloc peak; this process's max RSS (with the generator) "
          f"{maxrss:.0f} MiB")
    for r in results:
        if "bare_equals_networkx" in r:
            print(f"{r['managers']}: bare sparse top-10 identical to nx.adamic_adar_index: "
                  f"{r['bare_equals_networkx']}")


if __name__ == "__main__":
    main()
