"""Cypher for the retention job: find problems past the retention period that still hold
text, and strip it (title, description, handling notes) keeping everything else; recurring
problems that group them lose the label built from that text (``CLEAR_LABELS``). A dry run
(:data:`PREVIEW`) only counts them."""

from __future__ import annotations

from functools import partial
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run
from .recurring_store import CLEAR_LABELS
from .timestamps import now_iso

CANDIDATES = """
MATCH (p:Problem) WHERE p.createdAt < $before AND p.anonymisedAt IS NULL
RETURN p.id AS id, p.createdAt AS createdAt
"""
PREVIEW = """
MATCH (p:Problem) WHERE p.createdAt < $before AND p.anonymisedAt IS NULL
RETURN count(p) AS problems, min(p.createdAt) AS oldest, max(p.createdAt) AS newest
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


async def preview(db: Database, *, before: str) -> dict[str, Any]:
    """``{problems, oldest, newest}``: how many problems an anonymisation with this cutoff
    would change, and their first and last ``createdAt`` (None when there are none)."""
    return (await db.read(PREVIEW, before=before))[0]


async def _anonymise_chunk(
    tx: AsyncManagedTransaction, *, ids: list[str], now: str,
) -> dict[str, int]:
    counts: dict[str, int] = (await run(tx, ANONYMISE, ids=ids, now=now))[0]
    await run(tx, CLEAR_LABELS, ids=ids)
    return counts


async def anonymise(db: Database, ids: list[str]) -> dict[str, int]:
    now = now_iso()
    totals = {"problemsAnonymised": 0, "notesRemoved": 0}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        counts = await db.write(partial(_anonymise_chunk, ids=chunk, now=now))
        totals["problemsAnonymised"] += counts["problems"]
        totals["notesRemoved"] += counts["notes"]
    return totals


__all__ = ["anonymise", "candidates", "preview"]
