"""Load step of the ``suggest-contacts`` job: the manager network as plain rows (managers,
contacts, cohort memberships, sessions attended, problems raised and handled, dismissed
pairs, names), read by :func:`peernet.graph.suggestion_store.load_rows`. Used by the job
runner through the job's registration in :mod:`peernet.jobs.suggest_contacts`."""

from __future__ import annotations

from typing import Any

from peernet.graph import suggestion_store as store
from peernet.graph.driver import Database

from ..registry import Params


async def load(db: Database, params: Params) -> dict[str, Any]:
    return await store.load_rows(db)


__all__ = ["load"]
