"""Cypher for ``peernet import``: batched look-ups of the ids an import refers to, and the
writes, all in one transaction so a failed import leaves the graph as it was.

Every write MERGEs on ids, so importing the same files twice changes nothing. An empty
optional cell (a manager's title, a handling's note) leaves the stored value as it is; empty
``created_at``/``handled_at`` mean the time of the first import.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from neo4j import AsyncManagedTransaction

from . import bulk
from .driver import Database, run

LOOKUP_BATCH = 10_000
WRITE_BATCH = 10_000

# One query per label: labels cannot be parameters, and user input never becomes one.
EXISTING_IDS = {
    "Department": "UNWIND $ids AS id MATCH (n:Department {id: id}) RETURN n.id AS id",
    "Manager": "UNWIND $ids AS id MATCH (n:Manager {id: id}) RETURN n.id AS id",
    "Problem": "UNWIND $ids AS id MATCH (n:Problem {id: id}) RETURN n.id AS id",
}
EXISTING_CONTACTS = """
UNWIND $pairs AS p
MATCH (:Manager {id: p.a})-[:KNOWS]-(:Manager {id: p.b})
RETURN DISTINCT p.a AS a, p.b AS b
"""
EXISTING_HANDLED = """
UNWIND $pairs AS p
MATCH (:Manager {id: p.b})-[:HANDLED]->(:Problem {id: p.a})
RETURN DISTINCT p.a AS a, p.b AS b
"""

IMPORT_MANAGERS = """
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
# A problem has one raiser: re-importing it with another raised_by moves it.
IMPORT_PROBLEMS = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.raisedBy})
MERGE (p:Problem {id: r.id})
ON CREATE SET p.status = 'OPEN'
SET p.title = r.title, p.description = r.description, p.category = r.category,
    p.confidential = r.confidential, p.createdAt = coalesce(r.createdAt, p.createdAt, $now)
WITH m, p
OPTIONAL MATCH (other:Manager)-[old:RAISED]->(p) WHERE other <> m
DELETE old
WITH DISTINCT m, p
MERGE (m)-[:RAISED]->(p)
"""
# Status follows the handlings as recordHandling's does; applying it twice changes nothing.
IMPORT_HANDLED = """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (p:Problem {id: r.problemId})
MERGE (m)-[h:HANDLED]->(p)
SET h.outcome = r.outcome, h.note = coalesce(r.note, h.note),
    h.handledAt = coalesce(r.handledAt, h.handledAt, $now),
    p.status = CASE WHEN r.outcome = 'RESOLVED' THEN 'RESOLVED'
                    WHEN p.status = 'OPEN' THEN 'IN_PROGRESS' ELSE p.status END
"""
WRITES = {
    "departments": bulk.MERGE_DEPARTMENTS,
    "managers": IMPORT_MANAGERS,
    "problems": IMPORT_PROBLEMS,
    "handled": IMPORT_HANDLED,
    "contacts": bulk.MERGE_CONTACTS,  # rows are distinct (lower, higher) pairs
}


def _chunks(items: Collection[Any], size: int) -> Iterable[list[Any]]:
    ordered = list(items)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


async def existing_ids(db: Database, label: str, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` that are ``label`` nodes in the graph."""
    found: set[str] = set()
    for chunk in _chunks(ids, LOOKUP_BATCH):
        found.update(r["id"] for r in await db.read(EXISTING_IDS[label], ids=chunk))
    return found


async def _existing_pairs(db: Database, query: str, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(pairs, LOOKUP_BATCH):
        rows = await db.read(query, pairs=[{"a": a, "b": b} for a, b in chunk])
        found.update((r["a"], r["b"]) for r in rows)
    return found


async def existing_contacts(db: Database, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of the (manager, manager) ``pairs`` already linked by KNOWS, either way round."""
    return await _existing_pairs(db, EXISTING_CONTACTS, pairs)


async def existing_handled(db: Database, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of the (problem, manager) ``pairs`` where the manager has handled the problem."""
    return await _existing_pairs(db, EXISTING_HANDLED, pairs)


async def write(
    db: Database,
    steps: Iterable[tuple[str, list[dict[str, Any]]]],
    *,
    now: str,
    progress: Callable[[str, int, int], None] | None = None,
    batch_size: int = WRITE_BATCH,
) -> None:
    """Write (kind, rows) steps in order, in batches, in one transaction.

    ``progress(kind, rows_done, rows_total)`` is called after each batch; if the driver retries the
    transaction, the counts start again from the first batch.
    """
    ordered = list(steps)

    async def work(tx: AsyncManagedTransaction) -> None:
        for kind, rows in ordered:
            done = 0
            for batch in bulk.batches(rows, batch_size):
                await run(tx, WRITES[kind], rows=batch, now=now)
                done += len(batch)
                if progress:
                    progress(kind, done, len(rows))

    await db.write(work)


__all__ = [
    "EXISTING_CONTACTS", "EXISTING_HANDLED", "EXISTING_IDS", "IMPORT_HANDLED",
    "IMPORT_MANAGERS", "IMPORT_PROBLEMS", "WRITES", "existing_contacts", "existing_handled",
    "existing_ids", "write",
]
