"""Cypher for the data-subject rights: everything about one manager (access) and removing
them (erasure).

Erasure deletes the manager node with every relationship it has, and strips the text from the
problems they raised — title, description, and the notes others wrote when handling them — so
those problems stay only as anonymous statistics: category, status, dates, the sessions they
were discussed in and who else handled them with what outcome. Audit entries keep the ids
they hold (see docs/privacy.md). Both run in one transaction with their own audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.errors import NotFound

from . import audit
from .driver import Database, run
from .timestamps import now_iso

MANAGER = "MATCH (m:Manager {id: $id}) RETURN labels(m) AS labels, properties(m) AS properties"
RELATIONSHIPS = """
MATCH (m:Manager {id: $id})-[r]-(o)
RETURN type(r) AS type, CASE WHEN startNode(r) = m THEN 'OUT' ELSE 'IN' END AS direction,
       properties(r) AS properties,
       {labels: labels(o), id: o.id, name: o.name} AS other
ORDER BY type, other.id, direction
"""
RAISED = """
MATCH (:Manager {id: $id})-[:RAISED]->(p:Problem)
RETURN properties(p) AS problem,
       [(p)-[:DISCUSSED_IN]->(s:Session) | s.id] AS sessionIds
ORDER BY p.createdAt, p.id
"""

ANONYMISE_RAISED = """
MATCH (:Manager {id: $id})-[:RAISED]->(p:Problem)
SET p.title = null, p.description = null, p.anonymisedAt = coalesce(p.anonymisedAt, $now)
RETURN count(p) AS n
"""
# Others' handling notes on the erased person's problems may describe them: notes go, the
# handling (who, outcome, when) stays.
REMOVE_NOTES = """
MATCH (:Manager {id: $id})-[:RAISED]->(:Problem)<-[h:HANDLED]-(:Manager)
WHERE h.note IS NOT NULL
SET h.note = null
RETURN count(h) AS n
"""
DELETE_MANAGER = """
MATCH (m:Manager {id: $id})
WITH m, COUNT { (m)--() } AS rels
DETACH DELETE m
RETURN rels
"""


@dataclass(frozen=True)
class Erasure:
    manager_id: str
    problems_anonymised: int
    notes_removed: int
    relationships_removed: int


def plain(value: Any) -> Any:
    """A Neo4j value as JSON: temporal values become ISO strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


async def export(db: Database, manager_id: str, *, actor_id: str | None) -> dict[str, Any]:
    """Everything stored about one manager, as JSON-ready data; the export is audited, and
    so is the confidential text it contains."""
    found = await db.read(MANAGER, id=manager_id)
    if not found:
        raise NotFound(f"no manager with id {manager_id!r}", field="id")
    relationships = await db.read(RELATIONSHIPS, id=manager_id)
    raised = await db.read(RAISED, id=manager_id)
    entries = await audit.about(db, manager_id)
    problems = [{**plain(r["problem"]), "sessionIds": r["sessionIds"]} for r in raised]
    events = [(audit.EXPORT_MANAGER_DATA, "Manager", manager_id)] + [
        (audit.READ_CONFIDENTIAL_PROBLEM, "Problem", p["id"]) for p in problems
        if p.get("confidential") and (p.get("title") or p.get("description"))
    ]
    await audit.append(db, audit.new_entries(actor_id, events))
    return {
        "manager": plain(found[0]["properties"]),
        "labels": found[0]["labels"],
        "relationships": [
            {"type": r["type"], "direction": r["direction"],
             "properties": plain(r["properties"]), "other": plain(r["other"])}
            for r in relationships
        ],
        "problemsRaised": problems,
        "auditEntries": [
            {"id": e.id, "at": e.at, "actorId": e.actor_id, "action": e.action,
             "targetId": e.target_id, "targetLabel": e.target_label}
            for e in entries
        ],
    }


async def erase(db: Database, manager_id: str, *, actor_id: str | None) -> Erasure:
    async def work(tx: AsyncManagedTransaction) -> Erasure:
        if not await run(tx, MANAGER, id=manager_id):
            raise NotFound(f"no manager with id {manager_id!r}", field="id")
        problems = (await run(tx, ANONYMISE_RAISED, id=manager_id, now=now_iso()))[0]["n"]
        notes = (await run(tx, REMOVE_NOTES, id=manager_id))[0]["n"]
        rels = (await run(tx, DELETE_MANAGER, id=manager_id))[0]["rels"]
        await audit.append_tx(
            tx, audit.new_entries(actor_id, [(audit.ERASE_MANAGER, "Manager", manager_id)])
        )
        return Erasure(manager_id=manager_id, problems_anonymised=problems,
                       notes_removed=notes, relationships_removed=rels)

    return await db.write(work)


__all__ = ["Erasure", "erase", "export", "plain"]
