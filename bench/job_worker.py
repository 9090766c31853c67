"""One job in its own process, so its peak memory (``ru_maxrss``) is its own.

Runs the job through ``run_job`` (timings from its JobRun), then, for suggest-contacts, the
bare sparse Adamic–Adar top-10 on the same loaded rows, and for network-metrics, exact
betweenness (igraph) to check the reported brokers. Prints one JSON object.

    python -m bench.job_worker JOB --uri bolt://127.0.0.1:7695 --password … [--repeat 2]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import resource
import time
from typing import Any

import numpy as np
import scipy.sparse as sp

from peernet.config import Settings
from peernet.graph.driver import Database, create_driver
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from peernet.jobs.suggest_contacts.link_prediction import binary_csr, link_prediction_topk


def max_rss_mib() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over from the parent through fork and exec, so a worker started by a 2 GiB orchestrator
    would report 2 GiB before doing anything."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bare_adamic_adar_top10(loaded: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The floor: rows → CSR incidence (contacts, cohort and session hubs) → A·W·Aᵀ in row
    blocks, top 10 per manager, existing contacts excluded. Nothing else."""
    ids = sorted(m["id"] for m in loaded["managers"])
    pos = {m: i for i, m in enumerate(ids)}
    n = len(ids)

    def matrix(pairs: list[tuple[str, str]], columns: dict[str, int], width: int) -> sp.csr_matrix:
        ij = np.array([(pos[a], columns[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
        return binary_csr(sp.csr_matrix((np.ones(len(ij)), (ij[:, 0], ij[:, 1])), shape=(n, width)))

    contacts = matrix(loaded["contacts"], pos, n)
    contacts = binary_csr(contacts + contacts.T)
    hubs = []
    for key in ("memberships", "attendance"):
        hub_ids = {h: j for j, h in enumerate(sorted({h for _, h in loaded[key]}))}
        hubs.append(matrix(loaded[key], hub_ids, len(hub_ids)))
    incidence = sp.hstack([contacts, *hubs], format="csr")
    degrees = np.asarray(incidence.sum(axis=0)).ravel()
    return link_prediction_topk(incidence, degrees, k=10, exclude=contacts)


LOAD_PROBE = {
    "rows": (
        "MATCH (a:Manager)-[:KNOWS]->(b:Manager) RETURN a.id AS a, b.id AS b",
        "MATCH (m:Manager)-[h:HANDLED]->(p:Problem) "
        "RETURN m.id AS m, p.category AS category, h.outcome AS outcome, h.handledAt AS handledAt",
    ),
    "collected": (
        "MATCH (a:Manager)-[:KNOWS]->(b:Manager) RETURN collect([a.id, b.id]) AS rows",
        "MATCH (m:Manager)-[h:HANDLED]->(p:Problem) "
        "RETURN collect([m.id, p.category, h.outcome, h.handledAt]) AS rows",
    ),
}


async def load_probe(db: Database) -> dict[str, float]:
    """The job's two largest reads as one record per row and as one record holding a list:
    what the async driver's per-record cost would add to the load step (which reads
    collected lists, chunk by chunk). A minute at 10,000 managers, so only on request."""
    out = {}
    for shape, queries in LOAD_PROBE.items():
        t = time.perf_counter()
        for query in queries:
            await db.read(query)
        out[shape] = time.perf_counter() - t
    return out


async def contact_graph(db: Database) -> tuple[list[str], list[tuple[int, int]]]:
    # Lists in one record each: one record per tie costs the async driver ~0.1-0.4 ms.
    rows = await db.read("MATCH (m:Manager) WITH m ORDER BY m.id RETURN collect(m.id) AS ids")
    ids = rows[0]["ids"]
    pos = {m: i for i, m in enumerate(ids)}
    rows = await db.read("MATCH (a:Manager)-[:KNOWS]->(b:Manager) "
                         "RETURN collect(a.id) AS a, collect(b.id) AS b")
    row = rows[0]
    return ids, [(pos[a], pos[b]) for a, b in zip(row["a"], row["b"])]


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def broker_check(
    result: Any, ids: list[str], edges: list[tuple[int, int]], top: int = 20
) -> dict[str, Any]:
    """Exact betweenness of the reported top ``top`` against the true top ``top``."""
    import igraph

    brokers = _get(result, "brokers")
    if brokers is None and _get(result, "metrics") is not None:
        brokers = _get(_get(result, "metrics"), "brokers")
    if not brokers:
        return {"error": "no brokers found in the job's result"}
    reported = [str(_get(b, "id")) for b in list(brokers)[:top]]
    t = time.perf_counter()
    g = igraph.Graph(n=len(ids), edges=edges, directed=False)
    g.simplify()
    exact = np.asarray(g.betweenness(directed=False), dtype=np.float64)
    seconds = time.perf_counter() - t
    pos = {m: i for i, m in enumerate(ids)}
    true_top = np.sort(exact)[::-1][:len(reported)]
    got = np.array([exact[pos[m]] for m in reported if m in pos])
    true_ids = {ids[i] for i in np.argsort(-exact, kind="stable")[:len(reported)]}
    per_rank = [float(a / b) if b else 1.0 for a, b in zip(np.sort(got)[::-1], true_top)]
    return {
        "reported": len(reported), "exact_seconds": seconds,
        "sum_share": float(got.sum() / true_top.sum()) if true_top.sum() else 1.0,
        "min_rank_share": min(per_rank) if per_rank else None,
        "overlap": len(true_ids & set(reported)),
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings(neo4j_uri=args.uri, neo4j_password=args.password,
                        neo4j_acquisition_timeout=60.0)
    driver = create_driver(settings)
    db = Database(driver, settings.neo4j_database)
    job = registry.get(args.job)
    captured: dict[str, Any] = {}

    async def load(db_: Database, params: dict[str, Any]) -> Any:
        loaded = await job.load(db_, params)
        if args.job == "suggest-contacts":
            captured["loaded"] = loaded
        return loaded

    def compute(loaded: Any, params: dict[str, Any]) -> Any:
        cpu = time.process_time()
        result = job.compute(loaded, params)
        captured["compute_cpu"] = time.process_time() - cpu
        if args.job == "network-metrics":
            captured["result"] = result
        return result

    registry._JOBS[args.job] = dataclasses.replace(job, load=load, compute=compute)
    rss_before = max_rss_mib()
    try:
        run = await run_job(db, args.job, {})
        out: dict[str, Any] = {"job": args.job, "status": run.status, "timings": run.timings,
                               "counts": run.counts, "peak_rss_mib": max_rss_mib(),
                               "rss_before_mib": rss_before}
        if args.job == "suggest-contacts":
            loaded, params = captured.pop("loaded"), job.params({})
            # CPU time as well as wall: on a shared machine the wall time of either can
            # grow several times with the load, CPU time hardly.
            computes, compute_cpus = [run.timings["compute"]], [captured["compute_cpu"]]
            for _ in range(args.repeat - 1):
                t, cpu = time.perf_counter(), time.process_time()
                job.compute(loaded, params)
                computes.append(time.perf_counter() - t)
                compute_cpus.append(time.process_time() - cpu)
            bares, bare_cpus = [], []
            for _ in range(args.repeat):
                t, cpu = time.perf_counter(), time.process_time()
                bare_adamic_adar_top10(loaded)
                bares.append(time.perf_counter() - t)
                bare_cpus.append(time.process_time() - cpu)
            out["compute_best"], out["bare_best"] = min(computes), min(bares)
            out["compute_cpu_best"], out["bare_cpu_best"] = min(compute_cpus), min(bare_cpus)
            out["ties"] = (
                len(loaded["contacts"]) + len(loaded["memberships"]) + len(loaded["attendance"])
            )
            if args.load_probe:
                out["load_probe"] = await load_probe(db)
        if args.job == "network-metrics":
            out["betweenness"] = (captured.get("result") or {}).get("betweenness")
        if args.job == "network-metrics" and args.size <= args.exact_max:
            ids, edges = await contact_graph(db)
            out["brokers"] = broker_check(captured.get("result"), ids, edges)
        return out
    finally:
        await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("job")
    parser.add_argument("--uri", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--exact-max", type=int, default=10_000)
    parser.add_argument("--load-probe", action="store_true",
                        help="suggest-contacts: also time its largest reads one record per row")
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
