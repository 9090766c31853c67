"""Whole-database chores of ``peernet db``: emptying the graph (``peernet db reset``), and the
marker a production start leaves so that no development command empties or reseeds a
database that holds production data."""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncManagedTransaction

from peernet.errors import PeernetError

from .driver import Database, run

# In transactions of its own, so that a large graph does not need one transaction's worth of
# memory to delete; constraints and indexes stay.
RESET = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

PRODUCTION_MARKER_LABEL = "ProductionMarker"
# Set once, at the first production start; later starts leave its date alone.
MARK_PRODUCTION = (f"MERGE (p:{PRODUCTION_MARKER_LABEL} {{id: 'production'}}) "
                   "ON CREATE SET p.since = $now")
PRODUCTION_SINCE = (f"MATCH (p:{PRODUCTION_MARKER_LABEL}) "
                    "RETURN coalesce(p.since, 'an unknown date') AS since LIMIT 1")


class ProductionData(PeernetError):
    """The database holds production data; the message says since when."""

    code = "FORBIDDEN"


async def mark_production(db: Database) -> None:
    """Mark the database as holding production data (idempotent)."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await run(tx, MARK_PRODUCTION, now=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    await db.write(work)


async def production_since(db: Database) -> str | None:
    """When a production start first marked the database, or None if none ever did."""
    rows = await db.read(PRODUCTION_SINCE)
    return str(rows[0]["since"]) if rows else None


async def refuse_production_data(db: Database, doing: str) -> None:
    since = await production_since(db)
    if since is not None:
        raise ProductionData(
            f"{doing} is refused: this database holds production data (a production start "
            f"marked it on {since}). Point PEERNET_NEO4J_URI at a development database.")


async def reset(db: Database) -> None:
    """Delete every node and relationship; refused for a database marked as production's."""
    await refuse_production_data(db, "reset")
    # CALL … IN TRANSACTIONS runs only in an implicit (auto-commit) transaction.
    async with db.driver.session(database=db.database) as session:
        await (await session.run(RESET)).consume()


__all__ = [
    "MARK_PRODUCTION", "PRODUCTION_MARKER_LABEL", "PRODUCTION_SINCE", "RESET", "ProductionData",
    "mark_production", "production_since", "refuse_production_data", "reset",
]
