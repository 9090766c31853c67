"""The contact network at a date, and a cohort's members' ties before and after a programme.

No organisational-network tool measures a programme's effect (``/work/shared/ANCHORS.md``):
Viva Insights, for one, sees only current e-mail traffic. ``KNOWS.since`` lets peernet
rebuild the network as it stood on the cohort's start date and compare it with its end.
Used by the GraphQL cohort comparison (``resolvers/metrics.py``, :func:`cohort_before_after`),
by :mod:`.contacts` (:func:`as_date`) and by the unit tests.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, datetime

import networkx as nx

from peernet.domain.metrics import CohortComparison, CohortSnapshot

from .org import ei_index

DateLike = date | datetime | str


def as_date(value: DateLike) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # ISO date or datetime ("2024-03-01", "2024-03-01T09:00:00Z"): the day is enough.
    return date.fromisoformat(str(value)[:10])


def contacts_as_of(
    edges_with_since: Iterable[tuple[Hashable, Hashable, DateLike | None]],
    as_of: DateLike,
) -> list[tuple[Hashable, Hashable, DateLike | None]]:
    """The ``(u, v, since)`` contacts already known on ``as_of`` (``since <= as_of``).

    A contact whose ``since`` is ``None`` is kept at every date. Such ties come from
    imports and manual entries made before dates were recorded, i.e. they predate the
    programmes being evaluated; counting them as always present means they can never
    show up as a programme's gain, so before/after comparisons err on the side of
    understating an effect rather than inventing one.

    Examples
    --------
    >>> contacts_as_of([("a", "b", "2024-01-10"), ("b", "c", None), ("a", "c", "2024-06-01")],
    ...                "2024-03-01")
    [('a', 'b', '2024-01-10'), ('b', 'c', None)]
    """
    cutoff = as_date(as_of)
    return [e for e in edges_with_since if e[2] is None or as_date(e[2]) <= cutoff]


def graph_as_of(G: nx.Graph, as_of: DateLike, *, since_attr: str = "since") -> nx.Graph:
    """A new graph with all of ``G``'s managers and the ties known on ``as_of``.

    Managers are kept even without ties, so that isolates and department sizes do not
    change with the date. ``G`` is not modified.
    """
    kept = contacts_as_of(((u, v, s) for u, v, s in G.edges(data=since_attr)), as_of)
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, G.edges[u, v]) for u, v, _ in kept)
    return H


def _department(H: nx.Graph, node: Hashable, attr: str) -> Hashable:
    label: Hashable = H.nodes[node].get(attr)
    if label is None:
        raise ValueError(f"node {node!r} lacks {attr!r}")
    return label


def _snapshot(H: nx.Graph, members: list[Hashable], attr: str) -> CohortSnapshot:
    member_set = set(members)
    present = [m for m in members if m in H]
    cross = internal = 0
    reached_by: list[int] = []
    reached_all: set[Hashable] = set()
    counted: set[frozenset[Hashable]] = set()
    for m in present:
        own = _department(H, m, attr)
        reached: set[Hashable] = set()
        for other in H[m]:
            if other == m:
                continue
            theirs = _department(H, other, attr)
            if theirs != own:
                reached.add(theirs)
            if other in member_set:  # a tie between two members counts once
                pair = frozenset((m, other))
                if pair in counted:
                    continue
                counted.add(pair)
            if theirs != own:
                cross += 1
            else:
                internal += 1
        reached_by.append(len(reached))
        reached_all |= reached
    return CohortSnapshot(
        members_present=len(present),
        cross_department_ties=cross,
        internal_ties=internal,
        departments_reached=len(reached_all),
        # Absent members reached nobody: averaging over all members keeps before/after
        # comparable when someone joins the graph only during the programme.
        mean_departments_reached=(sum(reached_by) / len(members)) if members else None,
        ei_index=ei_index(cross, internal),
    )


def cohort_before_after(
    G_before: nx.Graph,
    G_after: nx.Graph,
    members: Iterable[Hashable],
    *,
    department_attr: str = "department",
) -> CohortComparison:
    """Compare a cohort's members' cross-department reach in two snapshots.

    Typically ``G_before = graph_as_of(G, cohort.start)`` and
    ``G_after = graph_as_of(G, cohort.end)``. For each snapshot: ties of members that cross
    departments and that stay inside, distinct other departments reached (together and
    per member), and the members' E-I index (Krackhardt and Stern 1988). A tie between two
    members is one tie, not two.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"department": "x"}), ("b", {"department": "y"})])
    >>> before = G.copy(); G.add_edge("a", "b")
    >>> cohort_before_after(before, G, ["a"]).cross_department_ties_gained
    1
    """
    ordered = list(dict.fromkeys(members))
    before = _snapshot(G_before, ordered, department_attr)
    after = _snapshot(G_after, ordered, department_attr)
    return CohortComparison(
        members=len(ordered),
        before=before,
        after=after,
        cross_department_ties_gained=after.cross_department_ties - before.cross_department_ties,
        departments_reached_gained=after.departments_reached - before.departments_reached,
    )


__all__ = ["as_date", "cohort_before_after", "contacts_as_of", "graph_as_of"]
