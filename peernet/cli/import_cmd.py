"""``peernet import``: a real organisation from CSV files, checked in full before anything is
written (formats in docs/import.md)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from peernet.graph.driver import Database
from peernet.importer.parse import COLUMNS
from peernet.importer.plan import ImportPlan
from peernet.importer.service import ImportResult, read_files, run_import

from .common import console, err, fail, run_with_db

MAX_SHOWN = 50  # errors listed; the rest are counted


def _file_option(kind: str) -> Any:
    columns = COLUMNS[kind]
    optional = f" (may be empty: {', '.join(columns.optional)})" if columns.optional else ""
    return typer.Option(
        None, f"--{kind}", exists=True, dir_okay=False, readable=True,
        help=f"{kind}.csv with the columns {','.join(columns.all)}{optional}",
    )


def import_(
    departments: Path | None = _file_option("departments"),
    managers: Path | None = _file_option("managers"),
    contacts: Path | None = _file_option("contacts"),
    problems: Path | None = _file_option("problems"),
    handled: Path | None = _file_option("handled"),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="Check and count everything; write nothing"),
) -> None:
    """Import an organisation from CSV files (UTF-8, header row), any subset of them.

    Rows may refer to what is already in the graph or to other rows of the same import.

    Every row is checked first: if anything is wrong, nothing is written.

    Importing the same files again changes nothing. Formats: docs/import.md.
    """
    given = {"departments": departments, "managers": managers, "contacts": contacts,
             "problems": problems, "handled": handled}
    paths = {kind: path for kind, path in given.items() if path is not None}
    if not paths:
        fail("name at least one file: "
             "--departments, --managers, --contacts, --problems or --handled")
    started = time.perf_counter()
    parsed = read_files(paths)

    async def work(db: Database) -> ImportResult:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            checking = bar.add_task("Checking ids against the graph", total=None)
            tasks: dict[str, TaskID] = {}

            def progress(kind: str, done: int, total: int) -> None:
                bar.update(checking, total=1, completed=1)
                if kind not in tasks:
                    tasks[kind] = bar.add_task(f"Writing {kind}", total=total)
                bar.update(tasks[kind], completed=done)

            return await run_import(db, parsed, dry_run=dry_run, progress=progress)

    result = run_with_db(work)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True)
    if result.errors:
        _report_errors(result)
    assert result.plan is not None
    console.print(_summary(result.plan, written=result.written))
    if result.plan.kept_anonymised:
        console.print(f"{result.plan.kept_anonymised:,} problems kept anonymised: erasure or "
                      "retention removed their text, and an import does not bring it back.")
    if result.written:
        console.print(f"Imported in {time.perf_counter() - started:.1f} s.")
    else:
        console.print("Dry run: everything checked, nothing written.")


def _report_errors(result: ImportResult) -> None:
    for error in result.errors[:MAX_SHOWN]:
        err.print(escape(str(error)), soft_wrap=True)
    hidden = len(result.errors) - MAX_SHOWN
    if hidden > 0:
        err.print(f"… and {hidden} more", soft_wrap=True)
    count = len(result.errors)
    fail(f"{count} error{'s' if count != 1 else ''} in the import; nothing was written")


def _summary(plan: ImportPlan, *, written: bool) -> Table:
    table = Table(title="Imported" if written else "Would import (dry run)")
    for heading in ("file", "rows", "distinct", "new", "already in the graph"):
        table.add_column(heading, justify="left" if heading == "file" else "right")
    for step in plan.steps:
        table.add_row(step.kind, f"{step.read:,}", f"{len(step.rows):,}", f"{step.new:,}",
                      f"{step.present:,}")
    return table


__all__ = ["import_"]
