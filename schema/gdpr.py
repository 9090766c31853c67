"""The data-subject rights (access, erasure) and the audit log, in GraphQL."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from peernet.graph import audit, gdpr
from peernet.resolvers import gdpr as resolve
from peernet.resolvers.context import Info

from .connections import Connection


@strawberry.type(description="One audit-log entry: who did what to which record, ids only.")
class AuditEntry:
    id: strawberry.ID
    at: str = strawberry.field(description="When, as an ISO datetime (UTC).")
    actor_id: str | None = strawberry.field(
        description="The manager id of the token used, or 'cli'."
    )
    action: str = strawberry.field(
        description="READ_CONFIDENTIAL_PROBLEM, READ_CONFIDENTIAL_NOTE, EXPORT_MANAGER_DATA, "
        "ERASE_MANAGER, READ_AUDIT_LOG, or the admin mutation's name (CREATE_MANAGER, …)."
    )
    target_id: str | None
    target_label: str | None

    @classmethod
    def of(cls, r: audit.AuditEntry) -> AuditEntry:
        return cls(id=strawberry.ID(r.id), at=r.at, actor_id=r.actor_id, action=r.action,
                   target_id=r.target_id, target_label=r.target_label)


@strawberry.type(description="What erasing a manager removed.")
class Erasure:
    manager_id: strawberry.ID
    problems_anonymised: int = strawberry.field(
        description="Problems they raised, kept without title and description."
    )
    notes_removed: int = strawberry.field(description="Others' handling notes on those problems.")
    relationships_removed: int

    @classmethod
    def of(cls, r: gdpr.Erasure) -> Erasure:
        return cls(manager_id=strawberry.ID(r.manager_id),
                   problems_anonymised=r.problems_anonymised, notes_removed=r.notes_removed,
                   relationships_removed=r.relationships_removed)


@strawberry.type
class GdprQuery:
    @strawberry.field(
        description="Everything stored about one manager, as JSON (an admin, or the person "
        "themself)."
    )
    async def export_manager_data(self, info: Info, id: strawberry.ID) -> JSON:
        return JSON(await resolve.export_manager_data(info, id))

    @strawberry.field(description="The audit log, newest first (admins only).")
    async def audit_log(
        self, info: Info, first: int = 20, after: str | None = None,
        actor_id: strawberry.ID | None = None, target_id: strawberry.ID | None = None,
        action: str | None = None,
    ) -> Connection[AuditEntry]:
        page = await resolve.audit_log(
            info, first=first, after=after, actor_id=actor_id, target_id=target_id, action=action,
        )
        return Connection.of(page, AuditEntry.of)


@strawberry.type
class GdprMutation:
    @strawberry.mutation(
        description="Erase a manager (admins only): the person and their personal data go; "
        "problems they raised stay as anonymous statistics without text."
    )
    async def erase_manager(self, info: Info, id: strawberry.ID) -> Erasure:
        return Erasure.of(await resolve.erase_manager(info, id))


__all__ = ["AuditEntry", "Erasure", "GdprMutation", "GdprQuery"]
