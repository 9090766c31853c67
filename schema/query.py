"""The core Query type: entities by id and as paged lists."""

from __future__ import annotations

import strawberry

from peernet.resolvers import queries as q

from .connections import Connection
from .types import Cohort, Department, Manager, Problem, Session


@strawberry.type
class CoreQuery:
    me: Manager | None = strawberry.field(resolver=q.me, description="The signed-in manager.")
    department: Department | None = strawberry.field(resolver=q.department)
    manager: Manager | None = strawberry.field(resolver=q.manager)
    cohort: Cohort | None = strawberry.field(resolver=q.cohort)
    session: Session | None = strawberry.field(resolver=q.session)
    problem: Problem | None = strawberry.field(resolver=q.problem)
    departments: Connection[Department] = strawberry.field(resolver=q.department_list)
    managers: Connection[Manager] = strawberry.field(
        resolver=q.manager_list,
        description="Managers by id; filter by department, cohort or part of the name.",
    )
    cohorts: Connection[Cohort] = strawberry.field(resolver=q.cohort_list)
    problems: Connection[Problem] = strawberry.field(
        resolver=q.problem_list,
        description="Problems by id; filter by category, the raiser's department, status or raiser.",
    )


__all__ = ["CoreQuery"]
