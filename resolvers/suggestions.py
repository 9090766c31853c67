"""Resolvers for contact suggestions."""

from __future__ import annotations

from peernet.errors import Forbidden, NotFound
from peernet.graph import managers, suggestion_store
from peernet.graph.paging import check_first

from .context import Info
from .validation import now_iso


async def for_manager(info: Info, manager_id: str, first: int) -> list[dict]:
    """Suggestions are personal: only the manager themself (or an admin) may read them."""
    viewer = info.context.viewer
    if manager_id != viewer.manager_id and not viewer.is_admin:
        raise Forbidden("suggestions are visible only to the manager they are for")
    limit = check_first(first, info.context.settings.max_page_size)
    # Read with the manager when the query asked for both (``look_ahead``), at this limit or
    # more: the rows are in rank order, so the first ``limit`` are what a read would return.
    primed = info.context.loaders.suggested.get(manager_id)
    if primed is not None and limit <= primed[0]:
        return primed[1][:limit]
    return await suggestion_store.for_manager(info.context.db, manager_id, limit)


async def respond(info: Info, *, other_id: str, response: str):
    from peernet.schema.types import Contact

    me = info.context.require_manager()
    if not (await managers.by_ids(info.context.db, [other_id])):
        raise NotFound(f"no manager with id {other_id!r}", field="managerId")
    at = now_iso()
    await suggestion_store.respond(info.context.db, manager_id=me, other_id=other_id, response=response, at=at)
    if response != "ACCEPTED":
        return None
    recorded = await managers.record_contact(
        info.context.db, manager_id=me, other_id=other_id, since=at[:10], source="SUGGESTION"
    )
    return Contact.of(recorded)


__all__ = ["for_manager", "respond"]
