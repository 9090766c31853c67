"""Responding to contact suggestions (the suggestions themselves are
``Manager.suggestedContacts``)."""

from __future__ import annotations

import strawberry

from peernet.resolvers import suggestions as resolve
from peernet.resolvers.context import Info

from .enums import SuggestionResponse
from .types import Contact, SuggestedContact


@strawberry.type
class SuggestionMutation:
    @strawberry.mutation(
        description="Accept (records a contact) or dismiss (never suggested again) a suggestion."
    )
    async def respond_to_suggestion(
        self, info: Info, manager_id: strawberry.ID, response: SuggestionResponse
    ) -> Contact | None:
        found = await resolve.respond(info, other_id=manager_id, response=response)
        return Contact.of(found) if found else None


__all__ = ["SuggestedContact", "SuggestionMutation", "SuggestionResponse"]
