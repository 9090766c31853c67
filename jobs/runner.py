"""Run a registered job: load, compute (in a worker thread, so a server stays responsive),
write; time each step, and record the run whether it succeeded or failed."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Callable

from peernet.graph import job_runs
from peernet.graph.driver import Database
from peernet.observability import record_job

from . import registry

Progress = Callable[[str, float], None]  # (step, fraction done of the whole job)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def run_job(
    db: Database, name: str, params: registry.Params | None = None, *,
    progress: Progress | None = None,
) -> job_runs.JobRun:
    job = registry.get(name)
    merged = job.params(params)
    started, timings, counts = _now(), {}, {}
    report = progress or (lambda step, fraction: None)
    status, error = "SUCCEEDED", None
    try:
        report("load", 0.0)
        t0 = time.perf_counter()
        loaded = await job.load(db, merged)
        timings["load"] = round(time.perf_counter() - t0, 3)
        report("compute", 0.33)
        t0 = time.perf_counter()
        result = await asyncio.to_thread(job.compute, loaded, merged)
        timings["compute"] = round(time.perf_counter() - t0, 3)
        report("write", 0.66)
        t0 = time.perf_counter()
        counts = await job.write(db, result, merged)
        timings["write"] = round(time.perf_counter() - t0, 3)
        report("done", 1.0)
        record_job(name, timings, counts)
    except Exception as exc:
        status, error = "FAILED", type(exc).__name__
        raise
    finally:
        run = job_runs.JobRun(
            id=f"run-{uuid.uuid4().hex[:12]}", job=name, started_at=started,
            finished_at=_now(), status=status, params=merged, counts=counts,
            timings=timings, error=error,
        )
        try:
            await job_runs.record(db, run)
        except Exception:
            if status == "SUCCEEDED":
                raise
    return run


__all__ = ["Progress", "run_job"]
