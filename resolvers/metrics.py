"""Resolvers for connection metrics (admins only)."""

from __future__ import annotations

from typing import Any

from peernet.errors import BadUserInput, NotFound
from peernet.graph import metrics_store
from peernet.graph.paging import check_first
from peernet.jobs.metrics_cohort import cohort_before_after
from peernet.jobs.network_metrics import contact_graph

from .context import Info


async def latest(info: Info, as_of: str | None) -> dict[str, Any] | None:
    info.context.require_admin()
    return await metrics_store.latest(info.context.db, as_of)


async def history(info: Info, first: int) -> list[dict[str, Any]]:
    info.context.require_admin()
    limit = check_first(first, info.context.settings.max_page_size)
    return await metrics_store.history(info.context.db, limit)


async def cohort_comparison(info: Info, cohort_id: str) -> dict[str, Any]:
    """The cohort's participants' cross-department reach at its start and at its end,
    rebuilt from the contacts' ``since`` dates."""
    info.context.require_admin()
    db = info.context.db
    cohort = await metrics_store.cohort(db, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort with id {cohort_id!r}", field="cohortId")
    if not cohort["start"] or not cohort["end"]:
        raise BadUserInput("the cohort has no start and end dates", field="cohortId")
    loaded = await metrics_store.load_network(db)
    before = contact_graph(loaded, cohort["start"])
    after = contact_graph(loaded, cohort["end"])
    result = cohort_before_after(before, after, cohort["members"]).to_dict()
    return {**result, "start": cohort["start"], "end": cohort["end"]}


__all__ = ["cohort_comparison", "history", "latest"]
