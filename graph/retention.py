"""Cypher for the retention job: find problems past the retention period that still hold
text, and strip it (title, description, handling notes) keeping everything else."""

from __future__ import annotations

from functools import partial
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run
from .timestamps import now_iso

CANDIDATES = """
MATCH (p:Problem) WHERE p.createdAt < $before AND p.anonymisedAt IS NULL
RETURN p.id AS id, p.createdAt AS createdAt
"""
ANONYMISE = """
UNWIND $ids AS id
MATCH (p:Problem {id: id}) WHERE p.anonymisedAt IS NULL
SET p.title = null, p.description = null, p.anonymisedAt = $now
WITH p
OPTIONAL MATCH (:Manager)-[h:HANDLED]->(p) WHERE h.note IS NOT NULL
SET h.note = null
RETURN count(DISTINCT p) AS problems, count(h) AS notes
"""
BATCH = 5000


async def candidates(db: Database, *, before: str) -> list[dict[str, Any]]:
    return await db.read(CANDIDATES, before=before)


async def _anonymise_chunk(
    tx: AsyncManagedTransaction, *, ids: list[str], now: str,
) -> dict[str, int]:
    return (await run(tx, ANONYMISE, ids=ids, now=now))[0]


async def anonymise(db: Database, ids: list[str]) -> dict[str, int]:
    now = now_iso()
    totals = {"problemsAnonymised": 0, "notesRemoved": 0}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        counts = await db.write(partial(_anonymise_chunk, ids=chunk, now=now))
        totals["problemsAnonymised"] += counts["problems"]
        totals["notesRemoved"] += counts["notes"]
    return totals


__all__ = ["anonymise", "candidates"]
