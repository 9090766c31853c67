"""Run a registered job: load, compute (in a worker thread, so a server stays responsive),
write; time each step. The run is recorded as RUNNING when it starts, its step and fraction
are updated as it goes (the admin page polls them), and it ends SUCCEEDED or FAILED.
One run per job at a time: starting a job whose previous run is still alive raises
:class:`~peernet.errors.Conflict` naming that run (``graph/job_runs.py`` holds the lock).
Used by the CLI (``peernet jobs run``, ``peernet demo``), the ``runJob`` mutation
(``resolvers/jobs.py``), ``bench/run.py`` and ``bench/job_worker.py``."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable

from peernet.errors import Conflict, PeernetError
from peernet.graph import job_runs
from peernet.graph.driver import Database
from peernet.observability import record_job

from . import registry

Progress = Callable[[str, float], None]  # (step, fraction done of the whole job)

# Where each step starts, as a fraction of the whole job.
STEPS = (("load", 0.0), ("compute", 0.33), ("write", 0.66))
DONE = ("done", 1.0)
HEARTBEAT_SECONDS = 15.0  # well inside job_runs.STALE_SECONDS

log = logging.getLogger("peernet.jobs")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def _heartbeat(db: Database, run_id: str) -> None:
    """Tell watchers the run is alive while a long step (a compute in its thread) says nothing."""
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        try:
            await job_runs.beat(db, run_id)
        except Exception:
            log.warning("could not record the heartbeat of %s", run_id, exc_info=True)


def describe(exc: BaseException) -> str:
    """What the run record says went wrong. Our own errors carry a message written for users;
    anything else may quote internals (Cypher, data), so only its type is recorded and the
    traceback goes to the log."""
    if isinstance(exc, PeernetError):
        return f"{exc.code}: {exc.message}"
    if isinstance(exc, asyncio.CancelledError):
        return "cancelled"
    return type(exc).__name__


async def run_job(
    db: Database, name: str, params: registry.Params | None = None, *,
    progress: Progress | None = None,
) -> job_runs.JobRun:
    job = registry.get(name)
    merged = job.params(params)  # bad parameters fail here, before anything is recorded
    report = progress or (lambda step, fraction: None)
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    run = job_runs.JobRun(
        id=f"run-{uuid.uuid4().hex[:12]}", job=name, started_at=_now(), finished_at=None,
        status=job_runs.RUNNING, params=merged, counts={}, timings={}, error=None,
        step=STEPS[0][0], fraction=STEPS[0][1],
    )
    holder = await job_runs.start(db, run)
    if holder is not None:
        raise Conflict(f"job {name!r} is already running (run {holder})", field="name")
    beating = asyncio.create_task(_heartbeat(db, run.id))
    at = STEPS[0]

    async def enter(step: tuple[str, float]) -> None:
        nonlocal at
        at = step
        report(*step)
        if step is not STEPS[0]:  # the start already recorded the first step
            try:
                await job_runs.progress(db, run.id, step=step[0], fraction=step[1], timings=timings)
            except Exception:  # progress is for watchers; a missed update must not fail the job
                log.warning("could not record progress of %s (%s)", name, run.id, exc_info=True)

    status, error = job_runs.SUCCEEDED, None
    try:
        await enter(STEPS[0])
        t0 = time.perf_counter()
        loaded = await job.load(db, merged)
        timings["load"] = round(time.perf_counter() - t0, 3)
        await enter(STEPS[1])
        t0 = time.perf_counter()
        result = await asyncio.to_thread(job.compute, loaded, merged)
        timings["compute"] = round(time.perf_counter() - t0, 3)
        await enter(STEPS[2])
        t0 = time.perf_counter()
        counts = await job.write(db, result, merged)
        timings["write"] = round(time.perf_counter() - t0, 3)
        report(*DONE)
        at = DONE
        record_job(name, timings, counts)
    except BaseException as exc:  # cancellation too: a cancelled run must not stay RUNNING
        status, error = job_runs.FAILED, describe(exc)
        if not isinstance(exc, asyncio.CancelledError):
            log.error("job %s (%s) failed in %s", name, run.id, at[0], exc_info=True)
        raise
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating
        run = dataclasses.replace(
            run, finished_at=_now(), status=status, counts=counts or {}, timings=timings,
            error=error, step=at[0], fraction=at[1],
        )
        try:
            await job_runs.finish(db, run)  # also releases the job's lock
        except Exception:
            # Free the job for the next run even so; if this fails too, the lock is taken
            # over once the run's heartbeat is stale.
            with contextlib.suppress(Exception):
                await job_runs.release(db, name, run.id)
            if status == job_runs.SUCCEEDED:
                raise
            log.warning("could not record the failure of %s (%s)", name, run.id, exc_info=True)
    return run


__all__ = ["DONE", "STEPS", "Progress", "describe", "run_job"]
