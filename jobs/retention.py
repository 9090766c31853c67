"""The ``retention`` job: storage limitation (GDPR art. 5(1)(e)) for problem texts.

Problems older than the retention period (``PEERNET_RETENTION_DAYS``, or the ``days``
parameter) lose their title, description and handling notes; their category, status, dates,
sessions and handling outcomes stay for statistics. Already anonymised problems are skipped,
so running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peernet.config import get_settings
from peernet.errors import BadUserInput
from peernet.graph import retention as store
from peernet.graph.driver import Database

from .registry import Job, Params, register


def cutoff(now: dt.datetime, days: int) -> str:
    """The ISO instant before which problems are anonymised (the stored ``createdAt``
    format, so strings compare in time order)."""
    return (now - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


async def load(db: Database, params: Params) -> dict[str, Any]:
    days = params["days"] or get_settings().retention_days
    if days < 1:
        raise BadUserInput("days must be 1 or more", field="params")
    limit = cutoff(dt.datetime.now(dt.timezone.utc), days)
    return {"cutoff": limit, "problems": await store.candidates(db, before=limit)}


def compute(loaded: dict[str, Any], params: Params) -> list[str]:
    """Ids of the problems created before the cutoff, in id order."""
    return sorted(p["id"] for p in loaded["problems"] if p["createdAt"] < loaded["cutoff"])


async def write(db: Database, ids: list[str], params: Params) -> dict[str, int]:
    return await store.anonymise(db, ids)


JOB = register(Job(
    name="retention",
    description="Anonymise problem texts older than the retention period (days=0: PEERNET_RETENTION_DAYS).",
    load=load, compute=compute, write=write,
    defaults={"days": 0},
))

__all__ = ["JOB", "compute", "cutoff"]
