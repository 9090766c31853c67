"""Cypher for the record of each job run: when, with what parameters, what it counted, how
long each step took."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .driver import Database, run

RECORD_RUN = """
CREATE (r:JobRun {id: $id, job: $job, startedAt: $startedAt, finishedAt: $finishedAt,
                  status: $status, params: $params, counts: $counts, timings: $timings,
                  error: $error})
"""
RUNS = """
MATCH (r:JobRun) WHERE $job IS NULL OR r.job = $job
RETURN r {.*} AS run ORDER BY r.startedAt DESC, r.id DESC LIMIT $limit
"""


@dataclass(frozen=True)
class JobRun:
    id: str
    job: str
    started_at: str
    finished_at: str
    status: str
    params: dict[str, Any]
    counts: dict[str, int]
    timings: dict[str, float]
    error: str | None


def parse(row: dict[str, Any]) -> JobRun:
    return JobRun(
        id=row["id"], job=row["job"], started_at=row["startedAt"], finished_at=row["finishedAt"],
        status=row["status"], params=json.loads(row["params"] or "{}"),
        counts=json.loads(row["counts"] or "{}"), timings=json.loads(row["timings"] or "{}"),
        error=row.get("error"),
    )


async def record(db: Database, run_: JobRun) -> None:
    async def work(tx):
        await run(
            tx, RECORD_RUN, id=run_.id, job=run_.job, startedAt=run_.started_at,
            finishedAt=run_.finished_at, status=run_.status,
            params=json.dumps(run_.params, sort_keys=True, default=str),
            counts=json.dumps(run_.counts, sort_keys=True),
            timings=json.dumps(run_.timings, sort_keys=True), error=run_.error,
        )

    await db.write(work)


async def recent(db: Database, *, job: str | None = None, limit: int = 20) -> list[JobRun]:
    return [parse(r["run"]) for r in await db.read(RUNS, job=job, limit=limit)]


__all__ = ["JobRun", "parse", "recent", "record"]
