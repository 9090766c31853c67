"""Mutation resolvers. Each checks who may do it and validates its input before anything is
written, then writes in one managed transaction: a failed mutation writes nothing."""

from __future__ import annotations

import strawberry

from peernet.errors import Forbidden
from peernet.graph import cohorts, departments, managers, problems
from peernet.schema import inputs
from peernet.schema.enums import CONFIDENTIAL_BY_DEFAULT, ProblemStatus
from peernet.schema.types import Cohort, Contact, Department, Handling, Manager, Problem, Session

from . import validation as v
from .context import Info


async def create_department(info: Info, input: inputs.CreateDepartmentInput) -> Department:
    info.context.require_admin()
    created = await departments.create(
        info.context.db, id=v.new_id(input.id, "d"), name=v.text(input.name, "name")
    )
    return Department.of(created)


async def update_department(info: Info, input: inputs.UpdateDepartmentInput) -> Department:
    info.context.require_admin()
    name = v.text(input.name, "name") if input.name is not None else None
    return Department.of(await departments.update(info.context.db, id=input.id, name=name))


async def delete_department(info: Info, id: strawberry.ID) -> strawberry.ID:
    info.context.require_admin()
    await departments.delete(info.context.db, id=id)
    return id


async def create_manager(info: Info, input: inputs.CreateManagerInput) -> Manager:
    info.context.require_admin()
    created = await managers.create(
        info.context.db,
        id=v.new_id(input.id, "m"),
        name=v.text(input.name, "name"),
        title=v.text(input.title, "title", required=False),
        level=input.level.value if input.level else None,
        managerSince=v.year(input.manager_since, "managerSince"),
        departmentId=input.department_id,
    )
    return Manager.of(created)


async def update_manager(info: Info, input: inputs.UpdateManagerInput) -> Manager:
    info.context.require_admin()
    changes: dict[str, object] = {}
    if input.name is not None:
        changes["name"] = v.text(input.name, "name")
    if input.title is not None:
        changes["title"] = v.text(input.title, "title", required=False)
    if input.level is not None:
        changes["level"] = input.level.value
    if input.manager_since is not None:
        changes["managerSince"] = v.year(input.manager_since, "managerSince")
    updated = await managers.update(
        info.context.db, id=input.id, changes=changes, department_id=input.department_id
    )
    return Manager.of(updated)


async def delete_manager(info: Info, id: strawberry.ID) -> strawberry.ID:
    info.context.require_admin()
    await managers.delete(info.context.db, id=id)
    return id


async def create_cohort(info: Info, input: inputs.CreateCohortInput) -> Cohort:
    info.context.require_admin()
    created = await cohorts.create(
        info.context.db, id=v.new_id(input.id, "c"), name=v.text(input.name, "name"),
        start=input.start.isoformat(), end=input.end.isoformat(),
    )
    return Cohort.of(created)


async def update_cohort(info: Info, input: inputs.UpdateCohortInput) -> Cohort:
    info.context.require_admin()
    updated = await cohorts.update(
        info.context.db, id=input.id,
        name=v.text(input.name, "name") if input.name is not None else None,
        start=input.start.isoformat() if input.start else None,
        end=input.end.isoformat() if input.end else None,
    )
    return Cohort.of(updated)


async def delete_cohort(info: Info, id: strawberry.ID) -> strawberry.ID:
    info.context.require_admin()
    await cohorts.delete(info.context.db, id=id)
    return id


async def create_session(info: Info, input: inputs.CreateSessionInput) -> Session:
    info.context.require_admin()
    created = await cohorts.create_session(
        info.context.db, id=v.new_id(input.id, "s"), cohortId=input.cohort_id,
        number=v.positive(input.number, "number"), date=input.date.isoformat(),
        theme=v.text(input.theme, "theme", required=False),
    )
    return Session.of(created)


async def update_session(info: Info, input: inputs.UpdateSessionInput) -> Session:
    info.context.require_admin()
    updated = await cohorts.update_session(
        info.context.db, id=input.id, number=v.positive(input.number, "number"),
        date=input.date.isoformat() if input.date else None,
        theme=v.text(input.theme, "theme", required=False),
    )
    return Session.of(updated)


async def delete_session(info: Info, id: strawberry.ID) -> strawberry.ID:
    info.context.require_admin()
    await cohorts.delete_session(info.context.db, id=id)
    return id


async def add_cohort_member(info: Info, input: inputs.CohortMemberInput) -> Cohort:
    info.context.require_admin()
    await cohorts.add_member(
        info.context.db, cohort_id=input.cohort_id, manager_id=input.manager_id,
        role=input.role.value,
    )
    return Cohort.of((await cohorts.by_ids(info.context.db, [input.cohort_id]))[input.cohort_id])


async def remove_cohort_member(info: Info, cohort_id: strawberry.ID, manager_id: strawberry.ID) -> Cohort:
    info.context.require_admin()
    await cohorts.remove_member(info.context.db, cohort_id=cohort_id, manager_id=manager_id)
    return Cohort.of((await cohorts.by_ids(info.context.db, [cohort_id]))[cohort_id])


def _acting_manager(info: Info, named: str | None) -> str:
    """The signed-in manager, or — for admins only — the manager the input names."""
    own = info.context.viewer.manager_id
    if named is None or named == own:
        return info.context.require_manager()
    if not info.context.viewer.is_admin:
        raise Forbidden("you may only record this for yourself")
    return named


async def raise_problem(info: Info, input: inputs.RaiseProblemInput) -> Problem:
    raiser = info.context.require_manager()
    confidential = (
        input.confidential if input.confidential is not None
        else input.category in CONFIDENTIAL_BY_DEFAULT
    )
    created = await problems.create(
        info.context.db, info.context.viewer,
        id=v.new_id(input.id, "p"),
        title=v.text(input.title, "title"),
        description=v.text(input.description, "description", max_len=v.MAX_TEXT),
        category=input.category.value,
        confidential=confidential,
        createdAt=v.now_iso(),
        status=ProblemStatus.OPEN.value,
        raisedBy=raiser,
        sessionIds=list(dict.fromkeys(input.session_ids)),
    )
    return Problem.of(created)


async def record_handling(info: Info, input: inputs.RecordHandlingInput) -> Handling:
    # Who may name whom is decided with the problem in hand (graph.problems.MAY_RECORD).
    handler = input.manager_id or info.context.require_manager()
    recorded = await problems.record_handling(
        info.context.db, info.context.viewer,
        problemId=input.problem_id, managerId=handler, outcome=input.outcome.value,
        note=v.text(input.note, "note", max_len=v.MAX_TEXT, required=False),
        handledAt=v.now_iso(),
    )
    return Handling.of(recorded)


async def record_contact(info: Info, input: inputs.RecordContactInput) -> Contact:
    who = _acting_manager(info, input.manager_id)
    recorded = await managers.record_contact(
        info.context.db, manager_id=who, other_id=input.other_id,
        since=input.since.isoformat() if input.since else None, source=input.source.value,
    )
    return Contact.of(recorded)


__all__ = [
    "add_cohort_member", "create_cohort", "create_department", "create_manager",
    "create_session", "delete_cohort", "delete_department", "delete_manager", "delete_session",
    "raise_problem", "record_contact", "record_handling", "remove_cohort_member",
    "update_cohort", "update_department", "update_manager", "update_session",
]
