"""What a nested field reads about its parent, through the request's DataLoaders: one query
per field for all parents of a list, not one per parent.

Each function returns domain records, at once when its loader already holds them (primed by
``look_ahead``, or loaded for another parent), else an awaitable; the GraphQL types build
their values from either with ``loaders.then``.
"""

from __future__ import annotations

from peernet.domain import records
from peernet.domain.enums import MemberRole

from .context import Info
from .loaders import Maybe, load, load_many, then


def department(info: Info, department_id: str | None) -> Maybe[records.Department | None]:
    if department_id is None:
        return None
    return load(info.context.loaders.department, department_id)


def departments(info: Info, ids: list[str]) -> Maybe[list[records.Department | None]]:
    return load_many(info.context.loaders.department, ids)


def manager(info: Info, manager_id: str | None) -> Maybe[records.Manager | None]:
    if manager_id is None:
        return None
    return load(info.context.loaders.manager, manager_id)


def cohort(info: Info, cohort_id: str | None) -> Maybe[records.Cohort | None]:
    if cohort_id is None:
        return None
    return load(info.context.loaders.cohort, cohort_id)


def cohorts(info: Info, ids: list[str]) -> Maybe[list[records.Cohort | None]]:
    return load_many(info.context.loaders.cohort, ids)


def problem(info: Info, problem_id: str) -> Maybe[records.Problem | None]:
    return load(info.context.loaders.problem, problem_id)


def problems(info: Info, ids: list[str]) -> Maybe[list[records.Problem | None]]:
    return load_many(info.context.loaders.problem, ids)


def managers_of_department(info: Info, department_id: str) -> Maybe[list[records.Manager]]:
    return load(info.context.loaders.managers_of_department, department_id)


def memberships_of_manager(info: Info, manager_id: str) -> Maybe[list[records.Membership]]:
    return load(info.context.loaders.memberships_of_manager, manager_id)


def members_of_cohort(
    info: Info, cohort_id: str, role: MemberRole | None = None
) -> Maybe[list[records.Membership]]:
    found = load(info.context.loaders.memberships_of_cohort, cohort_id)
    if role is None:
        return found
    return then(found, lambda members: [m for m in members if m.role == role.value])


def sessions_of_cohort(info: Info, cohort_id: str) -> Maybe[list[records.Session]]:
    return load(info.context.loaders.sessions_of_cohort, cohort_id)


def contacts_of_manager(info: Info, manager_id: str) -> Maybe[list[records.Contact]]:
    return load(info.context.loaders.contacts_of_manager, manager_id)


def raised_by_manager(info: Info, manager_id: str) -> Maybe[list[records.Problem]]:
    return load(info.context.loaders.raised_by_manager, manager_id)


def handled_by_manager(info: Info, manager_id: str) -> Maybe[list[records.Handling]]:
    return load(info.context.loaders.handled_by_manager, manager_id)


def handlers_of_problem(info: Info, problem_id: str) -> Maybe[list[records.Handling]]:
    return load(info.context.loaders.handlers_of_problem, problem_id)


async def sessions_of_problem(info: Info, problem_id: str) -> list[records.Session]:
    loaders = info.context.loaders
    found = await loaders.session.load_many(await loaders.session_ids_of_problem.load(problem_id))
    return [s for s in found if s]


__all__ = [
    "cohort", "cohorts", "contacts_of_manager", "department", "departments",
    "handled_by_manager", "handlers_of_problem", "manager", "managers_of_department",
    "members_of_cohort", "memberships_of_manager", "problem", "problems", "raised_by_manager",
    "sessions_of_cohort", "sessions_of_problem",
]
