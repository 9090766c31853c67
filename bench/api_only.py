"""The API figures alone, against a bench Neo4j that already holds a loaded organisation (as
``BENCH_KEEP=1 python -m bench.run`` leaves it): ``peernet serve`` in a subprocess, the load
generator in another, API and floor p50/p95 per case in the same run. Nothing is loaded,
written or wiped; the jobs' results (suggestions, metrics snapshots) must already be there.

    python -m bench.api_only [--size 10000] [--workers 1] [--requests 200] [--seconds 25]
                             [--cases manager,find_peers] [--throughput]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
from pathlib import Path

from peernet.graph.driver import Database, create_driver
from peernet.schema import build_schema
from peernet.seeds.synthetic import build_synthetic

from .api_bench import Server, run_loadgen
from .api_cases import build_cases
from .instance import PASSWORD, bench_instance, settings_for

WORK = Path(__file__).resolve().parent / ".work"


async def _managers(settings) -> int:
    driver = create_driver(settings)
    try:
        return (await Database(driver, settings.neo4j_database).read(
            "MATCH (m:Manager) RETURN count(m) AS n"))[0]["n"]
    finally:
        await driver.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="managers the instance holds")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8796)
    parser.add_argument("--requests", type=int, default=200, help="latency requests per case")
    parser.add_argument("--seconds", type=float, default=25.0, help="time limit per phase")
    parser.add_argument("--cases", default="", help="comma-separated case names (default all)")
    parser.add_argument("--throughput", action="store_true", help="also 16 concurrent clients")
    args = parser.parse_args(argv)

    instance = bench_instance(args.size)
    settings = settings_for(instance)
    held = asyncio.run(_managers(settings))
    if held != args.size:
        raise SystemExit(f"{instance.uri} holds {held:,} managers, not {args.size:,}; "
                         "load it with BENCH_KEEP=1 python -m bench.run first")
    cases = build_cases(build_synthetic(args.size), settings, build_schema(settings))
    wanted = {c for c in args.cases.split(",") if c}
    unknown = wanted - {c["name"] for c in cases}
    if unknown:
        raise SystemExit(f"unknown case {sorted(unknown)[0]!r}; "
                         f"use {', '.join(c['name'] for c in cases)}")
    spec = {
        "bolt": {"uri": instance.uri, "password": PASSWORD},
        "latency": {"requests": args.requests, "seconds": args.seconds, "warmup": 20},
        "throughput": {"clients": 16, "requests": 800 if args.throughput else 0,
                       "seconds": args.seconds if args.throughput else 0.0},
        "cases": [c for c in cases if not wanted or c["name"] in wanted],
    }
    WORK.mkdir(parents=True, exist_ok=True)
    with Server(
        instance, args.workers, args.port, WORK / f"api-only-w{args.workers}.log"
    ) as server:
        measured = run_loadgen({**spec, "url": f"{server.url}/graphql"}, WORK)
    print(f"\n{'case':24} {'API p50':>8} {'floor p50':>10} {'ratio':>6} {'API p95':>8} "
          f"{'floor p95':>10}  (ms, {args.workers} worker(s), {args.size:,} managers)")
    for name, r in measured.items():
        api, floor = r["api_latency"], r["floor_latency"]
        ratio = api["p50_ms"] / floor["p50_ms"] if floor["p50_ms"] else math.nan
        line = (f"{name:24} {api['p50_ms']:8.1f} {floor['p50_ms']:10.1f} {ratio:6.2f} "
                f"{api['p95_ms']:8.1f} {floor['p95_ms']:10.1f}")
        if args.throughput:
            line += (f"  16 clients: {r['api_throughput']['rps']:.0f} vs "
                     f"{r['floor_throughput']['rps']:.0f} req/s")
        if api["errors"]:
            line += f"  errors={api['errors']} {r['api_errors'][:1]}"
        print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
