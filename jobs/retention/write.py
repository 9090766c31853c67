"""Write step of the ``retention`` job: the chosen problems lose their title, description
and handling notes (:func:`peernet.graph.retention.anonymise`). Used by the job runner
through the job's registration in :mod:`peernet.jobs.retention`."""

from __future__ import annotations

from peernet.graph import retention as store
from peernet.graph.driver import Database

from ..registry import Params


async def write(db: Database, ids: list[str], params: Params) -> dict[str, int]:
    return await store.anonymise(db, ids)


__all__ = ["write"]
