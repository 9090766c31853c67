"""Load a ``DemoData`` set (the demo municipality or a synthetic organisation) into Neo4j.

Each table is written by ``graph.bulk``'s write for its entity, the one the CSV importer uses
too, inside one transaction: loading twice gives the same graph and a failure leaves the graph
as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.graph import bulk
from peernet.graph.driver import Database
from peernet.graph.timestamps import now_iso

# The DemoData fields, in dependency order: what a row refers to is written before it.
STEPS: tuple[str, ...] = tuple(bulk.WRITES)


async def load(
    db: Database, data: Any, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Write every table of ``data``; return the number of rows per table."""
    now = now_iso()

    async def work(tx: AsyncManagedTransaction) -> dict[str, int]:
        counts = {}
        for name in STEPS:
            rows = [dict(r) for r in getattr(data, name)]
            await bulk.write_rows(tx, name, rows, now=now)
            counts[name] = len(rows)
            if progress:
                progress(name, len(rows))
        return counts

    return await db.write(work)


__all__ = ["STEPS", "load"]
