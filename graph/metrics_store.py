"""Cypher for the ``network-metrics`` job: load the contact network, store each run as a
snapshot, read the latest and the trend. Used by the job's load and write steps
(:mod:`peernet.jobs.network_metrics`), the GraphQL metrics fields (``resolvers/metrics.py``)
and ``peernet demo``."""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run

# The network in pages of managers (by id, a range-index scan), each page one record of
# lists: the async driver spends its Python time per record, so a record per contact would
# make loading the slowest step of the job. Pages keep the server's lists bounded at 100,000
# managers. Each KNOWS relationship is read once, from its start node; a manager without a
# department gets a null one (dropped by the job, as before). ``since`` only when asked.
LOAD_PAGE = """
MATCH (m:Manager) WHERE $after IS NULL OR m.id > $after
WITH m ORDER BY m.id LIMIT $page
RETURN collect(m.id) AS ids,
       collect(head([(m)-[:WORKS_IN]->(d:Department) | d.id])) AS departments,
       collect([(m)-[k:KNOWS]->(o:Manager) |
                CASE WHEN $since THEN [o.id, toString(k.since)] ELSE o.id END]) AS contacts
"""
PAGE_MANAGERS = 20_000
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


async def load_network(
    db: Database, *, since: bool = True, page: int = PAGE_MANAGERS,
) -> dict[str, Any]:
    """Managers (sorted by id), their departments, and per manager the ids it KNOWS.

    Returns ``{"ids": [...], "departments": [...], "contacts": [[other ids], ...],
    "since": [[ISO date or None, ...], ...] or None}``, lists aligned by manager; ``since``
    (the contacts' dates, as strings) only when ``since`` is true.
    """
    out: dict[str, Any] = {
        "ids": [], "departments": [], "contacts": [], "since": [] if since else None,
    }
    after = None
    while True:
        rows = await db.read(LOAD_PAGE, after=after, page=page, since=since)
        row = rows[0] if rows else {"ids": []}
        if not row["ids"]:
            return out
        out["ids"] += row["ids"]
        out["departments"] += row["departments"]
        if since:  # [[id, since], ...] per manager, split into two aligned lists
            out["contacts"] += [[c[0] for c in known] for known in row["contacts"]]
            out["since"] += [[c[1] for c in known] for known in row["contacts"]]
        else:
            out["contacts"] += row["contacts"]
        if len(row["ids"]) < page:
            return out
        after = row["ids"][-1]


async def names(db: Database) -> dict[str, str]:
    return {r["id"]: r["name"] for r in await db.read(LOAD_NAMES)}


async def cohort(db: Database, cohort_id: str) -> dict[str, Any] | None:
    rows = await db.read(COHORT, id=cohort_id)
    return rows[0] if rows else None


async def write_snapshot(
    db: Database, *, id: str, computed_at: str, as_of: str | None, data: dict[str, Any],
) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
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
