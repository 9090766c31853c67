"""API: ``peernet serve --workers N`` in a subprocess on 127.0.0.1, driven by the load
generator (``bench.loadgen``) in another, for 1 and 2 workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from peernet.neo4j_launcher import Instance

from .instance import PASSWORD, env_for
from .results import Entry, Results

P50_TARGET = 2.0  # × floor, at 10,000 managers
FIND_PEERS_P95_MS = 50.0


def _peernet() -> list[str]:
    script = Path(sys.executable).with_name("peernet")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                  "from peernet.cli import main; main()"]


class Server:
    """``peernet serve`` in its own process group, stopped (only it) on exit."""

    def __init__(self, instance: Instance, workers: int, port: int, log: Path, *,
                 checkout: Path | None = None) -> None:
        """``checkout``: serve another checkout's code (its own ``.venv``), as
        ``bench.api_ab`` does for the code before a change; default this one."""
        self.url = f"http://127.0.0.1:{port}"
        env = {**env_for(instance), "PEERNET_PORT": str(port)}
        command = [str(checkout / ".venv" / "bin" / "peernet")] if checkout else _peernet()
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [*command, "serve", "--workers", str(workers), "--host", "127.0.0.1",
             "--port", str(port)],
            env=env, cwd=checkout, stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"peernet serve exited; see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/health/ready", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("peernet serve did not become ready within 90 s")

    def __exit__(self, *exc: Any) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def run_loadgen(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    spec_path, out_path = work / "loadgen-spec.json", work / "loadgen-out.json"
    spec_path.write_text(json.dumps(spec))
    subprocess.run([sys.executable, "-m", "bench.loadgen", str(spec_path), str(out_path)],
                   check=True, timeout=3600, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out_path.read_text())


def bench_api(instance: Instance, cases: list[dict], size: int, results: Results, work: Path,
              *, workers: tuple[int, ...] = (1, 2)) -> None:
    port = int(os.environ.get("BENCH_API_PORT", "8795"))
    spec = {
        "bolt": {"uri": instance.uri, "password": PASSWORD},
        "latency": {
            "requests": int(os.environ.get("BENCH_LATENCY_REQUESTS", "300")),
            "seconds": float(os.environ.get("BENCH_PHASE_SECONDS", "25")),
            "warmup": 20,
        },
        "throughput": {
            "clients": 16,
            "requests": int(os.environ.get("BENCH_THROUGHPUT_REQUESTS", "800")),
            "seconds": float(os.environ.get("BENCH_PHASE_SECONDS", "25")),
        },
        "cases": cases,
    }
    for n in workers:
        print(f"  API with {n} worker(s)…", flush=True)
        with Server(instance, n, port, work / f"serve-{size}-w{n}.log") as server:
            measured = run_loadgen({**spec, "url": f"{server.url}/graphql"}, work)
        for name, r in measured.items():
            _entries(results, size, name, n, r)


def _entries(results: Results, size: int, name: str, workers: int, r: dict[str, Any]) -> None:
    base = f"api.{name}.w{workers}"
    api, floor = r["api_latency"], r["floor_latency"]
    note = f"n={api['n']}, errors={api['errors']}" + (
        f"; {r['api_errors'][0]}" if r["api_errors"] else ""
    )
    p50 = results.add(Entry(f"{base}.p50", size, api["p50_ms"], "ms", "cypher floor p50",
                            floor["p50_ms"], target="≤ 2× floor", note=note))
    p50.met = p50.ratio is not None and p50.ratio <= P50_TARGET and not api["errors"]
    p95 = results.add(Entry(f"{base}.p95", size, api["p95_ms"], "ms", "cypher floor p95",
                            floor["p95_ms"],
                            target="< 50 ms" if name == "find_peers" else None))
    if name == "find_peers":
        p95.met = api["p95_ms"] < FIND_PEERS_P95_MS and not api["errors"]
    thr, floor_thr = r["api_throughput"], r["floor_throughput"]
    results.add(Entry(f"{base}.throughput16", size, thr["rps"], "req/s", "cypher floor, 16 clients",
                      floor_thr["rps"],
                      note=f"16 clients, n={thr['n']}, errors={thr['errors']}, "
                           f"p50 {thr['p50_ms']:.0f} ms, p95 {thr['p95_ms']:.0f} ms"))


__all__ = ["Server", "bench_api"]
