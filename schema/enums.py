"""The domain's enumerations (``domain.enums``) declared as GraphQL enums: the same classes,
so a value the API receives is the domain's value and needs no translation."""

from __future__ import annotations

import strawberry

from peernet.domain import enums
from peernet.domain.enums import CONFIDENTIAL_BY_DEFAULT

Category = strawberry.enum(enums.Category, description="What kind of dilemma a problem is.")
Level = strawberry.enum(enums.Level)
MemberRole = strawberry.enum(enums.MemberRole)
ProblemStatus = strawberry.enum(enums.ProblemStatus)
Outcome = strawberry.enum(enums.Outcome)
ContactSource = strawberry.enum(enums.ContactSource, description="Where a contact came from.")
SuggestionResponse = strawberry.enum(enums.SuggestionResponse)
RecurringStatus = strawberry.enum(enums.RecurringStatus)
ActionStatus = strawberry.enum(enums.ActionStatus)

__all__ = [
    "CONFIDENTIAL_BY_DEFAULT", "ActionStatus", "Category", "ContactSource", "Level",
    "MemberRole", "Outcome", "ProblemStatus", "RecurringStatus", "SuggestionResponse",
]
