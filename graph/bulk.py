"""The one write of each entity of an organisation, for whole tables of rows (``UNWIND $rows
… MERGE``): the seed loader (``seeds/loader.py``) writes every table through ``WRITES``, and
the CSV importer (``graph/importer.py``) writes the tables it reads through the same queries.

Every write MERGEs on ids (contacts on their pair of managers), so writing the same rows twice
changes nothing. A row's missing optional value (``None``: a manager's title, a handling's
note) keeps the value already stored; a missing ``createdAt``/``handledAt`` means ``$now``,
the time of the first write. What a row refers to must be written before it: ``WRITES`` is
in that order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from .driver import run
from .timestamps import now_iso
from .visibility import OPEN_PROBLEM_LABEL

T = TypeVar("T")

MERGE_DEPARTMENTS = """
UNWIND $rows AS r MERGE (d:Department {id: r.id}) SET d.name = r.name
"""
# A manager works in one department: writing it with another moves it.
MERGE_MANAGERS = """
UNWIND $rows AS r
MATCH (d:Department {id: r.departmentId})
MERGE (m:Manager {id: r.id})
SET m.name = r.name, m.title = coalesce(r.title, m.title), m.level = coalesce(r.level, m.level),
    m.managerSince = coalesce(r.managerSince, m.managerSince)
WITH m, d
OPTIONAL MATCH (m)-[old:WORKS_IN]->(other) WHERE other <> d
DELETE old
WITH DISTINCT m, d
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
# A problem has one raiser: writing it with another raisedBy moves it. Rows without a status
# (the importer's) leave the stored one, and a new problem starts OPEN. An anonymised problem
# (``anonymisedAt``: erasure or retention removed its text) stays without title and
# description, and its handlings without notes, whatever a row brings.
MERGE_PROBLEMS = f"""
UNWIND $rows AS r
MATCH (m:Manager {{id: r.raisedBy}})
MERGE (p:Problem {{id: r.id}})
SET p.title = CASE WHEN p.anonymisedAt IS NULL THEN r.title END,
    p.description = CASE WHEN p.anonymisedAt IS NULL THEN r.description END,
    p.category = r.category,
    p.confidential = r.confidential, p.createdAt = coalesce(r.createdAt, p.createdAt, $now),
    p.status = coalesce(r.status, p.status, 'OPEN')
{OPEN_PROBLEM_LABEL}
WITH m, p
OPTIONAL MATCH (other:Manager)-[old:RAISED]->(p) WHERE other <> m
DELETE old
WITH DISTINCT m, p
MERGE (m)-[:RAISED]->(p)
"""
MERGE_DISCUSSED = """
UNWIND $rows AS r
MATCH (p:Problem {id: r.problemId}), (s:Session {id: r.sessionId})
MERGE (p)-[:DISCUSSED_IN]->(s)
"""
# Status follows the handlings as recordHandling's does; applying it twice changes nothing,
# and a status the seed data gives (written with the problem) already agrees with it.
MERGE_HANDLED = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (p:Problem {id: r.problemId})
MERGE (m)-[h:HANDLED]->(p)
SET h.outcome = r.outcome,
    h.note = CASE WHEN p.anonymisedAt IS NULL THEN coalesce(r.note, h.note) END,
    h.handledAt = coalesce(r.handledAt, h.handledAt, $now),
    p.status = CASE WHEN r.outcome = 'RESOLVED' THEN 'RESOLVED'
                    WHEN p.status = 'OPEN' THEN 'IN_PROGRESS' ELSE p.status END
"""
# Rows are distinct (lower, higher) pairs; the pattern is undirected so a pair stored the
# other way round by an earlier writer is found rather than duplicated. It counts what it
# creates, so that an import need not look every pair up first.
MERGE_CONTACTS = """
UNWIND $rows AS r
MATCH (a:Manager {id: r.a}), (b:Manager {id: r.b})
OPTIONAL MATCH (a)-[existing:KNOWS]-(b)
WITH a, b, r, existing WHERE existing IS NULL
CREATE (a)-[:KNOWS {since: r.since, source: r.source, cohortId: r.cohortId}]->(b)
RETURN count(*) AS created
"""
# Per table (a DemoData field, an import file's kind), in dependency order.
WRITES: dict[str, str] = {
    "departments": MERGE_DEPARTMENTS,
    "managers": MERGE_MANAGERS,
    "cohorts": MERGE_COHORTS,
    "memberships": MERGE_MEMBERSHIPS,
    "sessions": MERGE_SESSIONS,
    "attendance": MERGE_ATTENDANCE,
    "problems": MERGE_PROBLEMS,
    "discussed": MERGE_DISCUSSED,
    "handled": MERGE_HANDLED,
    "contacts": MERGE_CONTACTS,
}


def batches(rows: Sequence[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(rows), size):
        yield list(rows[start:start + size])


async def write_rows(
    tx: AsyncManagedTransaction, table: str, rows: Sequence[dict[str, Any]], *,
    now: str | None = None, size: int = 5000,
) -> None:
    """Write ``rows`` of ``table`` (a key of ``WRITES``) in batches; ``now`` (default: this
    moment) stands for the times the rows leave empty."""
    moment = now or now_iso()
    for batch in batches(rows, size):
        await run(tx, WRITES[table], rows=batch, now=moment)


__all__ = [
    "MERGE_ATTENDANCE", "MERGE_COHORTS", "MERGE_CONTACTS", "MERGE_DEPARTMENTS",
    "MERGE_DISCUSSED", "MERGE_HANDLED", "MERGE_MANAGERS", "MERGE_MEMBERSHIPS",
    "MERGE_PROBLEMS", "MERGE_SESSIONS", "WRITES", "batches", "write_rows",
]
