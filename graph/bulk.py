"""Batched, idempotent writes of whole tables of rows (``UNWIND $rows … MERGE``), used by the
demo seeder and the CSV importer. Re-running a batch changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import run

MERGE_DEPARTMENTS = """
UNWIND $rows AS r MERGE (d:Department {id: r.id}) SET d.name = r.name
"""
MERGE_MANAGERS = """
UNWIND $rows AS r
MERGE (m:Manager {id: r.id})
SET m.name = r.name, m.title = r.title, m.level = r.level, m.managerSince = r.managerSince
WITH m, r
MATCH (d:Department {id: r.departmentId})
OPTIONAL MATCH (m)-[old:WORKS_IN]->(other) WHERE other <> d
DELETE old
MERGE (m)-[:WORKS_IN]->(d)
"""
MERGE_COHORTS = """
UNWIND $rows AS r MERGE (c:Cohort {id: r.id})
SET c.name = r.name, c.start = date(r.start), c.end = date(r.end)
"""
MERGE_MEMBERSHIPS = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (c:Cohort {id: r.cohortId})
MERGE (m)-[k:MEMBER_OF]->(c) SET k.role = r.role
"""
MERGE_SESSIONS = """
UNWIND $rows AS r
MATCH (c:Cohort {id: r.cohortId})
MERGE (s:Session {id: r.id}) SET s.number = r.number, s.date = date(r.date), s.theme = r.theme
MERGE (s)-[:OF_COHORT]->(c)
"""
MERGE_ATTENDANCE = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (s:Session {id: r.sessionId})
MERGE (m)-[:ATTENDED]->(s)
"""
MERGE_PROBLEMS = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.raisedBy})
MERGE (p:Problem {id: r.id})
SET p.title = r.title, p.description = r.description, p.category = r.category,
    p.confidential = r.confidential, p.createdAt = r.createdAt, p.status = r.status
MERGE (m)-[:RAISED]->(p)
"""
MERGE_DISCUSSED = """
UNWIND $rows AS r
MATCH (p:Problem {id: r.problemId}), (s:Session {id: r.sessionId})
MERGE (p)-[:DISCUSSED_IN]->(s)
"""
MERGE_HANDLED = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (p:Problem {id: r.problemId})
MERGE (m)-[h:HANDLED]->(p)
SET h.outcome = r.outcome, h.note = r.note, h.handledAt = r.handledAt
"""
# Rows arrive with a < b; the pattern is undirected so a pair stored the other way round by
# an earlier writer is found rather than duplicated.
MERGE_CONTACTS = """
UNWIND $rows AS r
MATCH (a:Manager {id: r.a}), (b:Manager {id: r.b})
OPTIONAL MATCH (a)-[existing:KNOWS]-(b)
WITH a, b, r, existing WHERE existing IS NULL
CREATE (a)-[:KNOWS {since: r.since, source: r.source, cohortId: r.cohortId}]->(b)
"""


def batches(rows: Sequence[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start:start + size])


async def write_rows(tx: AsyncManagedTransaction, query: str, rows: Sequence[dict[str, Any]], *, size: int = 5000) -> None:
    for batch in batches(rows, size):
        await run(tx, query, rows=batch)


__all__ = [
    "MERGE_ATTENDANCE", "MERGE_COHORTS", "MERGE_CONTACTS", "MERGE_DEPARTMENTS",
    "MERGE_DISCUSSED", "MERGE_HANDLED", "MERGE_MANAGERS", "MERGE_MEMBERSHIPS",
    "MERGE_PROBLEMS", "MERGE_SESSIONS", "batches", "write_rows",
]
