"""The domain's enumerations (``domain.enums``) declared as GraphQL enums: the same classes,
so a value the API receives is the domain's value and needs no translation."""

from __future__ import annotations

import strawberry

from peernet.domain.enums import (
    CONFIDENTIAL_BY_DEFAULT,
    ActionStatus,
    Category,
    ContactSource,
    Level,
    MemberRole,
    Outcome,
    ProblemStatus,
    RecurringStatus,
    SuggestionResponse,
)

# strawberry.enum marks a class as a GraphQL enum in place and returns that same class, so the
# names exported here are the domain's classes themselves, usable as types.
strawberry.enum(Category, description="What kind of dilemma a problem is.")
strawberry.enum(Level)
strawberry.enum(MemberRole)
strawberry.enum(ProblemStatus)
strawberry.enum(Outcome)
strawberry.enum(ContactSource, description="Where a contact came from.")
strawberry.enum(SuggestionResponse)
strawberry.enum(RecurringStatus)
strawberry.enum(ActionStatus)

__all__ = [
    "CONFIDENTIAL_BY_DEFAULT", "ActionStatus", "Category", "ContactSource", "Level",
    "MemberRole", "Outcome", "ProblemStatus", "RecurringStatus", "SuggestionResponse",
]
