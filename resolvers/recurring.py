"""Resolvers for the sponsors' board: recurring problems, escalations and actions."""

from __future__ import annotations

import uuid
from typing import Any

from peernet.errors import NotFound
from peernet.graph import recurring_store

from . import validation as v
from .context import Info

# Recording an action moves the group along ITIL's path; escalation goes to the leadership group.
STATUS_AFTER_ACTION = {"PLANNED": "ESCALATED", "IN_PROGRESS": "ADDRESSED", "DONE": "CLOSED"}


async def listing(info: Info, *, min_departments: int, since: str | None) -> list[dict[str, Any]]:
    info.context.require_sponsor_or_admin()
    return await recurring_store.listing(
        info.context.db, info.context.viewer, min_departments=min_departments, since=since,
        min_group=info.context.settings.min_group_size,
    )


async def _event(info: Info, id: str, event: dict[str, Any], group_status: str | None) -> str:
    info.context.require_sponsor_or_admin()
    by = info.context.require_manager()
    status = await recurring_store.add_event(
        info.context.db, id=id, group_status=group_status,
        event={"eventId": f"ev-{uuid.uuid4().hex[:12]}", "at": v.now_iso(), "byId": by,
               "note": None, "action": None, "status": None, **event},
    )
    if status is None:
        raise NotFound(f"no recurring problem with id {id!r}", field="id")
    return status


async def escalate(info: Info, *, id: str, note: str) -> str:
    note_text = v.text(note, "note", max_len=v.MAX_TEXT, multiline=True)
    return await _event(info, id, {"kind": "ESCALATION", "note": note_text}, "ESCALATED")


async def record_action(info: Info, *, id: str, action: str, status: str) -> str:
    return await _event(
        info, id,
        {"kind": "ACTION", "action": v.text(action, "action", max_len=v.MAX_TEXT, multiline=True),
         "status": status},
        STATUS_AFTER_ACTION[status],
    )


__all__ = ["escalate", "listing", "record_action"]
