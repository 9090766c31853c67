"""The closed sets of values the organisation's records take: what kind of dilemma a problem
is, how a handling went, where a contact came from… Plain Python enums, so the importer, the
jobs and the resolvers can use them without the API; ``schema.enums`` declares these same
classes as GraphQL enums."""

from __future__ import annotations

from enum import Enum


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


class Level(Enum):
    FIRST_LINE = "FIRST_LINE"
    MIDDLE = "MIDDLE"
    SENIOR = "SENIOR"


class MemberRole(Enum):
    PARTICIPANT = "PARTICIPANT"
    SPONSOR = "SPONSOR"


class ProblemStatus(Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"


class Outcome(Enum):
    RESOLVED = "RESOLVED"
    PARTLY = "PARTLY"
    NOT_RESOLVED = "NOT_RESOLVED"


class ContactSource(Enum):
    COHORT = "COHORT"
    SESSION = "SESSION"
    MANUAL = "MANUAL"
    SUGGESTION = "SUGGESTION"
    IMPORT = "IMPORT"


class SuggestionResponse(Enum):
    ACCEPTED = "ACCEPTED"
    DISMISSED = "DISMISSED"


class RecurringStatus(Enum):
    """Where a group of recurring reports is on ITIL's problem-management path."""

    NEW = "NEW"
    ESCALATED = "ESCALATED"
    ADDRESSED = "ADDRESSED"
    CLOSED = "CLOSED"


class ActionStatus(Enum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


__all__ = [
    "CONFIDENTIAL_BY_DEFAULT", "ActionStatus", "Category", "ContactSource", "Level",
    "MemberRole", "Outcome", "ProblemStatus", "RecurringStatus", "SuggestionResponse",
]
