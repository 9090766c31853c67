"""The benchmark's own Neo4j: its own ports and home (.peernet/neo4j/bench), wiped per size,
never the dev or test instance."""

from __future__ import annotations

import os
import shutil

from peernet.config import Settings, get_settings
from peernet.neo4j_launcher import Instance, start, stop

PASSWORD = "peernet-bench-password"


def bench_instance(size: int) -> Instance:
    """Heap and page cache sized for the data: the 100,000-manager graph is ~2 GiB on disk
    and its one-transaction imports need more heap than the small sizes."""
    base = get_settings()
    large = size >= 50_000
    # BENCH_INSTANCE names a second bench instance (own home), so a large size can be
    # loaded while another size is being measured.
    name = os.environ.get("BENCH_INSTANCE", "bench")
    return Instance(
        name=name,
        bolt_port=int(os.environ.get("BENCH_BOLT_PORT", "7695")),
        http_port=int(os.environ.get("BENCH_HTTP_PORT", "7495")),
        password=PASSWORD,
        home=base.state_dir / "neo4j" / name,
        version=base.neo4j_version,
        heap=os.environ.get("BENCH_HEAP", "4g" if large else "2g"),
        pagecache=os.environ.get("BENCH_PAGECACHE", "3g" if large else "2g"),
    )


def settings_for(instance: Instance, **extra) -> Settings:
    return Settings(neo4j_uri=instance.uri, neo4j_password=PASSWORD, **extra)


def env_for(instance: Instance) -> dict[str, str]:
    """Environment of a subprocess (server, job worker) that should use the bench instance."""
    return {**os.environ, "PEERNET_NEO4J_URI": instance.uri, "PEERNET_NEO4J_PASSWORD": PASSWORD}


def fresh(instance: Instance) -> None:
    """Stop the instance if it runs, delete its data, and start it empty."""
    stop(instance, echo=lambda *_: None)
    for sub in ("data", "logs", "run"):
        shutil.rmtree(instance.home / sub, ignore_errors=True)
    start(instance, timeout=240, echo=lambda msg: print(f"  {msg}", flush=True))


def running(instance: Instance) -> None:
    """Start the instance if it is not running, keeping its data (``BENCH_REUSE``)."""
    start(instance, timeout=240, echo=lambda msg: print(f"  {msg}", flush=True))


def shut(instance: Instance) -> None:
    stop(instance, echo=lambda *_: None)


__all__ = ["PASSWORD", "bench_instance", "env_for", "fresh", "running", "settings_for", "shut"]
