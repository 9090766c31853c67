"""Mutation resolvers. Each checks who may do it and validates its input before anything is
written, then writes in one managed transaction: a failed mutation writes nothing.

Departments, managers, cohorts and sessions are managed by admins the same way (``Managed``):
only the checks that turn an input's fields into the graph's arguments differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from peernet.domain import records
from peernet.domain.enums import (
    CONFIDENTIAL_BY_DEFAULT,
    Category,
    ContactSource,
    MemberRole,
    Outcome,
    ProblemStatus,
)
from peernet.errors import Forbidden
from peernet.graph import cohorts, departments, erasure, managers, problems
from peernet.graph.driver import Database

from . import validation as v
from .context import Info

R = TypeVar("R")
Fields = Mapping[str, Any]  # an input's fields by their Python (snake_case) names


@dataclass(frozen=True)
class Managed(Generic[R]):
    """How admins create, update and delete one kind of record: ``new`` and ``changed`` check
    an input's fields and give the arguments of the graph's ``create`` and ``update`` (the
    latter besides the id)."""

    new: Callable[[Fields], dict[str, Any]]
    changed: Callable[[Fields], dict[str, Any]]
    create_in: Callable[..., Awaitable[R]]
    update_in: Callable[..., Awaitable[R]]
    delete_in: Callable[..., Awaitable[None]]

    async def create(self, info: Info, fields: Fields) -> R:
        info.context.require_admin()
        return await self.create_in(info.context.db, **self.new(fields))

    async def update(self, info: Info, fields: Fields) -> R:
        info.context.require_admin()
        return await self.update_in(info.context.db, id=fields["id"], **self.changed(fields))

    async def delete(self, info: Info, id: str) -> str:
        info.context.require_admin()
        await self.delete_in(info.context.db, id=id)
        return id


def _name(value: str | None) -> str | None:
    """A name to change to, or None to keep the current one."""
    return v.text(value, "name") if value is not None else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _new_department(f: Fields) -> dict[str, Any]:
    return {"id": v.new_id(f["id"], "d"), "name": v.text(f["name"], "name")}


def _department_changes(f: Fields) -> dict[str, Any]:
    return {"name": _name(f["name"])}


def _new_manager(f: Fields) -> dict[str, Any]:
    return {
        "id": v.new_id(f["id"], "m"),
        "name": v.text(f["name"], "name"),
        "title": v.text(f["title"], "title", required=False),
        "level": f["level"].value if f["level"] else None,
        "managerSince": v.year(f["manager_since"], "managerSince"),
        "departmentId": f["department_id"],
    }


def _manager_changes(f: Fields) -> dict[str, Any]:
    changes: dict[str, object] = {}
    if f["name"] is not None:
        changes["name"] = v.text(f["name"], "name")
    if f["title"] is not None:
        changes["title"] = v.text(f["title"], "title", required=False)
    if f["level"] is not None:
        changes["level"] = f["level"].value
    if f["manager_since"] is not None:
        changes["managerSince"] = v.year(f["manager_since"], "managerSince")
    return {"changes": changes, "department_id": f["department_id"]}


def _new_cohort(f: Fields) -> dict[str, Any]:
    return {"id": v.new_id(f["id"], "c"), "name": v.text(f["name"], "name"),
            "start": f["start"].isoformat(), "end": f["end"].isoformat()}


def _cohort_changes(f: Fields) -> dict[str, Any]:
    return {"name": _name(f["name"]), "start": _iso(f["start"]), "end": _iso(f["end"])}


def _new_session(f: Fields) -> dict[str, Any]:
    return {"id": v.new_id(f["id"], "s"), "cohortId": f["cohort_id"],
            "number": v.positive(f["number"], "number"), "date": f["date"].isoformat(),
            "theme": v.text(f["theme"], "theme", required=False)}


def _session_changes(f: Fields) -> dict[str, Any]:
    return {"number": v.positive(f["number"], "number"), "date": _iso(f["date"]),
            "theme": v.text(f["theme"], "theme", required=False)}


DEPARTMENTS: Managed[records.Department] = Managed(
    new=_new_department, changed=_department_changes,
    create_in=departments.create, update_in=departments.update, delete_in=departments.delete,
)
async def _remove_manager(db: Database, *, id: str) -> None:
    """Deleting a manager is erasing them (one meaning for removing a person); the audit
    entry is the admin action's own (DELETE_MANAGER), written once this succeeds."""
    await erasure.erase(db.unbounded(), id, actor_id=None, action=None)


MANAGERS: Managed[records.Manager] = Managed(
    new=_new_manager, changed=_manager_changes,
    create_in=managers.create, update_in=managers.update, delete_in=_remove_manager,
)
COHORTS: Managed[records.Cohort] = Managed(
    new=_new_cohort, changed=_cohort_changes,
    create_in=cohorts.create, update_in=cohorts.update, delete_in=cohorts.delete,
)
SESSIONS: Managed[records.Session] = Managed(
    new=_new_session, changed=_session_changes,
    create_in=cohorts.create_session, update_in=cohorts.update_session,
    delete_in=cohorts.delete_session,
)


async def _cohort(info: Info, cohort_id: str) -> records.Cohort:
    return (await cohorts.by_ids(info.context.db, [cohort_id]))[cohort_id]


async def add_cohort_member(
    info: Info, *, cohort_id: str, manager_id: str, role: MemberRole
) -> records.Cohort:
    info.context.require_admin()
    await cohorts.add_member(info.context.db, cohort_id=cohort_id, manager_id=manager_id,
                             role=role.value)
    return await _cohort(info, cohort_id)


async def remove_cohort_member(info: Info, *, cohort_id: str, manager_id: str) -> records.Cohort:
    info.context.require_admin()
    await cohorts.remove_member(info.context.db, cohort_id=cohort_id, manager_id=manager_id)
    return await _cohort(info, cohort_id)


async def set_manager_active(info: Info, *, id: str, active: bool) -> records.Manager:
    """Deactivate a manager (no sign-in, not suggested, not found) or reactivate them; their
    data stays. Admins only."""
    info.context.require_admin()
    return await managers.set_active(info.context.db, id=id, active=active)


def _acting_manager(info: Info, named: str | None) -> str:
    """The signed-in manager, or — for admins only — the manager the input names."""
    own = info.context.viewer.manager_id
    if named is None or named == own:
        return info.context.require_manager()
    if not info.context.viewer.is_admin:
        raise Forbidden("you may only record this for yourself")
    return named


async def raise_problem(
    info: Info, *, title: str, description: str, category: Category,
    confidential: bool | None = None, session_ids: Sequence[str] = (), id: str | None = None,
) -> records.Problem:
    raiser = info.context.require_manager()
    if confidential is None:
        confidential = category in CONFIDENTIAL_BY_DEFAULT
    return await problems.create(
        info.context.db, info.context.viewer,
        id=v.new_id(id, "p"),
        title=v.text(title, "title"),
        description=v.text(description, "description", max_len=v.MAX_TEXT, multiline=True),
        category=category.value,
        confidential=confidential,
        createdAt=v.now_iso(),
        status=ProblemStatus.OPEN.value,
        raisedBy=raiser,
        sessionIds=list(dict.fromkeys(session_ids)),
    )


async def record_handling(
    info: Info, *, problem_id: str, outcome: Outcome, note: str | None = None,
    manager_id: str | None = None, findable: bool = False,
) -> records.Handling:
    # Who may name whom is decided with the problem in hand (graph.problems.MAY_RECORD).
    handler = manager_id or info.context.require_manager()
    return await problems.record_handling(
        info.context.db, info.context.viewer,
        problemId=problem_id, managerId=handler, outcome=outcome.value,
        note=v.text(note, "note", max_len=v.MAX_TEXT, required=False, multiline=True),
        handledAt=v.now_iso(), findable=findable,
    )


async def record_contact(
    info: Info, *, other_id: str, since: dt.date | None = None,
    source: ContactSource = ContactSource.MANUAL, manager_id: str | None = None,
) -> records.Contact:
    who = _acting_manager(info, manager_id)
    return await managers.record_contact(
        info.context.db, manager_id=who, other_id=other_id, since=_iso(since), source=source.value,
    )


__all__ = [
    "COHORTS", "DEPARTMENTS", "MANAGERS", "SESSIONS", "Managed", "add_cohort_member",
    "raise_problem", "record_contact", "record_handling", "remove_cohort_member",
    "set_manager_active",
]
