"""Load a ``DemoData`` set (the demo municipality or a synthetic organisation) into Neo4j.

Everything is MERGEd on ids inside one transaction, so loading twice gives the same graph
and a failure leaves the graph as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.graph import bulk
from peernet.graph.driver import Database

# (DemoData field, Cypher) in dependency order: what a row refers to is written before it.
STEPS: tuple[tuple[str, str], ...] = (
    ("departments", bulk.MERGE_DEPARTMENTS),
    ("managers", bulk.MERGE_MANAGERS),
    ("cohorts", bulk.MERGE_COHORTS),
    ("memberships", bulk.MERGE_MEMBERSHIPS),
    ("sessions", bulk.MERGE_SESSIONS),
    ("attendance", bulk.MERGE_ATTENDANCE),
    ("problems", bulk.MERGE_PROBLEMS),
    ("discussed", bulk.MERGE_DISCUSSED),
    ("handled", bulk.MERGE_HANDLED),
    ("contacts", bulk.MERGE_CONTACTS),
)


async def load(
    db: Database, data: Any, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Write every table of ``data``; return the number of rows per table."""

    async def work(tx: AsyncManagedTransaction) -> dict[str, int]:
        counts = {}
        for name, query in STEPS:
            rows = [dict(r) for r in getattr(data, name)]
            await bulk.write_rows(tx, query, rows)
            counts[name] = len(rows)
            if progress:
                progress(name, len(rows))
        return counts

    return await db.write(work)


__all__ = ["STEPS", "load"]
