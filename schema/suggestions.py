"""Contact suggestions as the signed-in manager sees them, and their responses."""

from __future__ import annotations

from enum import Enum

import strawberry

from peernet.resolvers import suggestions as resolve
from peernet.resolvers.context import Info

from .types import Contact, Manager


@strawberry.enum
class SuggestionResponse(Enum):
    ACCEPTED = "ACCEPTED"
    DISMISSED = "DISMISSED"


@strawberry.type(description="Someone in another department worth knowing, and why.")
class SuggestedContact:
    manager: Manager
    score: float
    reasons: list[str]


@strawberry.type
class SuggestionMutation:
    @strawberry.mutation(
        description="Accept (records a contact) or dismiss (never suggested again) a suggestion."
    )
    async def respond_to_suggestion(
        self, info: Info, manager_id: strawberry.ID, response: SuggestionResponse
    ) -> Contact | None:
        return await resolve.respond(info, other_id=manager_id, response=response.value)


__all__ = ["SuggestedContact", "SuggestionMutation", "SuggestionResponse"]
