"""Neo4j rows turned into the domain's records (pure functions): the shape of a Cypher result
is known in exactly one place."""

from __future__ import annotations

from typing import Any

from peernet.domain.records import (
    Cohort,
    Contact,
    Department,
    Handling,
    Manager,
    Membership,
    Problem,
    Session,
)


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
