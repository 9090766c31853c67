"""Resolvers for the data-subject rights and the audit log."""

from __future__ import annotations

from typing import Any

from peernet.domain.pages import Page
from peernet.domain.retention import RetentionPreview
from peernet.errors import Forbidden
from peernet.graph import audit, gdpr
from peernet.graph.paging import check_first, decode_cursor
from peernet.jobs.retention import preview as retention

from .context import Info


async def export_manager_data(info: Info, id: str) -> dict[str, Any]:
    viewer = info.context.viewer
    # Checked before the manager is looked up, so the answer says nothing about who exists.
    if not (viewer.is_admin or (viewer.manager_id and viewer.manager_id == id)):
        raise Forbidden("only an admin or the person themself may export their data")
    return await gdpr.export(info.context.db, id, actor_id=viewer.manager_id)


async def erase_manager(info: Info, id: str) -> gdpr.Erasure:
    info.context.require_admin()
    # Unbounded, as a job run is: erasure searches the whole graph for mentions of the person.
    db = info.context.db.unbounded()
    return await gdpr.erase(db, id, actor_id=info.context.viewer.manager_id)


async def retention_preview(info: Info, days: int) -> RetentionPreview:
    info.context.require_admin()
    return await retention.preview(info.context.db, days)


async def audit_log(
    info: Info, *, first: int, after: str | None, actor_id: str | None,
    target_id: str | None, action: str | None,
) -> Page[audit.AuditEntry]:
    info.context.require_admin()
    limit = check_first(first, info.context.settings.max_page_size)
    after_id = decode_cursor(after)
    db = info.context.db
    filters = {"actor_id": actor_id, "target_id": target_id, "action": action}
    rows = await audit.page(db, after=after_id, limit=limit + 1, **filters)
    # Reading the log is itself an admin action, recorded after the page was read.
    await info.context.audit.record(audit.READ_AUDIT_LOG, "AuditEntry", None)
    return Page(rows, limit, after, lambda: audit.count(db, **filters))


__all__ = ["audit_log", "erase_manager", "export_manager_data", "retention_preview"]
