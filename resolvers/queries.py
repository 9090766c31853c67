"""Query resolvers: look-ups by id and paged, filtered lists."""

from __future__ import annotations

import strawberry

from peernet.graph import cohorts, departments, manager_bundles, managers, problems
from peernet.graph.paging import check_first, decode_cursor
from peernet.schema.connections import Connection, connection
from peernet.schema.enums import Category, ProblemStatus
from peernet.schema.types import Cohort, Department, Manager, Problem, Session

from . import look_ahead
from .context import Info


def _page_args(info: Info, first: int, after: str | None) -> tuple[int, str | None]:
    return check_first(first, info.context.settings.max_page_size), decode_cursor(after)


async def _one_manager(info: Info, manager_id: str) -> Manager | None:
    if look_ahead.enabled(info):
        extras = look_ahead.manager_extras(info, look_ahead.below(info), manager_id=manager_id)
        if extras:
            bundle = await manager_bundles.one(info.context.db, manager_id, extras)
            if bundle is None:
                return None
            look_ahead.prime(info.context.loaders, [bundle], extras)
            return Manager.of(bundle.manager)
    found = await info.context.loaders.manager.load(manager_id)
    return Manager.of(found) if found else None


async def me(info: Info) -> Manager | None:
    return await _one_manager(info, info.context.require_manager())


async def department(info: Info, id: strawberry.ID) -> Department | None:
    found = await info.context.loaders.department.load(id)
    return Department.of(found) if found else None


async def manager(info: Info, id: strawberry.ID) -> Manager | None:
    return await _one_manager(info, id)


async def cohort(info: Info, id: strawberry.ID) -> Cohort | None:
    found = await info.context.loaders.cohort.load(id)
    return Cohort.of(found) if found else None


async def session(info: Info, id: strawberry.ID) -> Session | None:
    found = await info.context.loaders.session.load(id)
    return Session.of(found) if found else None


async def problem(info: Info, id: strawberry.ID) -> Problem | None:
    found = await info.context.loaders.problem.load(id)
    return Problem.of(found) if found else None


async def department_list(
    info: Info, first: int = 20, after: str | None = None
) -> Connection[Department]:
    limit, after_id = _page_args(info, first, after)
    db = info.context.db
    rows = await departments.page(db, after=after_id, limit=limit + 1)
    return connection([Department.of(r) for r in rows], first=limit, after=after,
                      count=lambda: departments.count(db))


async def manager_list(
    info: Info, first: int = 20, after: str | None = None,
    department_id: strawberry.ID | None = None, cohort_id: strawberry.ID | None = None,
    name: str | None = None,
) -> Connection[Manager]:
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
    return connection([Manager.of(r) for r in rows], first=limit, after=after,
                      count=lambda: managers.count(db, **filters))


def _nodes(info: Info) -> list:
    """The selections on a connection's nodes (``edges { node { … } }``)."""
    edges = look_ahead.named(look_ahead.below(info), "edges")
    return [s for e in edges for n in look_ahead.named(e.selections, "node") for s in n.selections]


async def cohort_list(info: Info, first: int = 20, after: str | None = None) -> Connection[Cohort]:
    limit, after_id = _page_args(info, first, after)
    db = info.context.db
    rows = await cohorts.page(db, after=after_id, limit=limit + 1)
    return connection([Cohort.of(r) for r in rows], first=limit, after=after,
                      count=lambda: cohorts.count(db))


async def problem_list(
    info: Info, first: int = 20, after: str | None = None, category: Category | None = None,
    department_id: strawberry.ID | None = None, status: ProblemStatus | None = None,
    raised_by: strawberry.ID | None = None,
) -> Connection[Problem]:
    limit, after_id = _page_args(info, first, after)
    db, viewer = info.context.db, info.context.viewer
    filters = {
        "category": category.value if category else None,
        "status": status.value if status else None,
        "raisedBy": raised_by, "departmentId": department_id,
    }
    rows = await problems.page(db, viewer, after=after_id, limit=limit + 1, **filters)
    return connection([Problem.of(r) for r in rows], first=limit, after=after,
                      count=lambda: problems.count(db, viewer, **filters))


__all__ = [
    "cohort", "cohort_list", "department", "department_list", "manager", "manager_list", "me",
    "problem", "problem_list", "session",
]
