"""A manager together with what a query asks about them, in one read.

The API resolves nested fields through per-request DataLoaders, one read per level. When a
query's shape is known before the first read (``resolvers.look_ahead``), the reads below
fetch the managers and the asked-for neighbours in one round trip, as nested map projections;
the resolver then primes the DataLoaders with the results, so nested fields find them cached.

Each part returns exactly what the DataLoader query it stands in for returns, in the same
order: the department (``departments.by_ids``), the memberships by cohort id with their
cohorts (``cohorts.memberships_of_managers``, ``cohorts.by_ids``), the contacts by the other's
id with the other managers (``managers.contacts_of``, ``managers.by_ids``) and the open
suggestions (``suggestion_store.SUGGESTIONS_FOR``, embedded as it is). Nothing here is subject to a
visibility rule: problem text, the only restricted data, is never part of a bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from peernet.domain import records as domain
from peernet.domain.suggestions import Suggestion

from . import records
from .cohorts import COHORT_MAP, membership_map
from .departments import DEPARTMENT_MAP
from .driver import Database
from .managers import MANAGERS_PAGE_MATCH, contact_map, filter_params, manager_map
from .suggestion_store import SUGGESTION_COLUMNS, SUGGESTIONS_FOR, suggestion


@dataclass(frozen=True)
class Extras:
    """What to fetch with each manager."""

    department: bool = False
    memberships: bool = False  # with their cohorts
    contacts: bool = False
    contact_managers: bool = False  # the other manager of each contact (implies contacts)
    suggestions: int | None = None  # open suggestions, this many (single manager only)

    def __bool__(self) -> bool:
        return (self.department or self.memberships or self.contacts or self.contact_managers
                or self.suggestions is not None)


@dataclass(frozen=True, slots=True)
class Bundle:
    manager: domain.Manager
    department: domain.Department | None = None
    memberships: list[domain.Membership] | None = None
    cohorts: list[domain.Cohort] | None = None
    contacts: list[domain.Contact] | None = None
    others: list[domain.Manager] | None = None
    suggested: list[Suggestion] | None = None  # as suggestion_store.for_manager returns them
    suggested_managers: list[domain.Manager] | None = None


# Each part projects the map its DataLoader query's parser reads, from the same fragment.
DEPARTMENT = f"head([(m)-[:WORKS_IN]->(d:Department) | {DEPARTMENT_MAP}])"
MEMBERSHIPS = f"""COLLECT {{
  MATCH (m)-[r:MEMBER_OF]->(c:Cohort)
  RETURN {membership_map('m.id', 'c.id', f', cohort: {COHORT_MAP}')} ORDER BY c.id
}}"""


def _contacts(with_managers: bool) -> str:
    other = f", other: {manager_map('o')}" if with_managers else ""
    return f"""COLLECT {{
  MATCH (m)-[k:KNOWS]-(o:Manager)
  RETURN {contact_map('m.id', 'o.id', other)} ORDER BY o.id
}}"""


# SUGGESTIONS_FOR reads $managerId and $first and returns SUGGESTION_COLUMNS ordered by rank;
# the single-manager read passes $managerId = $id.
_SUGGESTION_ENTRIES = ", ".join(f"{c}: {c}" for c in SUGGESTION_COLUMNS)
SUGGESTED = f"""COLLECT {{
  CALL () {{ {SUGGESTIONS_FOR} }}
  MATCH (o:Manager {{id: managerId}})
  RETURN {{{_SUGGESTION_ENTRIES}, manager: {manager_map('o')}}}
}}"""


def _columns(extras: Extras, *, single: bool) -> list[tuple[str, str]]:
    """(name, expression) of each column the read returns, in order."""
    columns = [("manager", manager_map("m"))]
    if extras.department:
        columns.append(("department", DEPARTMENT))
    if extras.memberships:
        columns.append(("memberships", MEMBERSHIPS))
    if extras.contacts or extras.contact_managers:
        columns.append(("contacts", _contacts(extras.contact_managers)))
    if single and extras.suggestions is not None:
        columns.append(("suggested", SUGGESTED))
    return columns


def _return(columns: list[tuple[str, str]]) -> str:
    return "RETURN " + ",\n       ".join(f"{expr} AS {name}" for name, expr in columns)


@lru_cache(maxsize=64)
def one_query(extras: Extras) -> tuple[str, tuple[str, ...]]:
    """The read for one manager, and the names of its columns."""
    columns = _columns(extras, single=True)
    return (f"MATCH (m:Manager {{id: $id}})\n{_return(columns)}",
            tuple(name for name, _ in columns))


@lru_cache(maxsize=64)
def page_query(extras: Extras) -> tuple[str, tuple[str, ...]]:
    """The read for a page of managers, and the names of its columns."""
    columns = _columns(extras, single=False)
    # Limit first, then project: the nested reads run for the page's rows only.
    return f"""
{MANAGERS_PAGE_MATCH}
WITH m ORDER BY m.id LIMIT $limit
{_return(columns)}
ORDER BY m.id
""", tuple(name for name, _ in columns)


async def _read(
    db: Database, query: tuple[str, tuple[str, ...]], **params: Any,
) -> list[dict[str, Any]]:
    # The values as the driver decoded them (maps and lists of plain values): ``read`` would
    # copy each nested value again in Python, ~1,500 maps for a page of 50.
    text, names = query
    return [dict(zip(names, values)) for values in await db.read_values(text, **params)]


def bundle(row: dict[str, Any]) -> Bundle:
    memberships = row.get("memberships")
    contacts = row.get("contacts")
    suggested = row.get("suggested")
    return Bundle(
        manager=records.manager(row["manager"]),
        department=records.department(row["department"]) if row.get("department") else None,
        memberships=None if memberships is None else [records.membership(m) for m in memberships],
        cohorts=None if memberships is None else [records.cohort(m["cohort"]) for m in memberships],
        contacts=None if contacts is None else [records.contact(c) for c in contacts],
        others=None if contacts is None else [records.manager(c["other"]) for c in contacts
                                              if c.get("other")],
        suggested=None if suggested is None else [suggestion(s) for s in suggested],
        suggested_managers=None if suggested is None else [
            records.manager(s["manager"]) for s in suggested],
    )


async def one(db: Database, manager_id: str, extras: Extras) -> Bundle | None:
    params: dict[str, Any] = {"id": manager_id}
    if extras.suggestions is not None:
        params.update(managerId=manager_id, first=extras.suggestions)
    rows = await _read(db, one_query(extras), **params)
    return bundle(rows[0]) if rows else None


async def page(
    db: Database, extras: Extras, *, after: str | None, limit: int,
    department_id: str | None = None, cohort_id: str | None = None, name: str | None = None,
) -> list[Bundle]:
    rows = await _read(db, page_query(extras), after=after, limit=limit,
                       **filter_params(department_id, cohort_id, name))
    return [bundle(r) for r in rows]


__all__ = ["Bundle", "Extras", "bundle", "one", "one_query", "page", "page_query"]
