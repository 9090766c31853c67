"""Load step of the ``recurring-problems`` job: every problem report with its raiser's
department and cohorts, and the previous run's groups with their members (to carry their
keys over), read by :mod:`peernet.graph.recurring_store`. Used by the job runner through the
job's registration in :mod:`peernet.jobs.recurring_problems`."""

from __future__ import annotations

from typing import Any

from peernet.graph import recurring_store as store
from peernet.graph.driver import Database

from ..registry import Params


async def load(db: Database, params: Params) -> dict[str, Any]:
    return {"reports": await store.load_reports(db), "previous": await store.load_groups(db)}


__all__ = ["load"]
