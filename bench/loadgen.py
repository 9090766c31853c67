"""Load generator, run in its own process: GraphQL over HTTP on loopback (httpx, asyncio)
and, for the floor, the same data through the async Neo4j driver.

Per case, interleaved so both see the same machine load: floor latency, API latency (one
client, one request at a time), floor throughput, API throughput (``clients`` at once).
Every phase stops at its request count or its time limit, whichever comes first; only
loopback addresses are accepted.

    python -m bench.loadgen SPEC.json OUT.json
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlparse

import httpx
from neo4j import AsyncGraphDatabase, RoutingControl

LOOPBACK = ("127.0.0.1", "localhost", "::1")

Call = Callable[[int], Awaitable[None]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def sequential(call: Call, *, count: int, seconds: float, warmup: int) -> dict[str, Any]:
    for i in range(warmup):
        await call(i)
    times, errors, deadline = [], 0, time.perf_counter() + seconds
    for i in range(count):
        t = time.perf_counter()
        try:
            await call(i)
        except Exception:  # counted; the figure is reported with its error count
            errors += 1
            continue
        times.append(time.perf_counter() - t)
        if time.perf_counter() > deadline:
            break
    return {"n": len(times), "errors": errors, "p50_ms": percentile(times, 0.5) * 1000,
            "p95_ms": percentile(times, 0.95) * 1000, "mean_ms": statistics.fmean(times) * 1000
            if times else float("nan")}


async def concurrent(call: Call, *, clients: int, count: int, seconds: float) -> dict[str, Any]:
    times: list[float] = []
    errors = 0
    next_index = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def client() -> None:
        nonlocal next_index, errors
        while next_index < count and time.perf_counter() < deadline:
            i = next_index
            next_index += 1
            t = time.perf_counter()
            try:
                await call(i)
            except Exception:
                errors += 1
                continue
            times.append(time.perf_counter() - t)

    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - start
    return {"n": len(times), "errors": errors, "seconds": elapsed, "rps": len(times) / elapsed,
            "p50_ms": percentile(times, 0.5) * 1000, "p95_ms": percentile(times, 0.95) * 1000}


class GraphQLError(RuntimeError):
    pass


def graphql_call(
    client: httpx.AsyncClient, url: str, case: dict[str, Any], errors: list[str]
) -> Call:
    requests = case["requests"]
    bodies = [json.dumps({"query": case["query"], "variables": r["variables"]}).encode()
              for r in requests]
    headers = [{"authorization": f"Bearer {r['token']}", "content-type": "application/json",
                "accept": "application/json"} for r in requests]

    async def call(i: int) -> None:
        k = i % len(bodies)
        response = await client.post(url, content=bodies[k], headers=headers[k])
        payload = response.json()
        if response.status_code != 200 or payload.get("errors"):
            if len(errors) < 3:
                errors.append(f"{response.status_code}: {json.dumps(payload)[:300]}")
            raise GraphQLError(response.status_code)

    return call


def floor_call(driver: Any, floor: dict[str, Any]) -> Call:
    params = floor["params"]

    async def read(query: str, values: dict[str, Any]) -> list[dict[str, Any]]:
        records, _, _ = await driver.execute_query(query, values, database_="neo4j",
                                                   routing_=RoutingControl.READ)
        return [r.data() for r in records]

    if floor["kind"] == "cypher":
        async def call(i: int) -> None:
            await read(floor["query"], params[i % len(params)])
        return call

    raise ValueError(f"unknown floor kind {floor['kind']!r}")


async def main(spec: dict[str, Any]) -> dict[str, Any]:
    url = spec["url"]
    if (
        urlparse(url).hostname not in LOOPBACK
        or urlparse(spec["bolt"]["uri"]).hostname not in LOOPBACK
    ):
        raise SystemExit("the load generator only talks to loopback addresses")
    lat, thr = spec["latency"], spec["throughput"]
    out: dict[str, Any] = {}
    limits = httpx.Limits(max_connections=thr["clients"], max_keepalive_connections=thr["clients"])
    driver = AsyncGraphDatabase.driver(
        spec["bolt"]["uri"], auth=("neo4j", spec["bolt"]["password"]),
        max_connection_pool_size=thr["clients"] * 2, notifications_min_severity="OFF",
    )
    try:
        async with httpx.AsyncClient(limits=limits, timeout=60.0) as client:
            for case in spec["cases"]:
                errors: list[str] = []
                api = graphql_call(client, url, case, errors)
                floor = floor_call(driver, case["floor"])
                result = {
                    "floor_latency": await sequential(
                        floor, count=lat["requests"], seconds=lat["seconds"], warmup=lat["warmup"]
                    ),
                    "api_latency": await sequential(
                        api, count=lat["requests"], seconds=lat["seconds"], warmup=lat["warmup"]
                    ),
                    "floor_throughput": await concurrent(
                        floor, clients=thr["clients"], count=thr["requests"], seconds=thr["seconds"]
                    ),
                    "api_throughput": await concurrent(
                        api, clients=thr["clients"], count=thr["requests"], seconds=thr["seconds"]
                    ),
                    "api_errors": errors,
                }
                out[case["name"]] = result
                print(f"    {case['name']}: api p50 {result['api_latency']['p50_ms']:.1f} ms, "
                      f"floor p50 {result['floor_latency']['p50_ms']:.1f} ms"
                      + (f"; errors: {errors[0]}" if errors else ""), file=sys.stderr, flush=True)
    finally:
        await driver.close()
    return out


if __name__ == "__main__":
    spec_path, out_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    result = asyncio.run(main(spec))
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
