"""Write step of the ``recurring-problems`` job: the computed groups replace the previous
run's (:func:`peernet.graph.recurring_store.replace_groups`), keeping each group's
escalations across runs; the sponsors' board reads them. Used by the job runner through the
job's registration in :mod:`peernet.jobs.recurring_problems`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peernet.graph import recurring_store as store
from peernet.graph.driver import Database

from ..registry import Params


async def write(db: Database, rows: list[dict[str, Any]], params: Params) -> dict[str, int]:
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    changed = await store.replace_groups(db, rows, at)
    return {"recurring": len(rows), "reports": sum(r["reports"] for r in rows),
            "membershipsRemoved": changed["removed"], "membershipsAdded": changed["added"]}


__all__ = ["write"]
