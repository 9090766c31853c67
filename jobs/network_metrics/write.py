"""Write step of the ``network-metrics`` job: the computed figures stored as one more
snapshot (:func:`peernet.graph.metrics_store.write_snapshot`), dated and marked with its
``as_of``; the GraphQL ``networkMetrics`` queries read the snapshots back. Used by the job
runner through the job's registration in :mod:`peernet.jobs.network_metrics`."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from peernet.graph import metrics_store as store
from peernet.graph.driver import Database

from ..registry import Params
from .contacts import as_of_param


async def write(db: Database, result: dict[str, Any], params: Params) -> dict[str, int]:
    computed_at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    await store.write_snapshot(db, id=f"metrics-{uuid.uuid4().hex[:12]}", computed_at=computed_at,
                               as_of=as_of_param(params), data=result)
    org = result["organisation"]
    return {"snapshots": 1, "managers": org["managers"], "contacts": org["contacts"]}


__all__ = ["write"]
