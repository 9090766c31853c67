"""Load step of the ``retention`` job: the cutoff (now minus the retention period, from the
``days`` parameter or ``PEERNET_RETENTION_DAYS``) and the problems not yet anonymised that
were created before it (:func:`peernet.graph.retention.candidates`). Used by the job runner
through the job's registration in :mod:`peernet.jobs.retention`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peernet.config import get_settings
from peernet.errors import BadUserInput
from peernet.graph import retention as store
from peernet.graph.driver import Database

from ..registry import Params
from .compute import cutoff


async def load(db: Database, params: Params) -> dict[str, Any]:
    days = params["days"] or get_settings().retention_days
    if days < 1:
        raise BadUserInput("days must be 1 or more", field="params")
    limit = cutoff(dt.datetime.now(dt.UTC), days)
    return {"cutoff": limit, "problems": await store.candidates(db, before=limit)}


__all__ = ["load"]
