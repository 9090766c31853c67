"""Cypher for the data-subject rights: everything about one manager (access) and removing
them (erasure, in :mod:`.erasure`, re-exported here).

The export shows what the person did and what is about them, not what others did about
them: their own suggestions and their answers to them, their dismissals, but not the others
who were suggested them or dismissed them (those are the others' choices).
"""

from __future__ import annotations

from typing import Any

from peernet.errors import NotFound

from . import audit
from .driver import Database
from .erasure import Erasure, erase

MANAGER = "MATCH (m:Manager {id: $id}) RETURN labels(m) AS labels, properties(m) AS properties"
RELATIONSHIPS = """
MATCH (m:Manager {id: $id})-[r]-(o)
WHERE NOT (type(r) IN $othersChoices AND endNode(r) = m)
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
# Relationships another manager writes about this one: their suggestion lists and dismissals.
OTHERS_CHOICES = ["SUGGESTED", "DISMISSED"]


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
    relationships = await db.read(RELATIONSHIPS, id=manager_id, othersChoices=OTHERS_CHOICES)
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


__all__ = ["Erasure", "erase", "export", "plain"]
