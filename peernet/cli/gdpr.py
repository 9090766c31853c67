"""``peernet export-person ID`` and ``peernet erase ID``: the data-subject rights from the
server's shell. Both are recorded in the audit log with the actor ``cli``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from peernet.graph import gdpr
from peernet.graph.audit import CLI_ACTOR
from peernet.graph.driver import Database

from .common import console, err, run_with_db


def export_person(
    manager_id: str = typer.Argument(..., metavar="ID", help="The manager's id"),
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write to this file instead of stdout"),
) -> None:
    """Print everything stored about one manager as JSON (right of access)."""

    async def work(db: Database) -> dict[str, Any]:
        return await gdpr.export(db, manager_id, actor_id=CLI_ACTOR)

    text = json.dumps(run_with_db(work), ensure_ascii=False, indent=2, sort_keys=True)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"Wrote the data held about {manager_id} to {output}")
    else:
        print(text)


def erase(
    manager_id: str = typer.Argument(..., metavar="ID", help="The manager's id"),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Erase a manager and their personal data (right to erasure); problems they raised stay
    as anonymous statistics without text."""
    if not yes and not typer.confirm(f"Erase manager {manager_id} for good?"):
        raise typer.Exit(1)

    async def work(db: Database) -> gdpr.Erasure:
        return await gdpr.erase(db, manager_id, actor_id=CLI_ACTOR)

    done = run_with_db(work)
    console.print(
        f"Erased {done.manager_id}: {done.relationships_removed} relationships removed, "
        f"{done.problems_anonymised} problems kept without text, "
        f"{done.notes_removed} handling notes removed."
    )


__all__ = ["erase", "export_person"]
