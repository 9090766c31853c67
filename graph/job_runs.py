"""Cypher for the record of each job run: when, with what parameters, which step it is on and
how far along, what it counted, how long each step took, and how it ended.

A run is written when it starts (RUNNING), updated as it moves from step to step, and
finished as SUCCEEDED or FAILED, so anyone watching (the CLI, the admin page) sees the same
progress from the graph. While it runs, the runner touches its heartbeat; a RUNNING run whose
heartbeat is older than ``STALE_SECONDS`` belonged to a process that stopped (killed, a
crash, a restart) and is reported as FAILED, so nobody waits for it forever. The heartbeat is
the database's clock, so clocks on different machines cannot make a live run look dead.

One run per job at a time: a run starts only by claiming its job's ``:JobLock`` (one node per
job, unique by ``job``), in the same transaction that records it. The lock names its holder's
run, and is free when nobody holds it, when the holder has finished, or when the holder's
heartbeat is older than ``STALE_SECONDS`` (its process died). Otherwise :func:`start` records
nothing and returns the holder's run id. The run's own heartbeat keeps the lock fresh, and
finishing the run releases it.

Written by the job runner (:mod:`peernet.jobs.runner`); read by the CLI (``peernet jobs``)
and the GraphQL job fields (``resolvers/jobs.py``, ``schema/jobs.py``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run

RUNNING, SUCCEEDED, FAILED = "RUNNING", "SUCCEEDED", "FAILED"
STALE_SECONDS = 120  # the runner beats every 15 s; this many seconds of silence means it died
ABANDONED = "abandoned: the process running it stopped"

# Setting a property first takes the lock node's write lock, so two starts at once queue here
# and the second reads the holder the first committed (no two claim a free lock together).
CLAIM_LOCK = """
MERGE (l:JobLock {job: $job})
SET l.claiming = true
WITH l
OPTIONAL MATCH (holder:JobRun {id: l.runId})
WITH l, holder,
     holder IS NULL OR holder.status <> 'RUNNING'
     OR coalesce(holder.heartbeat, datetime(holder.startedAt))
        < datetime.realtime() - duration({seconds: $stale}) AS free
SET l.runId = CASE WHEN free THEN $runId ELSE l.runId END
REMOVE l.claiming
RETURN free AS claimed, l.runId AS holder
"""
RELEASE_LOCK = """
MATCH (l:JobLock {job: $job, runId: $runId}) REMOVE l.runId
"""
START_RUN = """
CREATE (r:JobRun {id: $id, job: $job, startedAt: $startedAt, finishedAt: null,
                  status: $status, params: $params, counts: '{}', timings: '{}',
                  error: null, step: $step, fraction: $fraction,
                  heartbeat: datetime.realtime()})
"""
PROGRESS = """
MATCH (r:JobRun {id: $id}) WHERE r.status = 'RUNNING'
SET r.step = $step, r.fraction = $fraction, r.timings = $timings, r.heartbeat = datetime.realtime()
"""
BEAT = """
MATCH (r:JobRun {id: $id}) WHERE r.status = 'RUNNING' SET r.heartbeat = datetime.realtime()
"""
FINISH_RUN = """
MATCH (r:JobRun {id: $id})
SET r.finishedAt = $finishedAt, r.status = $status, r.counts = $counts, r.timings = $timings,
    r.error = $error, r.step = $step, r.fraction = $fraction
"""
RUNS = """
MATCH (r:JobRun) WHERE $job IS NULL OR r.job = $job
RETURN r {.id, .job, .startedAt, .finishedAt, .status, .params, .counts, .timings, .error,
          .step, .fraction,
          abandoned: r.status = 'RUNNING' AND coalesce(r.heartbeat, datetime(r.startedAt))
                     < datetime.realtime() - duration({seconds: $stale})} AS run
ORDER BY r.startedAt DESC, r.id DESC LIMIT $limit
"""


@dataclass(frozen=True)
class JobRun:
    id: str
    job: str
    started_at: str
    finished_at: str | None
    status: str
    params: dict[str, Any]
    counts: dict[str, int]
    timings: dict[str, float]
    error: str | None
    step: str | None = None
    fraction: float | None = None


def parse(row: dict[str, Any]) -> JobRun:
    abandoned = bool(row.get("abandoned"))
    return JobRun(
        id=row["id"], job=row["job"], started_at=row["startedAt"],
        finished_at=row.get("finishedAt"), status=FAILED if abandoned else row["status"],
        params=json.loads(row.get("params") or "{}"),
        counts=json.loads(row.get("counts") or "{}"),
        timings=json.loads(row.get("timings") or "{}"),
        error=ABANDONED if abandoned else row.get("error"),
        step=row.get("step"), fraction=row.get("fraction"),
    )


async def start(db: Database, run_: JobRun) -> str | None:
    """Claim the job's lock and record the run as started, in one transaction; or, when
    another live run holds the lock, record nothing and return that run's id."""

    async def work(tx: AsyncManagedTransaction) -> str | None:
        (lock,) = await run(tx, CLAIM_LOCK, job=run_.job, runId=run_.id, stale=STALE_SECONDS)
        if not lock["claimed"]:
            return str(lock["holder"])
        await run(
            tx, START_RUN, id=run_.id, job=run_.job, startedAt=run_.started_at,
            status=run_.status, params=json.dumps(run_.params, sort_keys=True, default=str),
            step=run_.step, fraction=run_.fraction,
        )
        return None

    return await db.write(work)


async def progress(db: Database, run_id: str, *, step: str, fraction: float,
                   timings: dict[str, float]) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await run(tx, PROGRESS, id=run_id, step=step, fraction=fraction,
                  timings=json.dumps(timings, sort_keys=True))

    await db.write(work)


async def beat(db: Database, run_id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await run(tx, BEAT, id=run_id)

    await db.write(work)


async def finish(db: Database, run_: JobRun) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await run(
            tx, FINISH_RUN, id=run_.id, finishedAt=run_.finished_at, status=run_.status,
            counts=json.dumps(run_.counts, sort_keys=True),
            timings=json.dumps(run_.timings, sort_keys=True), error=run_.error,
            step=run_.step, fraction=run_.fraction,
        )
        await run(tx, RELEASE_LOCK, job=run_.job, runId=run_.id)

    await db.write(work)


async def release(db: Database, job: str, run_id: str) -> None:
    """Free the job's lock if this run still holds it (a run whose end could not be recorded;
    a lock taken over from it stays with its new holder)."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await run(tx, RELEASE_LOCK, job=job, runId=run_id)

    await db.write(work)


async def recent(db: Database, *, job: str | None = None, limit: int = 20) -> list[JobRun]:
    rows = await db.read(RUNS, job=job, limit=limit, stale=STALE_SECONDS)
    return [parse(r["run"]) for r in rows]


__all__ = ["ABANDONED", "FAILED", "RUNNING", "STALE_SECONDS", "SUCCEEDED", "JobRun", "beat",
           "finish", "parse", "progress", "recent", "release", "start"]
