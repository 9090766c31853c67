"""Resolvers for contact suggestions."""

from __future__ import annotations

from peernet.domain import records
from peernet.domain.enums import ContactSource, SuggestionResponse
from peernet.domain.suggestions import SuggestedContact
from peernet.errors import Forbidden, NotFound
from peernet.graph import managers, suggestion_store
from peernet.graph.paging import check_first

from .context import Info
from .validation import now_iso

DEFAULT_FIRST = 10


def checked_limit(info: Info, manager_id: str, first: int) -> int:
    """How many suggestions to read for ``manager_id``, or the reason not to. Suggestions are
    personal: only the manager themself (or an admin) may read them. The per-field resolver
    and the look-ahead (``look_ahead.manager_extras``) both decide with this."""
    viewer = info.context.viewer
    if manager_id != viewer.manager_id and not viewer.is_admin:
        raise Forbidden("suggestions are visible only to the manager they are for")
    return check_first(first, info.context.settings.max_page_size)


async def suggested_contacts(
    info: Info, manager_id: str, first: int = DEFAULT_FIRST
) -> list[SuggestedContact]:
    limit = checked_limit(info, manager_id, first)
    # Read with the manager when the query asked for both (``look_ahead``), at this limit or
    # more: the rows are in rank order, so the first ``limit`` are what a read would return.
    primed = info.context.loaders.suggested.get(manager_id)
    if primed is not None and limit <= primed[0]:
        found = primed[1][:limit]
    else:
        found = await suggestion_store.for_manager(info.context.db, manager_id, limit)
    people = await info.context.loaders.manager.load_many([s.manager_id for s in found])
    return [SuggestedContact(manager=p, score=s.score, reasons=s.reasons)
            for s, p in zip(found, people) if p is not None]


async def respond(
    info: Info, *, other_id: str, response: SuggestionResponse
) -> records.Contact | None:
    me = info.context.require_manager()
    if not (await managers.by_ids(info.context.db, [other_id])):
        raise NotFound(f"no manager with id {other_id!r}", field="managerId")
    at = now_iso()
    await suggestion_store.respond(info.context.db, manager_id=me, other_id=other_id,
                                   response=response.value, at=at)
    if response is not SuggestionResponse.ACCEPTED:
        return None
    return await managers.record_contact(
        info.context.db, manager_id=me, other_id=other_id, since=at[:10],
        source=ContactSource.SUGGESTION.value,
    )


__all__ = ["DEFAULT_FIRST", "checked_limit", "respond", "suggested_contacts"]
