"""The core Query type: entities by id and as paged lists."""

from __future__ import annotations

import strawberry

from peernet.resolvers import queries as q
from peernet.resolvers.context import Info

from .connections import Connection
from .enums import Category, ProblemStatus
from .types import (
    Cohort,
    Department,
    Manager,
    Problem,
    Session,
    optional_cohort,
    optional_department,
    optional_manager,
)


@strawberry.type
class CoreQuery:
    @strawberry.field(description="The signed-in manager.")
    async def me(self, info: Info) -> Manager | None:
        return optional_manager(await q.me(info))

    @strawberry.field
    async def department(self, info: Info, id: strawberry.ID) -> Department | None:
        return optional_department(await q.department(info, id))

    @strawberry.field
    async def manager(self, info: Info, id: strawberry.ID) -> Manager | None:
        return optional_manager(await q.manager(info, id))

    @strawberry.field
    async def cohort(self, info: Info, id: strawberry.ID) -> Cohort | None:
        return optional_cohort(await q.cohort(info, id))

    @strawberry.field
    async def session(self, info: Info, id: strawberry.ID) -> Session | None:
        found = await q.session(info, id)
        return Session.of(found) if found else None

    @strawberry.field
    async def problem(self, info: Info, id: strawberry.ID) -> Problem | None:
        found = await q.problem(info, id)
        return Problem.of(found) if found else None

    @strawberry.field
    async def departments(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Department]:
        return Connection.of(await q.department_list(info, first, after), Department.of)

    @strawberry.field(
        description="Managers by id; filter by department, cohort or part of the name."
    )
    async def managers(
        self, info: Info, first: int = 20, after: str | None = None,
        department_id: strawberry.ID | None = None, cohort_id: strawberry.ID | None = None,
        name: str | None = None,
    ) -> Connection[Manager]:
        page = await q.manager_list(info, first, after, department_id=department_id,
                                    cohort_id=cohort_id, name=name)
        return Connection.of(page, Manager.of)

    @strawberry.field
    async def cohorts(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Cohort]:
        return Connection.of(await q.cohort_list(info, first, after), Cohort.of)

    @strawberry.field(
        description="Problems by id; filter by category, the raiser's department, status or raiser."
    )
    async def problems(
        self, info: Info, first: int = 20, after: str | None = None,
        category: Category | None = None, department_id: strawberry.ID | None = None,
        status: ProblemStatus | None = None, raised_by: strawberry.ID | None = None,
    ) -> Connection[Problem]:
        page = await q.problem_list(info, first, after, category=category,
                                    department_id=department_id, status=status,
                                    raised_by=raised_by)
        return Connection.of(page, Problem.of)


__all__ = ["CoreQuery"]
