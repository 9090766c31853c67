"""``peernet import`` without the terminal: read the files, look up what they refer to, check
everything, and write it all in one transaction — or nothing, if anything is wrong."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from peernet.graph import importer as graph
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate
from peernet.graph.timestamps import now_iso

from .parse import ParsedImport, RowError, contact_pairs, parse_import
from .plan import ImportPlan, all_errors, build_plan, pairs_in_graph


@dataclass(frozen=True, slots=True)
class ImportResult:
    errors: list[RowError]  # all of them; empty when the import is valid
    warnings: list[str]
    plan: ImportPlan | None  # None when there are errors
    written: bool


def read_files(paths: Mapping[str, Path]) -> ParsedImport:
    """Parse the files named per kind. Files must be UTF-8 (a byte-order mark is fine)."""
    sources: dict[str, tuple[str, str]] = {}
    unreadable: list[RowError] = []
    for kind, path in paths.items():
        data = path.read_bytes()
        try:
            sources[kind] = (path.name, data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            unreadable.append(RowError(path.name, line, f"byte {exc.start} is not UTF-8; save the "
                                                        "file as CSV UTF-8 and import it again"))
    parsed = parse_import(sources)
    parsed.errors[:0] = unreadable
    return parsed


async def run_import(
    db: Database,
    parsed: ParsedImport,
    *,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """Validate ``parsed`` against the graph and, unless ``dry_run`` or anything is wrong,
    write it. Ids are looked up in batches, never one row at a time."""
    existing = {label: await graph.existing_ids(db, label, ids)
                for label, ids in parsed.ids_to_look_up().items()}
    errors = all_errors(parsed, existing)
    if errors:
        return ImportResult(errors, parsed.warnings, None, written=False)

    managers, problems = existing.get("Manager", set()), existing.get("Problem", set())
    pairs = contact_pairs(parsed.rows("contacts"))
    handlings = [(r.problem_id, r.manager_id) for r in parsed.rows("handled")
                 if r.problem_id in problems and r.manager_id in managers]
    # A real import learns which contacts are new from the write itself; only a dry run pays
    # for looking every pair up.
    known_contacts = (
        await graph.existing_contacts(db, pairs_in_graph(pairs, managers)) if dry_run else None
    )
    plan = build_plan(
        parsed, existing, contacts=pairs, known_contacts=known_contacts,
        known_handled=await graph.existing_handled(db, handlings) if handlings else set(),
    )
    if dry_run:
        return ImportResult([], parsed.warnings, plan, written=False)
    # MERGE on ids is only as good as the uniqueness constraints behind it.
    await migrate(db.driver, db.database)
    created = await graph.write(db, [(s.kind, s.rows) for s in plan.steps], now=now_iso(),
                                progress=progress)
    return ImportResult([], parsed.warnings, plan.with_created(created), written=True)


__all__ = ["ImportResult", "read_files", "run_import"]
