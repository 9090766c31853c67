"""Write a DemoData as the CSV set that the bulk importer reads (UTF-8, one header row).

Rows are streamed straight from the dicts, so even the 100,000-manager organisation is written
without building a second copy in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from peernet.seeds.demo import DemoData, Row

# file stem -> (header, DemoData field, dict key per column)
CSV_FILES: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "departments": (("id", "name"), "departments", ("id", "name")),
    "managers": (("id", "name", "department_id", "title", "level", "manager_since"), "managers",
                 ("id", "name", "departmentId", "title", "level", "managerSince")),
    "contacts": (("source_id", "target_id", "since"), "contacts", ("a", "b", "since")),
    "problems": (("id", "title", "description", "category", "confidential", "raised_by",
                  "created_at"), "problems",
                 ("id", "title", "description", "category", "confidential", "raisedBy",
                  "createdAt")),
    "handled": (("problem_id", "manager_id", "outcome", "note", "handled_at"), "handled",
                ("problemId", "managerId", "outcome", "note", "handledAt")),
}


def write_csv(data: DemoData, directory: Path) -> dict[str, Path]:
    """Write departments/managers/contacts/problems/handled.csv; returns stem -> path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for stem, (header, field, keys) in CSV_FILES.items():
        path = directory / f"{stem}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(_cells(getattr(data, field), keys))
        written[stem] = path
    return written


def _cells(rows: Iterable[Row], keys: tuple[str, ...]) -> Iterator[list[str]]:
    for row in rows:
        yield [_text(row[key]) for key in keys]


def _text(value: object) -> str:
    # Booleans as the lower-case words the importer expects; a missing date stays empty.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


__all__ = ["CSV_FILES", "write_csv"]
