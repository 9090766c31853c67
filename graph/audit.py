"""Cypher for the audit log: who read confidential text and what admins did, ids only.

Entries are ``(:AuditEntry {id, at, actorId, action, targetId, targetLabel})`` nodes with no
relationships, so erasing a person never breaks the log. The API offers no way to change or
delete an entry: this module only appends and reads. Ids start with the time they were
written, so ordering by id is ordering by time, and keyset pagination (``id < $after``)
walks the log newest first.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run

# MERGE on the id: the driver may re-run a write whose commit it did not hear about.
APPEND = """
UNWIND $entries AS e
MERGE (a:AuditEntry {id: e.id})
ON CREATE SET a.at = e.at, a.actorId = e.actorId, a.action = e.action,
              a.targetId = e.targetId, a.targetLabel = e.targetLabel
"""
FILTER = """
WHERE ($actorId IS NULL OR a.actorId = $actorId)
  AND ($targetId IS NULL OR a.targetId = $targetId)
  AND ($action IS NULL OR a.action = $action)
"""
PAGE = f"""
MATCH (a:AuditEntry) {FILTER} AND ($after IS NULL OR a.id < $after)
RETURN a {{.id, .at, .actorId, .action, .targetId, .targetLabel}} AS entry
ORDER BY a.id DESC LIMIT $limit
"""
COUNT = f"MATCH (a:AuditEntry) {FILTER} RETURN count(a) AS n"
ABOUT = """
MATCH (a:AuditEntry) WHERE a.actorId = $id OR a.targetId = $id
RETURN a {.id, .at, .actorId, .action, .targetId, .targetLabel} AS entry ORDER BY a.id
"""

# Actions. Reads of confidential text are recorded whoever reads it; admin actions are every
# mutation made with an admin token (named after the mutation) plus these.
READ_CONFIDENTIAL_PROBLEM = "READ_CONFIDENTIAL_PROBLEM"
READ_CONFIDENTIAL_NOTE = "READ_CONFIDENTIAL_NOTE"
EXPORT_MANAGER_DATA = "EXPORT_MANAGER_DATA"
ERASE_MANAGER = "ERASE_MANAGER"
READ_AUDIT_LOG = "READ_AUDIT_LOG"

CLI_ACTOR = "cli"  # commands run on the server by an operator


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: str
    actor_id: str | None
    action: str
    target_id: str | None
    target_label: str | None


def entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=row["id"], at=row["at"], actor_id=row.get("actorId"), action=row["action"],
        target_id=row.get("targetId"), target_label=row.get("targetLabel"),
    )


def new_entries(
    actor_id: str | None, events: Iterable[tuple[str, str | None, str | None]],
    *, now: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Rows for ``APPEND`` from ``(action, targetLabel, targetId)`` events."""
    moment = now or dt.datetime.now(dt.UTC)
    at = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    stamp = moment.strftime("%Y%m%dT%H%M%S%f")
    return [
        {"id": f"a-{stamp}-{uuid.uuid4().hex[:10]}", "at": at, "actorId": actor_id,
         "action": action, "targetId": target_id, "targetLabel": label}
        for action, label, target_id in events
    ]


async def append_tx(tx: AsyncManagedTransaction, entries: list[dict[str, Any]]) -> None:
    if entries:
        await run(tx, APPEND, entries=entries)


async def append(db: Database, entries: list[dict[str, Any]]) -> None:
    if entries:
        await db.write(lambda tx: append_tx(tx, entries))


def _filters(actor_id: str | None, target_id: str | None, action: str | None) -> dict[str, Any]:
    return {"actorId": actor_id, "targetId": target_id, "action": action}


async def page(
    db: Database, *, after: str | None, limit: int, actor_id: str | None = None,
    target_id: str | None = None, action: str | None = None,
) -> list[AuditEntry]:
    rows = await db.read(PAGE, after=after, limit=limit, **_filters(actor_id, target_id, action))
    return [entry(r["entry"]) for r in rows]


async def count(
    db: Database, *, actor_id: str | None = None, target_id: str | None = None,
    action: str | None = None,
) -> int:
    n: int = (await db.read(COUNT, **_filters(actor_id, target_id, action)))[0]["n"]
    return n


async def about(db: Database, manager_id: str) -> list[AuditEntry]:
    """Entries where the manager is the actor or the target (for a right-of-access export)."""
    return [entry(r["entry"]) for r in await db.read(ABOUT, id=manager_id)]


__all__ = [
    "CLI_ACTOR", "ERASE_MANAGER", "EXPORT_MANAGER_DATA", "READ_AUDIT_LOG",
    "READ_CONFIDENTIAL_NOTE", "READ_CONFIDENTIAL_PROBLEM", "AuditEntry", "about", "append",
    "append_tx", "count", "entry", "new_entries", "page",
]
