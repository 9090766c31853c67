"""``peernet export`` and ``peernet import-dump FILE``: a logical backup of the whole graph
as JSON lines, and its restore into an empty database (see ``peernet.graph.backup``)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from peernet.graph import backup
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate

from .common import console, err, run_with_db


def export(
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write to this file instead of stdout"),
) -> None:
    """Write a JSON-lines dump of every node and relationship."""

    async def work(db: Database) -> int:
        count = 0
        target = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            async for line in backup.dump(db):
                target.write(line + "\n")
                count += 1
        finally:
            if output:
                target.close()
        return count

    lines = run_with_db(work)
    if output:
        err.print(f"Wrote {lines} lines to {output}")


def import_dump(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="A file written by 'peernet export'"),
) -> None:
    """Restore a dump into an empty database (refuses a database that holds anything)."""

    async def work(db: Database) -> dict[str, int]:
        with file.open(encoding="utf-8") as lines:
            counts = await backup.restore(db, lines)
        await migrate(db.driver, db.database)
        return counts

    counts = run_with_db(work)
    console.print(f"Restored {counts['nodes']} nodes and {counts['relationships']} relationships.")


__all__ = ["export", "import_dump"]
