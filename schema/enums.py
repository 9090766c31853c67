"""Enumerations shared by the API, the importer and the jobs."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What kind of dilemma a problem is.")
class Category(Enum):
    STAFF_REASSIGNMENT = "STAFF_REASSIGNMENT"
    SICK_LEAVE = "SICK_LEAVE"
    SUBSTANCE_ABUSE = "SUBSTANCE_ABUSE"
    BUDGET = "BUDGET"
    CONFLICT = "CONFLICT"
    IT_SUPPORT = "IT_SUPPORT"
    OTHER = "OTHER"


# Health and substance-abuse problems concern identifiable staff: confidential unless said.
CONFIDENTIAL_BY_DEFAULT = frozenset({Category.SICK_LEAVE, Category.SUBSTANCE_ABUSE})


@strawberry.enum
class Level(Enum):
    FIRST_LINE = "FIRST_LINE"
    MIDDLE = "MIDDLE"
    SENIOR = "SENIOR"


@strawberry.enum
class MemberRole(Enum):
    PARTICIPANT = "PARTICIPANT"
    SPONSOR = "SPONSOR"


@strawberry.enum
class ProblemStatus(Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"


@strawberry.enum
class Outcome(Enum):
    RESOLVED = "RESOLVED"
    PARTLY = "PARTLY"
    NOT_RESOLVED = "NOT_RESOLVED"


@strawberry.enum(description="Where a contact came from.")
class ContactSource(Enum):
    COHORT = "COHORT"
    SESSION = "SESSION"
    MANUAL = "MANUAL"
    SUGGESTION = "SUGGESTION"
    IMPORT = "IMPORT"


__all__ = [
    "CONFIDENTIAL_BY_DEFAULT", "Category", "ContactSource", "Level", "MemberRole", "Outcome",
    "ProblemStatus",
]
