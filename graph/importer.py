"""Cypher for ``peernet import``: batched look-ups of the ids an import refers to, and the
write of every file, all in one transaction so a failed import leaves the graph as it was.

The rows are written by ``graph.bulk``'s write for their entity, the one the seed loader uses
too: it MERGEs on ids, so importing the same files twice changes nothing; an empty optional
cell (a manager's title, a handling's note) leaves the stored value as it is, and empty
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
# Each look-up answers with one record holding a list: the async driver's cost per record in
# Python made one record per id slower than the writes (BENCHMARKS.md, design notes).
EXISTING_IDS = {
    "Department": "UNWIND $ids AS id MATCH (n:Department {id: id}) RETURN collect(n.id) AS ids",
    "Manager": "UNWIND $ids AS id MATCH (n:Manager {id: id}) RETURN collect(n.id) AS ids",
    "Problem": "UNWIND $ids AS id MATCH (n:Problem {id: id}) RETURN collect(n.id) AS ids",
}
# Anchored on one id seek per pair (hinted: the planner once chose to scan an index per row),
# then the other end checked in a pattern comprehension, which always expands from the bound
# node: as a second MATCH, the planner could still start from a scan of every Manager and
# join (BENCHMARKS.md, design notes and fix 18). A manager has ~15 contacts, a problem at
# most a few handlers.
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


async def existing_ids(db: Database, label: str, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` that are ``label`` nodes in the graph."""
    found: set[str] = set()
    for chunk in bulk.batches(list(ids), LOOKUP_BATCH):
        rows = await db.read(EXISTING_IDS[label], ids=chunk)
        found.update(rows[0]["ids"] if rows else ())
    return found


async def _existing_pairs(
    db: Database, query: str, pairs: Collection[tuple[str, str]],
) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for chunk in bulk.batches(list(pairs), LOOKUP_BATCH):
        rows = await db.read(query, pairs=[{"a": a, "b": b} for a, b in chunk])
        found.update((a, b) for a, b in (rows[0]["pairs"] if rows else ()))
    return found


async def existing_contacts(
    db: Database, pairs: Collection[tuple[str, str]],
) -> set[tuple[str, str]]:
    """Those of the (manager, manager) ``pairs`` already linked by KNOWS, either way round."""
    return await _existing_pairs(db, EXISTING_CONTACTS, pairs)


async def existing_handled(
    db: Database, pairs: Collection[tuple[str, str]],
) -> set[tuple[str, str]]:
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
                    records = await run(tx, bulk.WRITES[kind], rows=batch, now=now)
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
    "EXISTING_CONTACTS", "EXISTING_HANDLED", "EXISTING_IDS", "existing_contacts",
    "existing_handled", "existing_ids", "write",
]
