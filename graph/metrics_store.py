"""Cypher for the ``network-metrics`` job: load the contact network, store each run as a
snapshot, read the latest and the trend."""

from __future__ import annotations

import json
from typing import Any

from .driver import Database, run

LOAD_MANAGERS = """
MATCH (m:Manager)-[:WORKS_IN]->(d:Department) RETURN m.id AS id, d.id AS department
"""
LOAD_CONTACTS = "MATCH (a:Manager)-[k:KNOWS]->(b:Manager) RETURN a.id AS a, b.id AS b, k.since AS since"
LOAD_NAMES = """
CALL () { MATCH (d:Department) RETURN d.id AS id, d.name AS name
          UNION MATCH (m:Manager) RETURN m.id AS id, m.name AS name }
RETURN id, name
"""
COHORT = """
MATCH (c:Cohort {id: $id})
RETURN toString(c.start) AS start, toString(c.end) AS end, c.name AS name,
       [(m:Manager)-[r:MEMBER_OF]->(c) WHERE r.role = 'PARTICIPANT' | m.id] AS members
"""
WRITE_SNAPSHOT = """
CREATE (:MetricsSnapshot {id: $id, computedAt: $computedAt, asOf: $asOf, data: $data})
"""
LATEST = """
MATCH (s:MetricsSnapshot) WHERE ($asOf IS NULL AND s.asOf IS NULL) OR s.asOf = $asOf
RETURN s.id AS id, s.computedAt AS computedAt, s.asOf AS asOf, s.data AS data
ORDER BY s.computedAt DESC LIMIT 1
"""
HISTORY = """
MATCH (s:MetricsSnapshot)
WITH s, coalesce(s.asOf, substring(s.computedAt, 0, 10)) AS effective
RETURN s.id AS id, s.computedAt AS computedAt, s.asOf AS asOf, s.data AS data
ORDER BY effective DESC, s.computedAt DESC LIMIT $limit
"""


async def load_network(db: Database) -> dict[str, Any]:
    return {
        "managers": await db.read(LOAD_MANAGERS),
        "contacts": [(r["a"], r["b"], r["since"]) for r in await db.read(LOAD_CONTACTS)],
    }


async def names(db: Database) -> dict[str, str]:
    return {r["id"]: r["name"] for r in await db.read(LOAD_NAMES)}


async def cohort(db: Database, cohort_id: str) -> dict[str, Any] | None:
    rows = await db.read(COHORT, id=cohort_id)
    return rows[0] if rows else None


async def write_snapshot(db: Database, *, id: str, computed_at: str, as_of: str | None, data: dict[str, Any]) -> None:
    async def work(tx):
        await run(tx, WRITE_SNAPSHOT, id=id, computedAt=computed_at, asOf=as_of,
                  data=json.dumps(data, sort_keys=True))

    await db.write(work)


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "computedAt": row["computedAt"], "asOf": row["asOf"],
            **json.loads(row["data"])}


async def latest(db: Database, as_of: str | None = None) -> dict[str, Any] | None:
    rows = await db.read(LATEST, asOf=as_of)
    return _parse(rows[0]) if rows else None


async def history(db: Database, limit: int) -> list[dict[str, Any]]:
    return [_parse(r) for r in await db.read(HISTORY, limit=limit)]


__all__ = ["cohort", "history", "latest", "load_network", "names", "write_snapshot"]
