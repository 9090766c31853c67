"""Domain objects, and the pure functions that turn Neo4j records into them.

GraphQL types are built from these, never from raw records, so the shape of a Cypher result
is known in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Manager:
    id: str
    name: str
    title: str | None
    level: str | None
    manager_since: int | None
    department_id: str | None


@dataclass(frozen=True, slots=True)
class Cohort:
    id: str
    name: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    cohort_id: str
    number: int
    date: str
    theme: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem as one viewer may see it: hidden fields are None, ``restricted`` says so."""

    id: str
    category: str
    confidential: bool
    created_at: str
    status: str
    title: str | None
    description: str | None
    raised_by: str | None
    restricted: bool


@dataclass(frozen=True, slots=True)
class Membership:
    manager_id: str
    cohort_id: str
    role: str


@dataclass(frozen=True, slots=True)
class Handling:
    problem_id: str
    manager_id: str
    outcome: str
    note: str | None
    handled_at: str | None
    confidential: bool = False  # the problem's: a confidential problem's notes are audited


@dataclass(frozen=True, slots=True)
class Contact:
    manager_id: str
    other_id: str
    since: str | None
    source: str | None
    cohort_id: str | None


def department(row: dict[str, Any]) -> Department:
    return Department(id=row["id"], name=row["name"])


def manager(row: dict[str, Any]) -> Manager:
    return Manager(
        id=row["id"],
        name=row["name"],
        title=row.get("title"),
        level=row.get("level"),
        manager_since=row.get("managerSince"),
        department_id=row.get("departmentId"),
    )


def cohort(row: dict[str, Any]) -> Cohort:
    return Cohort(id=row["id"], name=row["name"], start=str(row["start"]), end=str(row["end"]))


def session(row: dict[str, Any]) -> Session:
    return Session(
        id=row["id"], cohort_id=row["cohortId"], number=int(row["number"]),
        date=str(row["date"]), theme=row.get("theme"),
    )


def problem(row: dict[str, Any]) -> Problem:
    return Problem(
        id=row["id"],
        category=row["category"],
        confidential=bool(row["confidential"]),
        created_at=str(row["createdAt"]),
        status=row["status"],
        title=row.get("title"),
        description=row.get("description"),
        raised_by=row.get("raisedBy"),
        restricted=not row["canRead"],
    )


def membership(row: dict[str, Any]) -> Membership:
    return Membership(manager_id=row["managerId"], cohort_id=row["cohortId"], role=row["role"])


def handling(row: dict[str, Any]) -> Handling:
    return Handling(
        problem_id=row["problemId"], manager_id=row["managerId"], outcome=row["outcome"],
        note=row.get("note"), handled_at=row.get("handledAt"),
        confidential=bool(row.get("confidential")),
    )


def contact(row: dict[str, Any]) -> Contact:
    return Contact(
        manager_id=row["managerId"], other_id=row["otherId"], since=row.get("since"),
        source=row.get("source"), cohort_id=row.get("cohortId"),
    )


__all__ = [
    "Cohort", "Contact", "Department", "Handling", "Manager", "Membership", "Problem",
    "Session", "cohort", "contact", "department", "handling", "manager", "membership",
    "problem", "session",
]
