"""Resolvers for connection metrics (admins only)."""

from __future__ import annotations

from typing import Any

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
    below = look_ahead.below(info)
    named = look_ahead.named
    return bool(
        any(named(d.selections, "department") for d in named(below, "departments"))
        or any(named(m.selections, "departments") for m in named(below, "matrix"))
        or any(named(b.selections, "manager") or named(b.selections, "department")
               for b in named(below, "brokers")))


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
    # An id the graph no longer holds is primed as None, which is what its loader returns.
    loaders.manager.prime_many({i: found_managers.get(i) for i in manager_ids})
    loaders.department.prime_many({i: found_departments.get(i) for i in department_ids})


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
