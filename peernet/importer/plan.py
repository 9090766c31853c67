"""From parsed files, and what the graph already holds, to the rows to write.

``check_references`` reports every id that is neither defined by the import nor in the graph;
``build_plan`` turns valid rows into the rows ``graph.importer`` writes, and counts what is
new and what is already there. Both are pure: the caller looks the ids up.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .parse import DEFINES, KINDS, ParsedImport, RowError, contact_pairs

Pair = tuple[str, str]
_NOUNS = {"Department": "department", "Manager": "manager", "Problem": "problem"}
_DEFINED_BY = {label: kind for kind, label in DEFINES.items()}


@dataclass(frozen=True, slots=True)
class Step:
    """One file's share of the import."""

    kind: str
    rows: list[dict[str, Any]]  # distinct records, keyed as graph.importer's Cypher expects
    read: int  # data rows in the file
    new: int  # records not in the graph before
    present: int  # records already in the graph (nodes updated, contacts left as they are)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    steps: tuple[Step, ...]  # in write order

    def step(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)

    def with_created(self, created: Mapping[str, int]) -> ImportPlan:
        """The plan with the new/present split of some kinds as the write counted it."""
        return ImportPlan(tuple(
            replace(s, new=created[s.kind], present=len(s.rows) - created[s.kind])
            if s.kind in created else s for s in self.steps))


def check_references(
    parsed: ParsedImport, existing: Mapping[str, Collection[str]],
) -> list[RowError]:
    """Each reference to an id the import does not define and the graph does not hold."""
    errors = []
    for ref in parsed.references:
        if ref.id in parsed.defined.get(ref.label, ()) or ref.id in existing.get(ref.label, ()):
            continue
        noun = _NOUNS[ref.label]
        defining = parsed.files.get(_DEFINED_BY[ref.label])
        where = f"in {defining.name} or in the graph" if defining else "in the graph"
        errors.append(
            RowError(ref.file, ref.line, f"{ref.column} {ref.id!r}: no such {noun} {where}"),
        )
    return errors


def all_errors(parsed: ParsedImport, existing: Mapping[str, Collection[str]]) -> list[RowError]:
    """Every error of the import, by file (in write order) and line."""
    order = {f.name: KINDS.index(f.kind) for f in parsed.files.values()}
    found = parsed.errors + check_references(parsed, existing)
    return sorted(found, key=lambda e: (order.get(e.file, len(KINDS)), e.line))


def pairs_in_graph(pairs: Collection[Pair], managers: Collection[str]) -> list[Pair]:
    """The pairs that could already be contacts: both managers are in the graph."""
    return [p for p in pairs if p[0] in managers and p[1] in managers]


def build_plan(
    parsed: ParsedImport,
    existing: Mapping[str, Collection[str]],
    *,
    contacts: Mapping[Pair, str | None] | None = None,
    known_contacts: Collection[Pair] | None = (),
    known_handled: Collection[Pair] = (),
) -> ImportPlan:
    """The rows to write. ``existing`` holds the ids found in the graph, per label;
    ``known_contacts`` the (lower, higher) manager pairs already linked (or None when the
    write will count them: see ``ImportPlan.with_created``), ``known_handled`` the
    (problem, manager) pairs already recorded."""
    files = parsed.files
    steps = []
    for kind in KINDS:
        if kind not in files:
            continue
        rows: list[dict[str, Any]]
        if kind == "contacts":
            pairs = contact_pairs(files[kind].rows) if contacts is None else contacts
            rows = [{"a": a, "b": b, "since": since, "source": "IMPORT", "cohortId": None}
                    for (a, b), since in pairs.items()]
            present = sum(1 for pair in pairs if pair in (known_contacts or ()))
        elif kind == "handled":
            rows = [{"problemId": r.problem_id, "managerId": r.manager_id, "outcome": r.outcome,
                     "note": r.note, "handledAt": r.handled_at} for r in files[kind].rows]
            present = sum(1 for r in rows if (r["problemId"], r["managerId"]) in known_handled)
        else:
            rows = [_node_row(kind, r) for r in files[kind].rows]
            there = existing.get(DEFINES[kind], ())
            present = sum(1 for r in rows if r["id"] in there)
        steps.append(Step(kind, rows, files[kind].read, len(rows) - present, present))
    return ImportPlan(tuple(steps))


def _node_row(kind: str, r: Any) -> dict[str, Any]:
    if kind == "departments":
        return {"id": r.id, "name": r.name}
    if kind == "managers":
        return {"id": r.id, "name": r.name, "departmentId": r.department_id, "title": r.title,
                "level": r.level, "managerSince": r.manager_since}
    return {"id": r.id, "title": r.title, "description": r.description, "category": r.category,
            "confidential": r.confidential, "raisedBy": r.raised_by, "createdAt": r.created_at}


__all__ = [
    "ImportPlan", "Pair", "Step", "all_errors", "build_plan", "check_references",
    "pairs_in_graph",
]
