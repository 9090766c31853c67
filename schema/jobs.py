"""Running jobs through GraphQL (admins only) and reading their recorded runs."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from peernet.graph import job_runs
from peernet.resolvers import jobs as resolve
from peernet.resolvers.context import Info


@strawberry.type(description="One run of a job, recorded when it starts and updated as it goes.")
class JobRun:
    id: strawberry.ID
    job: str
    started_at: str
    finished_at: str | None = strawberry.field(description="Null while the run is RUNNING.")
    status: str = strawberry.field(description="RUNNING, SUCCEEDED or FAILED.")
    step: str | None = strawberry.field(
        description="The step it is on (load, compute, write; done once it succeeded), or the "
                    "step it failed in.")
    fraction: float | None = strawberry.field(
        description="How far along the whole job is, 0 to 1, at the start of `step`.")
    error: str | None = strawberry.field(
        description="Why a FAILED run failed: the error's code and message for a user-facing "
                    "error, otherwise its type only (the details are in the server log); "
                    "'abandoned…' when the process running it stopped without a word.")
    params: JSON
    counts: JSON
    timings: JSON = strawberry.field(description="Seconds spent loading, computing and writing.")

    @classmethod
    def of(cls, r: job_runs.JobRun) -> JobRun:
        return cls(id=strawberry.ID(r.id), job=r.job, started_at=r.started_at,
                   finished_at=r.finished_at, status=r.status, step=r.step,
                   fraction=r.fraction, error=r.error, params=JSON(r.params),
                   counts=JSON(r.counts), timings=JSON(r.timings))


@strawberry.type
class JobQuery:
    @strawberry.field(description="Recent job runs, newest first (admins only).")
    async def job_runs(self, info: Info, job: str | None = None, first: int = 20) -> list[JobRun]:
        return [JobRun.of(r) for r in await resolve.job_runs_(info, job=job, first=first)]


@strawberry.type
class JobMutation:
    @strawberry.mutation(description="Run a job now (admins only) and return its run once it has "
                        "finished; meanwhile `jobRuns` shows it RUNNING with its step.")
    async def run_job(self, info: Info, name: str, params: JSON | None = None) -> JobRun:
        return JobRun.of(await resolve.run_job(info, name=name, params=params))


__all__ = ["JobMutation", "JobQuery", "JobRun"]
