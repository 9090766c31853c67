"""Input types for mutations. Lengths and dates are checked in ``resolvers.validation`` so
every error names the field that was wrong."""

from __future__ import annotations

import datetime as dt

import strawberry

from .enums import Category, ContactSource, Level, MemberRole, Outcome


@strawberry.input
class CreateDepartmentInput:
    name: str
    id: strawberry.ID | None = None


@strawberry.input
class UpdateDepartmentInput:
    id: strawberry.ID
    name: str | None = None


@strawberry.input
class CreateManagerInput:
    name: str
    department_id: strawberry.ID
    title: str | None = None
    level: Level | None = None
    manager_since: int | None = None
    id: strawberry.ID | None = None


@strawberry.input
class UpdateManagerInput:
    id: strawberry.ID
    name: str | None = None
    department_id: strawberry.ID | None = None
    title: str | None = None
    level: Level | None = None
    manager_since: int | None = None


@strawberry.input
class CreateCohortInput:
    name: str
    start: dt.date
    end: dt.date
    id: strawberry.ID | None = None


@strawberry.input
class UpdateCohortInput:
    id: strawberry.ID
    name: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@strawberry.input
class CreateSessionInput:
    cohort_id: strawberry.ID
    number: int
    date: dt.date
    theme: str | None = None
    id: strawberry.ID | None = None


@strawberry.input
class UpdateSessionInput:
    id: strawberry.ID
    number: int | None = None
    date: dt.date | None = None
    theme: str | None = None


@strawberry.input
class CohortMemberInput:
    cohort_id: strawberry.ID
    manager_id: strawberry.ID
    role: MemberRole = MemberRole.PARTICIPANT


@strawberry.input
class RaiseProblemInput:
    title: str
    description: str
    category: Category
    confidential: bool | None = strawberry.field(
        default=None, description="Defaults to true for SICK_LEAVE and SUBSTANCE_ABUSE."
    )
    session_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    id: strawberry.ID | None = None


@strawberry.input
class RecordHandlingInput:
    problem_id: strawberry.ID
    outcome: Outcome
    note: str | None = None
    manager_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Who handled it; defaults to the signed-in manager (admins may name another).",
    )
    findable: bool = strawberry.field(
        default=False,
        description="For a confidential problem you raised in your own team: others may find "
        "you for its category (never its date, outcome or count). Withdraw with "
        "setHandlingFindable. See docs/privacy.md.",
    )


@strawberry.input
class RecordContactInput:
    other_id: strawberry.ID
    since: dt.date | None = None
    source: ContactSource = ContactSource.MANUAL
    manager_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the signed-in manager (admins may name another)."
    )


__all__ = [
    "CohortMemberInput", "CreateCohortInput", "CreateDepartmentInput", "CreateManagerInput",
    "CreateSessionInput", "RaiseProblemInput", "RecordContactInput", "RecordHandlingInput",
    "UpdateCohortInput", "UpdateDepartmentInput", "UpdateManagerInput", "UpdateSessionInput",
]
