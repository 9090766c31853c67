"""Latency of ``findPeers`` through the GraphQL schema, in-process, against a running Neo4j.

    python -m bench.find_peers [--manager m-001] [--calls 50] [--server-pid PID]

Neo4j is the one the settings point at (``PEERNET_NEO4J_URI``/``PEERNET_NEO4J_PASSWORD``; by
default the dev instance that ``make demo`` fills). Prints the wall-clock median and p95 of
``--calls`` calls, cycling through a few Swedish and English questions, and the CPU time per
call of the client (this process) and, when the server's pid is known (``--server-pid``, or the
dev instance's pid file), of the Neo4j server: on a busy machine wall-clock time mostly
measures the neighbours, CPU time what a call costs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

from peernet.config import get_settings
from peernet.domain.viewer import Viewer
from peernet.graph.driver import Database, create_driver
from peernet.resolvers.context import Context
from peernet.schema import build_schema
from peernet.seeds.demo import DEMO_MANAGER_ID

QUERY = """
query($q: String!, $first: Int!) { findPeers(problem: $q, first: $first) {
  peer { id name } department { name } score reasons
  matchedProblems { problem { id title category restricted } outcome handledAt }
  connection { length steps { via manager { id name } cohort { name } } }
} }"""
QUESTIONS = (
    "IT-supporten svarar inte", "sjukskrivningar", "konflikter i arbetsgruppen",
    "IT support not answering", "budgeten räcker inte till vikarier",
    "Långa svarstider hos IT-supporten. Supportärenden tar veckor innan någon tittar på dem.",
)


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process (Linux ``/proc``); 0 when unknown."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _dev_server_pid() -> int | None:
    pid_file = get_settings().state_dir / "neo4j" / "dev" / "neo4j.pid"
    try:
        return int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


async def measure(
    manager_id: str, calls: int, first: int, server_pid: int | None,
) -> dict[str, float]:
    settings = get_settings()
    driver = create_driver(settings)
    schema = build_schema(settings)
    viewer = Viewer(manager_id, frozenset({"manager"}))

    async def call(question: str) -> None:
        context = Context(db=Database(driver, settings.neo4j_database), viewer=viewer,
                          settings=settings)
        result = await schema.execute(QUERY, variable_values={"q": question, "first": first},
                                      context_value=context)
        if result.errors:
            raise RuntimeError(result.errors[0])

    try:
        for question in QUESTIONS:  # warm the plan cache and the connection pool
            await call(question)
        walls = []
        server0, client0 = _cpu_seconds(server_pid), time.process_time()
        for i in range(calls):
            start = time.perf_counter()
            await call(QUESTIONS[i % len(QUESTIONS)])
            walls.append((time.perf_counter() - start) * 1000)
        server1, client1 = _cpu_seconds(server_pid), time.process_time()
    finally:
        await driver.close()
    walls.sort()
    return {
        "median_ms": statistics.median(walls),
        "p95_ms": walls[max(0, round(0.95 * calls) - 1)],
        "client_cpu_ms": 1000 * (client1 - client0) / calls,
        "server_cpu_ms": 1000 * (server1 - server0) / calls if server_pid else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manager", default=DEMO_MANAGER_ID, help="the asker's id")
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--first", type=int, default=5)
    parser.add_argument("--server-pid", type=int, default=None)
    args = parser.parse_args()
    pid = args.server_pid or _dev_server_pid()
    found = asyncio.run(measure(args.manager, args.calls, args.first, pid))
    print(f"findPeers, {args.calls} calls as {args.manager}: median {found['median_ms']:.1f} ms, "
          f"p95 {found['p95_ms']:.1f} ms; CPU per call: Neo4j {found['server_cpu_ms']:.1f} ms, "
          f"client {found['client_cpu_ms']:.1f} ms")


if __name__ == "__main__":
    main()
