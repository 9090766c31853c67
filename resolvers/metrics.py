"""Resolvers for connection metrics (admins only)."""

from __future__ import annotations

from typing import Any

from peernet.domain.metrics import CohortComparison
from peernet.errors import BadUserInput, NotFound
from peernet.graph import managers, metrics_store
from peernet.graph.paging import check_first
from peernet.jobs.network_metrics.cohort import cohort_before_after
from peernet.jobs.network_metrics.contacts import contact_graph

from . import look_ahead
from .context import Info


async def latest(info: Info, as_of: str | None) -> dict[str, Any] | None:
    info.context.require_admin()
    snapshot = await metrics_store.latest(info.context.db, as_of)
    if snapshot is not None and look_ahead.enabled(info) and _names_asked(info):
        await _prime_names(info, snapshot)
    return snapshot


def _names_asked(info: Info) -> bool:
    """Whether the selection names a department or a broker (else their ids suffice)."""
    return look_ahead.asked(
        look_ahead.below(info), ("departments", "department"), ("matrix", "departments"),
        ("brokers", "manager"), ("brokers", "department"))


async def _prime_names(info: Info, snapshot: dict[str, Any]) -> None:
    """The departments and brokers a snapshot names, in one read, into the request's loaders
    (their fields would otherwise read them in two or three rounds)."""
    department_ids = sorted({str(d["id"]) for d in snapshot["departments"]}
                            | {str(d) for d in snapshot["matrix"]["departments"]}
                            | {str(b["department"]) for b in snapshot["brokers"]})
    manager_ids = sorted({str(b["id"]) for b in snapshot["brokers"]})
    found_managers, found_departments = await managers.with_departments(
        info.context.db, manager_ids, department_ids)
    loaders = info.context.loaders
    look_ahead.prime_found(loaders.manager, manager_ids, found_managers)
    look_ahead.prime_found(loaders.department, department_ids, found_departments)


async def history(info: Info, first: int) -> list[dict[str, Any]]:
    info.context.require_admin()
    limit = check_first(first, info.context.settings.max_page_size)
    return await metrics_store.history(info.context.db, limit)


async def cohort_comparison(info: Info, cohort_id: str) -> tuple[str, str, CohortComparison]:
    """The cohort's start and end dates, and its participants' cross-department reach at
    each, rebuilt from the contacts' ``since`` dates."""
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
    return cohort["start"], cohort["end"], cohort_before_after(before, after, cohort["members"])


__all__ = ["cohort_comparison", "history", "latest"]
