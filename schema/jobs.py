"""Running jobs through GraphQL (admins only) and reading their recorded runs."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from peernet.graph import job_runs
from peernet.resolvers.context import Info
from peernet.resolvers import jobs as resolve


@strawberry.type(description="One recorded run of a job.")
class JobRun:
    id: strawberry.ID
    job: str
    started_at: str
    finished_at: str
    status: str
    params: JSON
    counts: JSON
    timings: JSON = strawberry.field(description="Seconds spent loading, computing and writing.")

    @classmethod
    def of(cls, r: job_runs.JobRun) -> "JobRun":
        return cls(id=strawberry.ID(r.id), job=r.job, started_at=r.started_at,
                   finished_at=r.finished_at, status=r.status, params=r.params,
                   counts=r.counts, timings=r.timings)


@strawberry.type
class JobQuery:
    @strawberry.field(description="Recent job runs, newest first (admins only).")
    async def job_runs(self, info: Info, job: str | None = None, first: int = 20) -> list[JobRun]:
        return [JobRun.of(r) for r in await resolve.job_runs_(info, job=job, first=first)]


@strawberry.type
class JobMutation:
    @strawberry.mutation(description="Run a job now (admins only); returns the recorded run.")
    async def run_job(self, info: Info, name: str, params: JSON | None = None) -> JobRun:
        return JobRun.of(await resolve.run_job(info, name=name, params=params))


__all__ = ["JobMutation", "JobQuery", "JobRun"]
