"""Two builds of the API side by side on one loaded bench Neo4j: an earlier checkout ("old")
and this one ("new"), each ``peernet serve`` with one worker, measured in interleaved blocks.

Each block runs the load generator's latency phase once per build (the order alternates
between blocks), so both builds and their floors see the same machine load; a block's figure
for a case is its API p50 divided by the floor p50 measured in the same phase. The summary is
the median over blocks of those per-block ratios, and new ÷ old of the medians.

    python -m bench.api_ab --old /path/to/old/checkout [--size 1000] [--blocks 5]
                           [--requests 60] [--cases manager,find_peers]

The old checkout needs its own ``.venv`` (``make setup`` there). The bench instance must
already hold the organisation and the jobs' results (``BENCH_KEEP=1 BENCH_SIZES=1000
BENCH_ONLY=api make bench`` leaves it so).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
from pathlib import Path
from typing import Any

from peernet.config import get_settings
from peernet.schema import build_schema
from peernet.seeds.synthetic import build_synthetic

from .api_bench import Server, run_loadgen
from .api_cases import build_cases
from .instance import PASSWORD, bench_instance, settings_for

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"


def _block(name: str, server: Server, spec: dict[str, Any]) -> dict[str, dict[str, float]]:
    measured = run_loadgen({**spec, "url": f"{server.url}/graphql"}, WORK)
    out = {}
    for case, r in measured.items():
        api, floor = r["api_latency"], r["floor_latency"]
        if api["errors"]:
            raise SystemExit(f"{name} {case}: {api['errors']} errors: {r['api_errors'][:1]}")
        out[case] = {"api_p50": api["p50_ms"], "floor_p50": floor["p50_ms"],
                     "ratio": api["p50_ms"] / floor["p50_ms"]}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the earlier checkout")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--blocks", type=int, default=5)
    parser.add_argument("--requests", type=int, default=60, help="per case, build and block")
    parser.add_argument("--cases", default="", help="comma-separated case names (default all)")
    parser.add_argument("--ports", default="8811,8812")
    args = parser.parse_args(argv)

    WORK.mkdir(parents=True, exist_ok=True)
    instance = bench_instance(args.size)
    settings = settings_for(instance)
    cases = build_cases(build_synthetic(args.size), settings, build_schema(get_settings()))
    wanted = {c for c in args.cases.split(",") if c}
    spec = {
        "bolt": {"uri": instance.uri, "password": PASSWORD},
        "latency": {"requests": args.requests, "seconds": 60.0, "warmup": 10},
        "throughput": {"clients": 16, "requests": 0, "seconds": 0.0},
        "cases": [c for c in cases if not wanted or c["name"] in wanted],
    }
    old_port, new_port = (int(p) for p in args.ports.split(","))
    old_checkout = args.old.resolve()
    if not (old_checkout / ".venv" / "bin" / "peernet").exists():
        raise SystemExit(f"{old_checkout} has no .venv: run `make setup` there")
    blocks: dict[str, list[dict[str, dict[str, float]]]] = {"old": [], "new": []}
    with contextlib.ExitStack() as stack:
        servers = [
            ("old", stack.enter_context(Server(instance, 1, old_port, WORK / "ab-old.log",
                                               checkout=old_checkout))),
            ("new", stack.enter_context(Server(instance, 1, new_port, WORK / "ab-new.log"))),
        ]
        for i in range(args.blocks):
            for name, server in servers if i % 2 == 0 else servers[::-1]:
                blocks[name].append(_block(name, server, spec))
            print(f"block {i + 1}/{args.blocks} done", flush=True)

    names = [c["name"] for c in spec["cases"]]
    summary = {}
    print(f"\n{'case':24} {'old ×floor':>10} {'new ×floor':>10} {'new÷old':>8}   "
          f"(medians of {args.blocks} per-block ratios, {args.size:,} managers, 1 worker)")
    for name in names:
        old = statistics.median(b[name]["ratio"] for b in blocks["old"])
        new = statistics.median(b[name]["ratio"] for b in blocks["new"])
        summary[name] = {"old_ratio": old, "new_ratio": new, "new_over_old": new / old}
        print(f"{name:24} {old:10.2f} {new:10.2f} {new / old:8.3f}")
    out = WORK / f"ab-{args.size}.json"
    out.write_text(json.dumps({"blocks": blocks, "summary": summary}, indent=1))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
