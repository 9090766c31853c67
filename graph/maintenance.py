"""Whole-database chores of ``peernet db``: emptying the graph (``peernet db reset``)."""

from __future__ import annotations

from .driver import Database

# In transactions of its own, so that a large graph does not need one transaction's worth of
# memory to delete; constraints and indexes stay.
RESET = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


async def reset(db: Database) -> None:
    """Delete every node and relationship."""
    # CALL … IN TRANSACTIONS runs only in an implicit (auto-commit) transaction.
    async with db.driver.session(database=db.database) as session:
        await (await session.run(RESET)).consume()


__all__ = ["RESET", "reset"]
