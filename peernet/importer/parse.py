"""Reading the import's CSV files into typed rows, with every problem a single file can show:
missing columns, missing required fields, bad formats and enums, duplicate ids, self-contacts.

Nothing here touches Neo4j. What rows refer to (a manager's department, a contact's two
managers, …) is collected as ``Reference``s, which ``plan.check_references`` resolves against
the import itself and the ids found in the graph.

Line numbers are rows as a spreadsheet shows them: the header is line 1, and a quoted value
that spans several lines still counts as one row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from peernet.domain.enums import CONFIDENTIAL_BY_DEFAULT, Category, Level, Outcome

from . import fields
from .fields import FieldError

# The order rows are written in: what a row refers to is written before it.
KINDS = ("departments", "managers", "problems", "handled", "contacts")


@dataclass(frozen=True, slots=True)
class Columns:
    all: tuple[str, ...]  # in the order docs/import.md lists them
    optional: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.all if c not in self.optional)


# Optional columns may be left out of the header altogether; that is the same as empty cells.
COLUMNS: dict[str, Columns] = {
    "departments": Columns(("id", "name")),
    "managers": Columns(("id", "name", "department_id", "title", "level", "manager_since"),
                        ("title", "level", "manager_since")),
    "contacts": Columns(("source_id", "target_id", "since"), ("since",)),
    "problems": Columns(("id", "title", "description", "category", "confidential", "raised_by",
                         "created_at"), ("confidential", "created_at")),
    "handled": Columns(("problem_id", "manager_id", "outcome", "note", "handled_at"),
                       ("note", "handled_at")),
}
# The graph label of the ids a file defines in its ``id`` column, and of those it refers to.
DEFINES: dict[str, str] = {
    "departments": "Department", "managers": "Manager", "problems": "Problem",
}
REFERS: dict[str, tuple[tuple[str, str], ...]] = {
    "managers": (("department_id", "Department"),),
    "contacts": (("source_id", "Manager"), ("target_id", "Manager")),
    "problems": (("raised_by", "Manager"),),
    "handled": (("problem_id", "Problem"), ("manager_id", "Manager")),
}


# Rows and references are NamedTuples rather than frozen dataclasses: a 100,000-row file makes
# hundreds of thousands of them, and a tuple is several times cheaper to build.


@dataclass(frozen=True, slots=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class Reference(NamedTuple):
    file: str
    line: int
    column: str
    label: str
    id: str


class DepartmentRow(NamedTuple):
    line: int
    id: str
    name: str


class ManagerRow(NamedTuple):
    line: int
    id: str
    name: str
    department_id: str
    title: str | None
    level: str | None
    manager_since: int | None


class ContactRow(NamedTuple):
    line: int
    source_id: str
    target_id: str
    since: str | None


class ProblemRow(NamedTuple):
    line: int
    id: str
    title: str
    description: str
    category: str
    confidential: bool
    raised_by: str
    created_at: str | None


class HandledRow(NamedTuple):
    line: int
    problem_id: str
    manager_id: str
    outcome: str
    note: str | None
    handled_at: str | None


@dataclass
class ParsedFile:
    kind: str
    name: str
    rows: list[Any] = field(default_factory=list)  # only rows without errors
    read: int = 0  # data rows in the file, blank ones not counted


@dataclass
class ParsedImport:
    files: dict[str, ParsedFile]  # by kind, in KINDS order
    errors: list[RowError]
    warnings: list[str]
    references: list[Reference]
    defined: dict[str, set[str]]  # label -> ids the import's own files define

    def ids_to_look_up(self) -> dict[str, set[str]]:
        """Every id, per label, whose presence in the graph matters: the ones referred to and
        the ones defined (so the summary can tell new from already present)."""
        wanted = {label: set(ids) for label, ids in self.defined.items()}
        for ref in self.references:
            wanted.setdefault(ref.label, set()).add(ref.id)
        return wanted

    def rows(self, kind: str) -> list[Any]:
        parsed = self.files.get(kind)
        return parsed.rows if parsed else []


class _Row:
    """One data row being parsed; every failed cell adds an error and marks the row bad."""

    def __init__(self, file: str, line: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.file, self.line, self.cells, self.errors = file, line, cells, errors
        self.ok = True

    def fail(self, message: str) -> None:
        self.errors.append(RowError(self.file, self.line, message))
        self.ok = False

    def get(self, column: str, parse: Callable[..., Any] | None = None, *args: Any,
            required: bool = False) -> Any:
        text = self.cells.get(column, "")
        if not text:
            if required:
                self.fail(f"missing {column}")
            return None
        if parse is None:
            return text
        try:
            return parse(text, column, *args)
        except FieldError as exc:
            self.fail(str(exc))
            return None


_CATEGORIES = [c.value for c in Category]
_LEVELS = [level.value for level in Level]
_OUTCOMES = [o.value for o in Outcome]
_CONFIDENTIAL = frozenset(c.value for c in CONFIDENTIAL_BY_DEFAULT)


def _department(row: _Row) -> DepartmentRow:
    return DepartmentRow(row.line, row.get("id", fields.ident, required=True),
                         row.get("name", fields.bounded, required=True))


def _manager(row: _Row) -> ManagerRow:
    return ManagerRow(
        row.line, row.get("id", fields.ident, required=True),
        row.get("name", fields.bounded, required=True), row.get("department_id", required=True),
        row.get("title", fields.bounded), row.get("level", fields.choice, _LEVELS),
        row.get("manager_since", fields.year),
    )


def _contact(row: _Row) -> ContactRow:
    source, target = row.get("source_id", required=True), row.get("target_id", required=True)
    if source and source == target:
        row.fail(f"source_id and target_id are both {source!r}; a manager is not their own contact")
    return ContactRow(row.line, source, target, row.get("since", fields.iso_date))


def _problem(row: _Row) -> ProblemRow:
    id_ = row.get("id", fields.ident, required=True)
    title = row.get("title", fields.bounded, required=True)
    description = row.get("description", fields.free_text, required=True)
    category = row.get("category", fields.choice, _CATEGORIES, required=True)
    confidential = row.get("confidential", fields.boolean)
    if confidential is None:
        confidential = category in _CONFIDENTIAL
    return ProblemRow(row.line, id_, title, description, category, confidential,
                      row.get("raised_by", required=True),
                      row.get("created_at", fields.iso_datetime))


def _handled(row: _Row) -> HandledRow:
    return HandledRow(
        row.line, row.get("problem_id", required=True), row.get("manager_id", required=True),
        row.get("outcome", fields.choice, _OUTCOMES, required=True),
        row.get("note", fields.free_text),
        row.get("handled_at", fields.iso_datetime),
    )


_PARSERS: dict[str, Callable[[_Row], Any]] = {
    "departments": _department, "managers": _manager, "contacts": _contact,
    "problems": _problem, "handled": _handled,
}


def _delimiter(text: str) -> str:
    # Spreadsheets set to Swedish (and most European) locales save CSV with semicolons.
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _records(kind: str, name: str, text: str, errors: list[RowError],
             warnings: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column) for each non-blank data row; header problems end the file."""
    columns = COLUMNS[kind]
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter)
    line = 1
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if not any(header):
            errors.append(RowError(
                name, 1, f"the file is empty; expected a header row: {','.join(columns.all)}",
            ))
            return
        repeated = sorted({h for h in header if h and header.count(h) > 1})
        missing = [c for c in columns.required if c not in header]
        for column in repeated:
            errors.append(
                RowError(name, 1, f"column {column} appears more than once in the header"),
            )
        for column in missing:
            errors.append(RowError(name, 1, f"missing column {column}"))
        if repeated or missing:
            return
        unknown = [h for h in header if h not in columns.all]
        if unknown:
            warnings.append(f"{name}: ignored column(s) {', '.join(unknown) or '(unnamed)'}; "
                            f"{kind} are read from {', '.join(columns.all)}")
        width = len(header)
        known = [(i, h) for i, h in enumerate(header) if h in columns.all]
        padding = [""] * width
        for cells in reader:
            line += 1
            if len(cells) != width:
                if len(cells) > width and "".join(cells[width:]).strip():
                    errors.append(RowError(
                        name, line,
                        f"the row has {len(cells)} values but the header "
                        f"names {width} columns (an unquoted {delimiter!r}?)",
                    ))
                    continue
                cells = (cells + padding)[:width]  # a short row: the missing cells are empty
            if not "".join(cells).strip():
                continue
            yield line, {h: cells[i].strip() for i, h in known}
    except csv.Error as exc:
        errors.append(RowError(name, line + 1, f"cannot read the row: {exc}"))


def parse_file(kind: str, name: str, text: str, errors: list[RowError], warnings: list[str],
               references: list[Reference], defined: dict[str, set[str]]) -> ParsedFile:
    parsed = ParsedFile(kind, name)
    parse_row = _PARSERS[kind]
    refers = REFERS.get(kind, ())
    label = DEFINES.get(kind)
    first_line: dict[Any, int] = {}  # an id (or, for handled, a pair) -> the line defining it
    for line, cells in _records(kind, name, text, errors, warnings):
        parsed.read += 1
        row = _Row(name, line, cells, errors)
        for column, target in refers:
            if cells.get(column):
                references.append(Reference(name, line, column, target, cells[column]))
        if label and cells.get("id"):
            defined.setdefault(label, set()).add(cells["id"])
        key: str | tuple[str, str] | None = None
        if label:
            key = cells.get("id") or None
        elif kind == "handled" and cells.get("problem_id") and cells.get("manager_id"):
            key = (cells["problem_id"], cells["manager_id"])
        typed = parse_row(row)
        if key is not None:
            if key in first_line:
                what = (f"id {key!r}" if label else
                        f"handling of problem {key[0]!r} by manager {key[1]!r}")
                row.fail(f"duplicate {what} (first on line {first_line[key]})")
            else:
                first_line[key] = line
        if row.ok:
            parsed.rows.append(typed)
    return parsed


def parse_import(sources: Mapping[str, tuple[str, str]]) -> ParsedImport:
    """Parse each given file: ``sources`` maps a kind (``managers``) to (display name, text)."""
    unknown = set(sources) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown import file kind(s): {sorted(unknown)}")
    errors: list[RowError] = []
    warnings: list[str] = []
    references: list[Reference] = []
    defined: dict[str, set[str]] = {}
    files = {
        kind: parse_file(kind, *sources[kind], errors, warnings, references, defined)
        for kind in KINDS if kind in sources
    }
    return ParsedImport(files, errors, warnings, references, defined)


def contact_pairs(rows: list[ContactRow]) -> dict[tuple[str, str], str | None]:
    """Undirected contacts: each pair once, lower id first, with its earliest known ``since``.

    ISO dates compare correctly as strings.
    """
    pairs: dict[tuple[str, str], str | None] = {}
    for row in rows:
        pair = (min(row.source_id, row.target_id), max(row.source_id, row.target_id))
        if pair not in pairs:
            pairs[pair] = row.since
            continue
        known = pairs[pair]
        if row.since is not None and (known is None or row.since < known):
            pairs[pair] = row.since
    return pairs


__all__ = [
    "COLUMNS", "DEFINES", "KINDS", "REFERS", "Columns", "ContactRow", "DepartmentRow",
    "HandledRow", "ManagerRow", "ParsedFile", "ParsedImport", "ProblemRow", "Reference",
    "RowError", "contact_pairs", "parse_file", "parse_import",
]
