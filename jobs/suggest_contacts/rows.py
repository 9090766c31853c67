"""Row-level input of the ``suggest-contacts`` job and its NetworkX form.

The job loads one tuple per relationship from Neo4j (:class:`NetworkRows`); the compute step
works on arrays made from those rows, and :func:`build_network` / :func:`network_rows` convert
to and from the NetworkX graph that is the model's reference (Adamic–Adar on it is the
structural score). Used by :mod:`.compute`, :mod:`.scoring` and :mod:`.index`, by
``bench/planted_org.py`` and ``bench/bench_suggestions.py``, and by the unit tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx


@dataclass(frozen=True)
class ManagerRow:
    """A ``:Manager`` with what the job needs; ``manager_since`` is a year."""

    id: str
    department_id: str | None
    level: str | None = None
    manager_since: int | None = None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> ManagerRow:
        """Accept Neo4j-shaped dicts (``departmentId``) as well as snake_case ones."""
        get = record.get
        return cls(str(record["id"]), get("departmentId", get("department_id")),
                   get("level"), get("managerSince", get("manager_since")))


_RaisedRows = tuple[tuple[str, str, bool], ...]
_HandledRows = tuple[tuple[str, str, str, Any], ...]


@dataclass(frozen=True)
class NetworkRows:
    """Row-level input of the job, one tuple per relationship, ids as strings.

    ``contacts`` are ``KNOWS`` pairs (either direction), ``memberships`` ``(managerId,
    cohortId)``, ``attendance`` ``(managerId, sessionId)``, ``raised`` ``(managerId,
    category, resolved)``, ``handled`` ``(managerId, category, outcome, handledAt)`` with
    ``handledAt`` an ISO string, date-like object or ``None``, and ``dismissed``
    ``(managerId, dismissedId)``. Lists and dicts are accepted and frozen into tuples; rows
    naming an unknown manager are ignored.
    """

    managers: tuple[ManagerRow, ...]
    contacts: tuple[tuple[str, str], ...] = ()
    memberships: tuple[tuple[str, str], ...] = ()
    attendance: tuple[tuple[str, str], ...] = ()
    raised: _RaisedRows = ()
    handled: _HandledRows = ()
    dismissed: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # Frozen, so normalise through object.__setattr__; tuples make rows hashable.
        object.__setattr__(self, "managers", tuple(
            m if isinstance(m, ManagerRow) else ManagerRow.from_record(m) for m in self.managers))
        for name in ("contacts", "memberships", "attendance", "raised", "handled", "dismissed"):
            object.__setattr__(self, name, tuple(map(tuple, getattr(self, name))))


def build_network(rows: NetworkRows) -> nx.Graph:
    """The manager network as NetworkX: managers, cohort hubs and session hubs.

    Managers are nodes keyed by id (``kind="manager"``, ``department_id``, ``level``,
    ``manager_since``, and sorted ``raised`` / ``handled`` tuples). Cohorts and sessions are
    nodes ``("cohort", id)`` / ``("session", id)`` — tuples, so they never collide with a
    manager id. Edges carry ``kind`` ``contact`` / ``cohort`` / ``session``; dismissed pairs
    sit in ``G.graph["dismissed"]``. Adamic–Adar on this graph is the structural score.

    Examples
    --------
    >>> G = build_network(NetworkRows(managers=[{"id": "a", "departmentId": "d"}],
    ...                               memberships=[("a", "c-1")]))
    >>> sorted(G.nodes(data="kind"), key=str)
    [('a', 'manager'), (('cohort', 'c-1'), 'cohort')]
    """
    known = {m.id for m in rows.managers}
    G = nx.Graph(dismissed=tuple(sorted({(a, b) for a, b in rows.dismissed
                                         if a in known and b in known})))
    for m in rows.managers:
        G.add_node(m.id, kind="manager", department_id=m.department_id, level=m.level,
                   manager_since=m.manager_since, raised=(), handled=())
    G.add_edges_from(((a, b) for a, b in rows.contacts if a in known and b in known and a != b),
                     kind="contact")
    for kind, pairs in (("cohort", rows.memberships), ("session", rows.attendance)):
        for manager, hub in pairs:
            if manager in known:
                G.add_node((kind, hub), kind=kind)
                G.add_edge(manager, (kind, hub), kind=kind)
    for attr, items in (("raised", rows.raised), ("handled", rows.handled)):
        for row in sorted((r for r in items if r[0] in known), key=repr):
            G.nodes[row[0]][attr] += (row[1:],)
    return G


def network_rows(G: nx.Graph) -> NetworkRows:
    """Inverse of :func:`build_network` (rows come back in a canonical order)."""
    managers = sorted(n for n, kind in G.nodes(data="kind") if kind == "manager")
    data = G.nodes
    edges: dict[str, list[tuple[str, str]]] = {"contact": [], "cohort": [], "session": []}
    for u, v, kind in G.edges(data="kind"):
        if kind == "contact":
            low, high = sorted((u, v))
            edges[kind].append((low, high))
        else:
            m, hub = (u, v) if isinstance(v, tuple) else (v, u)
            edges[kind].append((m, hub[1]))
    return NetworkRows(
        managers=tuple(ManagerRow(m, data[m]["department_id"], data[m].get("level"),
                                  data[m].get("manager_since")) for m in managers),
        contacts=tuple(sorted(edges["contact"])), memberships=tuple(sorted(edges["cohort"])),
        attendance=tuple(sorted(edges["session"])),
        # Node attributes are untyped; these are the rows build_network stored there.
        raised=cast(_RaisedRows, tuple((m, *r) for m in managers
                                       for r in data[m].get("raised", ()))),
        handled=cast(_HandledRows, tuple((m, *h) for m in managers
                                         for h in data[m].get("handled", ()))),
        dismissed=G.graph.get("dismissed", ()))


__all__ = ["ManagerRow", "NetworkRows", "build_network", "network_rows"]
