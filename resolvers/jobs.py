"""Resolvers for running jobs and listing their runs."""

from __future__ import annotations

from typing import Any

from peernet.errors import BadUserInput
from peernet.graph import job_runs
from peernet.graph.paging import check_first
from peernet.jobs.runner import run_job as run

from .context import Info


async def job_runs_(info: Info, *, job: str | None, first: int) -> list[job_runs.JobRun]:
    info.context.require_admin()
    limit = check_first(first, info.context.settings.max_page_size)
    return await job_runs.recent(info.context.db, job=job, limit=limit)


async def run_job(info: Info, *, name: str, params: Any) -> job_runs.JobRun:
    info.context.require_admin()
    if params is not None and not isinstance(params, dict):
        raise BadUserInput("params must be an object of parameter names to values", field="params")
    return await run(info.context.db.unbounded(), name, params)


__all__ = ["job_runs_", "run_job"]
