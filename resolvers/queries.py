"""Query resolvers: look-ups by id and paged, filtered lists (as ``domain.pages.Page``)."""

from __future__ import annotations

from typing import Any

from peernet.domain import records
from peernet.domain.enums import Category, ProblemStatus
from peernet.domain.pages import Page
from peernet.graph import cohorts, departments, manager_bundles, managers, problems
from peernet.graph.paging import check_first, decode_cursor

from . import look_ahead
from .context import Info


def _page_args(info: Info, first: int, after: str | None) -> tuple[int, str | None]:
    return check_first(first, info.context.settings.max_page_size), decode_cursor(after)


async def _one_manager(info: Info, manager_id: str) -> records.Manager | None:
    if look_ahead.enabled(info):
        extras = look_ahead.manager_extras(info, look_ahead.below(info), manager_id=manager_id)
        if extras:
            bundle = await manager_bundles.one(info.context.db, manager_id, extras)
            if bundle is None:
                return None
            look_ahead.prime(info.context.loaders, [bundle], extras)
            return bundle.manager
    return await info.context.loaders.manager.load(manager_id)


async def me(info: Info) -> records.Manager | None:
    return await _one_manager(info, info.context.require_manager())


async def department(info: Info, id: str) -> records.Department | None:
    return await info.context.loaders.department.load(id)


async def manager(info: Info, id: str) -> records.Manager | None:
    return await _one_manager(info, id)


async def cohort(info: Info, id: str) -> records.Cohort | None:
    return await info.context.loaders.cohort.load(id)


async def session(info: Info, id: str) -> records.Session | None:
    return await info.context.loaders.session.load(id)


async def problem(info: Info, id: str) -> records.Problem | None:
    return await info.context.loaders.problem.load(id)


async def department_list(info: Info, first: int, after: str | None) -> Page[records.Department]:
    limit, after_id = _page_args(info, first, after)
    db = info.context.db
    rows = await departments.page(db, after=after_id, limit=limit + 1)
    return Page(rows, limit, after, lambda: departments.count(db))


async def manager_list(
    info: Info, first: int, after: str | None, *, department_id: str | None,
    cohort_id: str | None, name: str | None,
) -> Page[records.Manager]:
    limit, after_id = _page_args(info, first, after)
    db = info.context.db
    filters = {"department_id": department_id, "cohort_id": cohort_id, "name": name or None}
    extras = manager_bundles.Extras()
    if look_ahead.enabled(info):
        extras = look_ahead.manager_extras(info, _nodes(info), manager_id=None)
    if extras:
        bundles = await manager_bundles.page(db, extras, after=after_id, limit=limit + 1, **filters)
        look_ahead.prime(info.context.loaders, bundles, extras)
        rows = [b.manager for b in bundles]
    else:
        rows = await managers.page(db, after=after_id, limit=limit + 1, **filters)
    return Page(rows, limit, after, lambda: managers.count(db, **filters))


def _nodes(info: Info) -> list[Any]:
    """The selections on a connection's nodes (``edges { node { … } }``)."""
    edges = look_ahead.named(look_ahead.below(info), "edges")
    return [s for e in edges for n in look_ahead.named(e.selections, "node") for s in n.selections]


async def cohort_list(info: Info, first: int, after: str | None) -> Page[records.Cohort]:
    limit, after_id = _page_args(info, first, after)
    db = info.context.db
    rows = await cohorts.page(db, after=after_id, limit=limit + 1)
    return Page(rows, limit, after, lambda: cohorts.count(db))


async def problem_list(
    info: Info, first: int, after: str | None, *, category: Category | None,
    department_id: str | None, status: ProblemStatus | None, raised_by: str | None,
) -> Page[records.Problem]:
    limit, after_id = _page_args(info, first, after)
    db, viewer = info.context.db, info.context.viewer
    filters = {
        "category": category.value if category else None,
        "status": status.value if status else None,
        "raisedBy": raised_by, "departmentId": department_id,
    }
    rows = await problems.page(db, viewer, after=after_id, limit=limit + 1, **filters)
    return Page(rows, limit, after, lambda: problems.count(db, viewer, **filters))


__all__ = [
    "cohort", "cohort_list", "department", "department_list", "manager", "manager_list", "me",
    "problem", "problem_list", "session",
]
