"""What the organisation is made of: departments, managers, cohorts, sessions, problems and
the ties between them, as one viewer may see them (frozen, no I/O).

``graph.records`` parses Neo4j rows into these; GraphQL types are built from them
(``Type.of(record)``), never from raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    active: bool = True  # False: deactivated (cannot sign in, not suggested, not found)


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


__all__ = [
    "Cohort", "Contact", "Department", "Handling", "Manager", "Membership", "Problem",
    "Session",
]
