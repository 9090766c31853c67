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
from neo4j.exceptions import TransientError

from peernet.errors import BadUserInput, DbUnavailable

from . import bulk
from .driver import Database, run

LOOKUP_BATCH = 10_000
WRITE_BATCH = 10_000
MEMORY_LIMIT = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
TOO_LARGE = (
    "the import is too large for one transaction within the database's transaction memory "
    "(dbms.memory.transaction.total.max; {detail}); nothing was written. Import the files in "
    "separate runs (for example problems and handled apart from contacts), or give Neo4j "
    "more heap"
)

# One query per label: labels cannot be parameters, and user input never becomes one.
# Each look-up answers with one record holding a list: the async driver costs ~0.1-0.4 ms per
# record in Python, which made 10,000 one-record-per-id answers slower than the writes.
EXISTING_IDS = {
    "Department": "UNWIND $ids AS id MATCH (n:Department {id: id}) RETURN collect(n.id) AS ids",
    "Manager": "UNWIND $ids AS id MATCH (n:Manager {id: id}) RETURN collect(n.id) AS ids",
    "Problem": "UNWIND $ids AS id MATCH (n:Problem {id: id}) RETURN collect(n.id) AS ids",
}
# Anchored on one id seek per pair (hinted: a plan that scanned an index per row once took
# minutes at 7,500 pairs), then the other end checked in a pattern comprehension, which
# always expands from the bound node: as a second MATCH, the planner could still start from
# a scan of every Manager and join (15 s for 7,461 handled pairs into an empty graph). A
# manager has ~15 contacts, a problem at most a few handlers.
EXISTING_CONTACTS = """
UNWIND $pairs AS p
MATCH (a:Manager {id: p.a}) USING INDEX a:Manager(id)
WITH p, [(a)-[:KNOWS]-(b:Manager) WHERE b.id = p.b | b.id] AS found
WHERE size(found) > 0
RETURN collect(DISTINCT [p.a, p.b]) AS pairs
"""
EXISTING_HANDLED = """
UNWIND $pairs AS p
MATCH (problem:Problem {id: p.a}) USING INDEX problem:Problem(id)
WITH p, [(problem)<-[:HANDLED]-(m:Manager) WHERE m.id = p.b | m.id] AS found
WHERE size(found) > 0
RETURN collect(DISTINCT [p.a, p.b]) AS pairs
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
# bulk.MERGE_CONTACTS, counting what it creates so that an import need not look every pair
# up first. Rows are distinct (lower, higher) pairs; a pair stored the other way round by an
# earlier writer is found by the undirected match, not duplicated.
IMPORT_CONTACTS = """
UNWIND $rows AS r
MATCH (a:Manager {id: r.a}), (b:Manager {id: r.b})
OPTIONAL MATCH (a)-[existing:KNOWS]-(b)
WITH a, b, r, existing WHERE existing IS NULL
CREATE (a)-[:KNOWS {since: r.since, source: r.source, cohortId: r.cohortId}]->(b)
RETURN count(*) AS created
"""
WRITES = {
    "departments": bulk.MERGE_DEPARTMENTS,
    "managers": IMPORT_MANAGERS,
    "problems": IMPORT_PROBLEMS,
    "handled": IMPORT_HANDLED,
    "contacts": IMPORT_CONTACTS,
}


def _chunks(items: Collection[Any], size: int) -> Iterable[list[Any]]:
    ordered = list(items)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


async def existing_ids(db: Database, label: str, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` that are ``label`` nodes in the graph."""
    found: set[str] = set()
    for chunk in _chunks(ids, LOOKUP_BATCH):
        rows = await db.read(EXISTING_IDS[label], ids=chunk)
        found.update(rows[0]["ids"] if rows else ())
    return found


async def _existing_pairs(db: Database, query: str, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(pairs, LOOKUP_BATCH):
        rows = await db.read(query, pairs=[{"a": a, "b": b} for a, b in chunk])
        found.update((a, b) for a, b in (rows[0]["pairs"] if rows else ()))
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
) -> dict[str, int]:
    """Write (kind, rows) steps in order, in batches, in one transaction; return the number of
    records created per kind whose query counts them (contacts).

    ``progress(kind, rows_done, rows_total)`` is called after each batch; if the driver retries
    the transaction, the counts start again from the first batch.
    """
    ordered = list(steps)

    async def work(tx: AsyncManagedTransaction) -> dict[str, int]:
        created: dict[str, int] = {}
        for kind, rows in ordered:
            done = 0
            for batch in bulk.batches(rows, batch_size):
                try:
                    records = await run(tx, WRITES[kind], rows=batch, now=now)
                except TransientError as exc:
                    # The driver would retry this "transient" error, but the same import needs
                    # the same memory again: fail now, with advice, instead of twice as late.
                    if exc.code != MEMORY_LIMIT:
                        raise
                    raise BadUserInput(TOO_LARGE.format(detail=exc.message)) from exc
                for record in records:
                    created[kind] = created.get(kind, 0) + record["created"]
                done += len(batch)
                if progress:
                    progress(kind, done, len(rows))
        return created

    try:
        return await db.write(work)
    except DbUnavailable as exc:
        # The limit reached while committing: the driver has retried once, and Database.write
        # reports the spent TransientError as the database being unavailable. It is not.
        cause = exc.__cause__
        if isinstance(cause, TransientError) and cause.code == MEMORY_LIMIT:
            raise BadUserInput(TOO_LARGE.format(detail=cause.message)) from cause
        raise


__all__ = [
    "EXISTING_CONTACTS", "EXISTING_HANDLED", "EXISTING_IDS", "IMPORT_CONTACTS", "IMPORT_HANDLED",
    "IMPORT_MANAGERS", "IMPORT_PROBLEMS", "WRITES", "existing_contacts", "existing_handled",
    "existing_ids", "write",
]
