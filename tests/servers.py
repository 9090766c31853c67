"""Run the real API under uvicorn in a subprocess on 127.0.0.1, for tests that need a server
over a socket (the GraphQL-over-HTTP audit, the fault test)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def uvicorn_server(env: dict[str, str] | None = None, *, timeout: float = 60.0) -> Iterator[str]:
    """Start ``peernet.app:create_app`` and yield its base URL; stop it afterwards."""
    port = free_port()
    with open(ROOT / ".peernet" / f"uvicorn-test-{port}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "peernet.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"uvicorn exited with {process.returncode}; see {log.name}")
                try:
                    if httpx.get(f"{url}/health/live", timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn did not answer within {timeout:.0f} s")
                time.sleep(0.2)
            yield url
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


__all__ = ["free_port", "uvicorn_server"]
