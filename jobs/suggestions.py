"""Compute step of the ``suggest-contacts`` job: whom should each manager get to know?

A candidate is a manager in another department whom the manager does not know yet. Its score
adds three parts, each explainable:

* structure — Adamic–Adar [1]_ (or resource allocation [2]_) over the manager network, where
  the neighbours of a manager are its contacts, its cohorts and the sessions it attended.
  Cohorts and sessions are kept as hub nodes rather than projected onto manager pairs: AA/RA
  then down-weights a big cohort (1/log 30) against a shared contact (1/log 15) by the same
  rule as everything else, no projection weight has to be invented, and the score is exactly
  ``nx.adamic_adar_index`` on the graph of :func:`build_network`;
* complementary experience — a manager who raised problems in a category (unresolved ones
  count most) is matched with people who handled that category (resolved counts most, and
  recent work more than old);
* experienced peer — a newer manager gets a bonus for candidates with long tenure.

All arithmetic is sparse: the structural part is ``A · diag(w) · Aᵀ`` in row blocks with
top-k per row (see :mod:`peernet.jobs.link_prediction`), and experience adds, per manager and
needed category, only the strongest handlers of that category outside the department.

References
----------
.. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web",
   Social Networks 25(3):211-230, 2003.
.. [2] T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information",
   European Physical Journal B 71:623-630, 2009.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .link_prediction import (
    DEFAULT_BLOCK_WORK,
    binary_csr,
    csr_rows,
    in_pattern,
    iter_score_blocks,
    top_k_per_row,
)

# Only this many common-contact ids travel with a reason; ``count`` keeps the true total.
MAX_REASON_IDS = 10
_REASON_CHUNK = 20_000  # pairs per vectorised common-neighbour lookup


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
    raised: tuple[tuple[str, str, bool], ...] = ()
    handled: tuple[tuple[str, str, str, Any], ...] = ()
    dismissed: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # Frozen, so normalise through object.__setattr__; tuples make rows hashable.
        object.__setattr__(self, "managers", tuple(
            m if isinstance(m, ManagerRow) else ManagerRow.from_record(m) for m in self.managers))
        for name in ("contacts", "memberships", "attendance", "raised", "handled", "dismissed"):
            object.__setattr__(self, name, tuple(tuple(row) for row in getattr(self, name)))


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
        for m, hub in pairs:
            if m in known:
                G.add_node((kind, hub), kind=kind)
                G.add_edge(m, (kind, hub), kind=kind)
    for attr, items in (("raised", rows.raised), ("handled", rows.handled)):
        for row in sorted((r for r in items if r[0] in known), key=repr):
            G.nodes[row[0]][attr] += (row[1:],)
    return G


def network_rows(G: nx.Graph) -> NetworkRows:
    """Inverse of :func:`build_network` (rows come back in a canonical order)."""
    managers = sorted(n for n, kind in G.nodes(data="kind") if kind == "manager")
    data = G.nodes
    edges = {"contact": [], "cohort": [], "session": []}
    for u, v, kind in G.edges(data="kind"):
        if kind == "contact":
            edges[kind].append(tuple(sorted((u, v))))
        else:
            m, hub = (u, v) if isinstance(v, tuple) else (v, u)
            edges[kind].append((m, hub[1]))
    return NetworkRows(
        managers=tuple(ManagerRow(m, data[m]["department_id"], data[m].get("level"),
                                  data[m].get("manager_since")) for m in managers),
        contacts=sorted(edges["contact"]), memberships=sorted(edges["cohort"]),
        attendance=sorted(edges["session"]),
        raised=[(m, *r) for m in managers for r in data[m].get("raised", ())],
        handled=[(m, *h) for m in managers for h in data[m].get("handled", ())],
        dismissed=G.graph.get("dismissed", ()))


@dataclass(frozen=True)
class SuggestionWeights:
    """Knobs of :func:`compute_suggestions`; the defaults are the product's choices.

    ``structural``, ``experience`` and ``experienced_peer`` weigh the three parts of the score.
    A category's need is ``log1p(unresolved_need·unresolved + resolved_need·resolved)`` raised
    problems; a candidate's offer is ``log1p(Σ outcome weight · 0.5^(age / half_life_years))``
    over handled problems (undated ones count as ``undated_age_years`` old). ``log1p`` gives
    diminishing returns: the tenth solved case says less than the first. A manager with at
    most ``new_manager_years`` of tenure gets ``experienced_peer · min(1, years / cap)`` for a
    candidate with at least ``experienced_years``. ``candidates_per_category`` handlers per
    needed category join the candidates (default ``3 · top_k``).
    """

    structural: float = 1.0
    experience: float = 1.0
    experienced_peer: float = 0.5
    unresolved_need: float = 1.0
    resolved_need: float = 0.25
    resolved: float = 1.0
    partly: float = 0.4
    not_resolved: float = 0.1
    half_life_years: float = 3.0
    undated_age_years: float = 3.0
    new_manager_years: float = 3.0
    experienced_years: float = 10.0
    seniority_cap_years: float = 20.0
    candidates_per_category: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """One suggested contact: ``score = structural·w + experience·w + peer_bonus``.

    ``structural`` is the raw AA/RA sum, ``experience`` the raw need·offer sum (both before
    weighting); ``peer_bonus`` is already weighted. ``reasons`` are plain dicts with a
    ``kind`` key, rendered by :func:`describe_reason`.
    """

    manager_id: str
    suggested_id: str
    score: float
    structural: float
    experience: float
    peer_bonus: float
    reasons: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class _Index:
    """Rows turned into arrays; managers are numbered in id order so index ties = id ties."""

    ids: list[str]
    dept: np.ndarray  # department code; unknown departments get unique codes ≥ n_departments
    department_ids: list[str]
    incidence: sp.csr_matrix  # managers × (managers | cohorts | sessions), 0/1
    degrees: np.ndarray  # degree of every incidence column in the hub graph
    exclude: sp.csr_matrix  # contacts and dismissed pairs, both directions, 0/1
    cohort_ids: list[str]
    session_ids: list[str]
    categories: list[str]
    need: np.ndarray  # managers × categories
    offer: np.ndarray  # managers × categories
    raised_counts: np.ndarray  # managers × categories × (unresolved, resolved)
    handled_counts: np.ndarray  # managers × categories × (RESOLVED, PARTLY, NOT_RESOLVED)
    has_need: np.ndarray  # any need at all, per manager
    has_offer: np.ndarray  # any offer at all, per manager
    tenure: np.ndarray  # years as a manager, nan when unknown
    newness: np.ndarray  # 1 for a newer manager
    seniority: np.ndarray  # 0..1 for an experienced manager

    def dept_of(self, i: int) -> str | None:
        code = int(self.dept[i])
        return self.department_ids[code] if code < len(self.department_ids) else None


_OUTCOMES = ("RESOLVED", "PARTLY", "NOT_RESOLVED")


def _year(value: Any) -> float | None:
    """Fractional year of an ISO date/datetime string or a date-like object."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not hasattr(value, "month"):
        y, m, d = (int(p) for p in str(value)[:10].split("-"))
    else:  # datetime, date, neo4j.time.DateTime
        y, m, d = value.year, value.month, value.day
    return y + ((m - 1) * 30.44 + d - 1) / 365.25


def _pair_matrix(pairs: Iterable[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_matrix:
    ij = np.array([p for p in pairs if p[0] >= 0 and p[1] >= 0], dtype=np.int64).reshape(-1, 2)
    return binary_csr(sp.csr_matrix((np.ones(len(ij)), (ij[:, 0], ij[:, 1])), shape=shape))


def _index_rows(rows: NetworkRows, *, now_year: float, weights: SuggestionWeights) -> _Index:
    by_id = {m.id: m for m in rows.managers}
    if len(by_id) != len(rows.managers):
        raise ValueError("duplicate manager ids")
    ids = sorted(by_id)
    n, pos = len(ids), {m: i for i, m in enumerate(ids)}
    department_ids = sorted({by_id[m].department_id for m in ids} - {None})
    code = {d: i for i, d in enumerate(department_ids)}
    dept = np.array([code.get(by_id[m].department_id, len(code) + i) for i, m in enumerate(ids)],
                    dtype=np.int64)
    contacts = _pair_matrix(((pos.get(a, -1), pos.get(b, -1)) for a, b in rows.contacts
                             if a != b), (n, n))
    contacts = binary_csr(contacts + contacts.T)
    hubs = []
    for pairs in (rows.memberships, rows.attendance):
        hub_ids = sorted({h for m, h in pairs if m in pos})
        col = {h: j for j, h in enumerate(hub_ids)}
        hubs.append((hub_ids, _pair_matrix(((pos.get(m, -1), col.get(h, -1)) for m, h in pairs),
                                           (n, len(hub_ids)))))
    (cohort_ids, cohorts), (session_ids, sessions) = hubs
    incidence = binary_csr(sp.hstack([contacts, cohorts, sessions], format="csr"))
    degrees = np.concatenate([np.diff(incidence.indptr),
                              np.asarray(cohorts.sum(axis=0)).ravel(),
                              np.asarray(sessions.sum(axis=0)).ravel()]).astype(np.float64)
    dismissed = _pair_matrix(((pos.get(a, -1), pos.get(b, -1)) for a, b in rows.dismissed),
                             (n, n))
    exclude = binary_csr(contacts + dismissed + dismissed.T)

    # A problem without a category cannot be matched with anyone's experience.
    raised = [r for r in rows.raised if r[0] in pos and r[1] is not None]
    handled = [h for h in rows.handled if h[0] in pos and h[1] is not None and h[2] in _OUTCOMES]
    categories = sorted({r[1] for r in raised} | {h[1] for h in handled})
    cat = {c: k for k, c in enumerate(categories)}
    raised_counts = np.zeros((n, len(cat), 2), dtype=np.int64)
    for m, c, resolved in raised:
        raised_counts[pos[m], cat[c], 1 if resolved else 0] += 1
    handled_counts = np.zeros((n, len(cat), 3), dtype=np.int64)
    offer = np.zeros((n, len(cat)))
    outcome_weight = (weights.resolved, weights.partly, weights.not_resolved)
    # Sorted so float sums happen in one order whatever order the rows arrived in.
    for m, c, outcome, at in sorted(handled, key=repr):
        o, year = _OUTCOMES.index(outcome), _year(at)
        age = weights.undated_age_years if year is None else max(0.0, now_year - year)
        handled_counts[pos[m], cat[c], o] += 1
        offer[pos[m], cat[c]] += outcome_weight[o] * 0.5 ** (age / weights.half_life_years)
    need = np.log1p(weights.unresolved_need * raised_counts[:, :, 0]
                    + weights.resolved_need * raised_counts[:, :, 1])

    since = np.array([math.nan if by_id[m].manager_since is None else by_id[m].manager_since
                      for m in ids], dtype=np.float64)
    tenure = np.maximum(0.0, now_year - since)
    known = ~np.isnan(tenure)
    newness = (known & (tenure <= weights.new_manager_years)).astype(np.float64)
    seniority = np.where(known & (tenure >= weights.experienced_years),
                         np.minimum(1.0, tenure / weights.seniority_cap_years), 0.0)
    seniority = np.nan_to_num(seniority)
    return _Index(ids, dept, department_ids, incidence, degrees, exclude, cohort_ids,
                  session_ids, categories, need, np.log1p(offer), raised_counts,
                  handled_counts, need.any(axis=1), offer.any(axis=1), tenure, newness,
                  seniority)


def compute_suggestions(
    network: NetworkRows | nx.Graph,
    *,
    now_year: float,
    top_k: int = 10,
    method: str = "adamic_adar",
    weights: SuggestionWeights = SuggestionWeights(),
    max_work: int = DEFAULT_BLOCK_WORK,
) -> dict[str, list[Suggestion]]:
    """Top-``top_k`` contact suggestions for every manager.

    Parameters
    ----------
    network : NetworkRows or networkx.Graph
        Rows as loaded from Neo4j, or the graph :func:`build_network` makes of them.
    now_year : float
        The current year (fractional allowed); ages and tenures are measured from it. A
        parameter, not the clock, so equal input gives equal output.
    top_k : int
    method : {"adamic_adar", "resource_allocation"}
    weights : SuggestionWeights
    max_work : int
        Two-hop paths expanded per row block; bounds peak memory.

    Returns
    -------
    dict
        Manager id → suggestions by score descending, ties by suggested id; every manager
        is a key. Never suggested: the manager itself, its department, its contacts, and
        anyone on either side of a dismissed pair (a dismissal says the pair is no match).

    Notes
    -----
    Every candidate sharing at least one neighbour is scored exactly. Candidates sharing
    none enter only through experience: the ``3 · top_k`` strongest handlers of each needed
    category outside the department. So a weaker handler with no shared neighbour can be
    missed, and the experienced-peer bonus re-ranks candidates but never adds any; both keep
    the work linear instead of scoring all pairs.

    Examples
    --------
    >>> rows = NetworkRows(
    ...     managers=[{"id": i, "departmentId": d} for i, d in
    ...               [("a", "d1"), ("b", "d1"), ("c", "d2"), ("x", "d3")]],
    ...     contacts=[("a", "x"), ("c", "x")])
    >>> [s.suggested_id for s in compute_suggestions(rows, now_year=2025)["a"]]
    ['c']
    """
    idx = _index_rows(network_rows(network) if isinstance(network, nx.Graph) else network,
                     now_year=now_year, weights=weights)
    tables = _handler_tables(idx, weights.candidates_per_category or 3 * top_k)
    picks = [_score_block(idx, rows, block, tables, top_k, weights)
             for rows, block in iter_score_blocks(idx.incidence, idx.degrees, method=method,
                                                  max_work=max_work)]
    r, c, score, struct, exp, peer = (np.concatenate(p) for p in zip(*picks))
    with _gc_paused():
        reasons = _reasons(idx, r, c)
        out: dict[str, list[Suggestion]] = {m: [] for m in idx.ids}
        ids = idx.ids
        for x, y, *values, why in zip(r.tolist(), c.tolist(), score.tolist(), struct.tolist(),
                                      exp.tolist(), peer.tolist(), reasons):
            out[ids[x]].append(Suggestion(ids[x], ids[y], *values, why))
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while building ~10⁶ acyclic dicts (it costs ~20% else)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _handler_tables(idx: _Index, per_cat: int) -> list[np.ndarray]:
    """Per category, a table whose row ``g`` lists the strongest handlers outside department
    ``g`` (ties by id), padded with -1; the last row serves managers of unknown department.

    Built once, so a block only looks rows up: no per-department work inside the blocks.
    """
    n_dept, width = len(idx.department_ids), per_cat + 1  # +1: oneself may be on the list
    tables = []
    for cat in range(idx.offer.shape[1]):
        has = np.flatnonzero(idx.offer[:, cat] > 0)
        ranked = has[np.lexsort((has, -idx.offer[has, cat]))]
        # A department rarely holds more than 3 of the best 4·width, so a short prefix
        # usually suffices; the full list is the fallback.
        prefix = ranked[: 4 * width]
        table = np.full((n_dept + 1, width), -1, dtype=np.int64)
        for g in range(n_dept + 1):
            pick = prefix[idx.dept[prefix] != g][:width]
            if len(pick) < width and len(prefix) < len(ranked):
                pick = ranked[idx.dept[ranked] != g][:width]
            table[g, : len(pick)] = pick
        tables.append(table)
    return tables


def _experience_pairs(idx: _Index, rows: range,
                      tables: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs from experience: each needed category's best handlers elsewhere."""
    out_r, out_c = [], []
    group = np.minimum(idx.dept[rows.start:rows.stop], len(idx.department_ids))
    for cat, table in enumerate(tables):
        xs = np.flatnonzero(idx.need[rows.start:rows.stop, cat] > 0)
        cand = table[group[xs]].ravel()
        who = np.repeat(xs + rows.start, table.shape[1])
        out_r.append(who[cand >= 0])
        out_c.append(cand[cand >= 0])
    if not out_r:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_r), np.concatenate(out_c)


def _score_block(idx: _Index, rows: range, block: sp.csr_matrix, tables: list[np.ndarray],
                 top_k: int, weights: SuggestionWeights) -> tuple[np.ndarray, ...]:
    n, start, stop = len(idx.ids), rows.start, rows.stop
    excluded = idx.exclude[start:stop]
    r = csr_rows(block, start)
    c = block.indices.astype(np.int64)
    keep = (r != c) & (idx.dept[r] != idx.dept[c]) & ~in_pattern(block, excluded)
    r, c, s = r[keep], c[keep], block.data[keep]
    # Still in CSR order after filtering, so the pattern needs no sort.
    indptr = np.r_[0, np.cumsum(np.bincount(r - start, minlength=stop - start))]
    struct_pattern = sp.csr_matrix((np.ones(len(r)), c, indptr), shape=(stop - start, n))
    er, ec = _experience_pairs(idx, rows, tables)
    exp_block = binary_csr(sp.csr_matrix((np.ones(len(er)), (er - start, ec)),
                                         shape=(stop - start, n)))
    er, ec = csr_rows(exp_block, start), exp_block.indices.astype(np.int64)
    fresh = ((er != ec) & (idx.dept[er] != idx.dept[ec])
             & ~in_pattern(exp_block, excluded) & ~in_pattern(exp_block, struct_pattern))
    r = np.concatenate([r, er[fresh]])
    c = np.concatenate([c, ec[fresh]])
    s = np.concatenate([s, np.zeros(int(fresh.sum()))])
    exp = np.zeros(len(r))
    both = np.flatnonzero(idx.has_need[r] & idx.has_offer[c])
    rb, cb = r[both], c[both]
    for need, offer in zip(idx.need.T, idx.offer.T):
        exp[both] += need[rb] * offer[cb]
    peer = weights.experienced_peer * idx.newness[r] * idx.seniority[c]
    score = weights.structural * s + weights.experience * exp + peer
    good = score > 0
    if not good.all():  # only when a weight is zero or negative
        r, c, s, exp, peer, score = r[good], c[good], s[good], exp[good], peer[good], score[good]
    best = top_k_per_row(r, c, score, top_k)
    return r[best], c[best], score[best], s[best], exp[best], peer[best]


def _reasons(idx: _Index, r: np.ndarray, c: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
    """Structured, order-stable reasons for each chosen pair.

    Everything that can be is gathered per chunk with array operations; the per-pair loop
    only slices ready-made lists, which keeps 10⁶ pairs to seconds.
    """
    n, n_cohorts = len(idx.ids), len(idx.cohort_ids)
    hubs = idx.cohort_ids + idx.session_ids
    departments = [idx.dept_of(i) for i in range(n)]
    out: list[tuple[dict[str, Any], ...]] = []
    for lo in range(0, len(r), _REASON_CHUNK):
        rr, cc = r[lo:lo + _REASON_CHUNK], c[lo:lo + _REASON_CHUNK]
        common = idx.incidence[rr].multiply(idx.incidence[cc]).tocsr()
        common.sort_indices()
        indptr, indices = common.indptr.tolist(), common.indices.tolist()
        # Experience reasons: strongest category first, then by name (categories are sorted).
        contrib = idx.need[rr] * idx.offer[cc]
        pair, cat = np.nonzero(contrib > 0)
        order = np.lexsort((cat, -contrib[pair, cat], pair))
        pair, cat = pair[order], cat[order]
        done, asked = idx.handled_counts[cc[pair], cat], idx.raised_counts[rr[pair], cat]
        experience = [{"kind": "experience", "category": idx.categories[k], "handled": a + b + d,
                       "resolved": a, "partly": b, "notResolved": d, "raised": u + v,
                       "unresolved": u}
                      for k, (a, b, d), (u, v) in zip(cat.tolist(), done.tolist(), asked.tolist())]
        bounds = np.searchsorted(pair, np.arange(len(rr) + 1)).tolist()
        peer = ((idx.newness[rr] > 0) & (idx.seniority[cc] > 0)).tolist()
        for i, (y, years) in enumerate(zip(cc.tolist(), idx.tenure[cc].tolist())):
            shared = indices[indptr[i]:indptr[i + 1]]
            split = bisect.bisect_left(shared, n)
            hub_split = bisect.bisect_left(shared, n + n_cohorts, split)
            people, cohorts = shared[:split], shared[split:hub_split]
            sessions = shared[hub_split:]
            reasons: list[dict[str, Any]] = [{"kind": "shared_cohort", "cohortId": hubs[z - n]}
                                             for z in cohorts]
            if people:
                reasons.append({"kind": "common_contacts", "count": len(people),
                                "ids": [idx.ids[z] for z in people[:MAX_REASON_IDS]]})
            if sessions:
                reasons.append({"kind": "shared_sessions", "count": len(sessions),
                                "ids": [hubs[z - n] for z in sessions[:MAX_REASON_IDS]]})
            reasons += experience[bounds[i]:bounds[i + 1]]
            if peer[i]:
                reasons.append({"kind": "experienced_peer", "years": int(years)})
            reasons.append({"kind": "other_department", "departmentId": departments[y]})
            out.append(tuple(reasons))
    return out


_CATEGORY_WORDS = {"IT_SUPPORT": "IT support"}


def describe_reason(reason: Mapping[str, Any], lookup: Mapping[str, str] | None = None) -> str:
    """Plain-English rendering of one reason; ``lookup`` maps ids to display names.

    Examples
    --------
    >>> describe_reason({"kind": "common_contacts", "count": 3, "ids": []})
    '3 contacts in common'
    >>> describe_reason({"kind": "shared_cohort", "cohortId": "c-2"}, {"c-2": "Kohort 2"})
    'you were both in Kohort 2'
    >>> describe_reason({"kind": "experience", "category": "IT_SUPPORT", "handled": 2,
    ...                  "resolved": 2, "partly": 0, "notResolved": 0})
    'handled 2 IT support problems, resolved both'
    >>> describe_reason({"kind": "experienced_peer", "years": 14})
    '14 years as a manager'
    """
    names = lookup or {}
    kind = reason["kind"]
    if kind == "common_contacts":
        return _plural(reason["count"], "contact") + " in common"
    if kind == "shared_cohort":
        return f"you were both in {names.get(reason['cohortId'], reason['cohortId'])}"
    if kind == "shared_sessions":
        return f"attended {_plural(reason['count'], 'session')} together"
    if kind == "experience":
        cat = reason["category"]
        label = _CATEGORY_WORDS.get(cat, cat.replace("_", " ").lower())
        done, ok, partly = reason["handled"], reason["resolved"], reason.get("partly", 0)
        if ok == done:
            outcome = {1: "resolved it", 2: "resolved both"}.get(done, "resolved all")
        elif ok:
            outcome = f"resolved {ok}"
        elif partly:
            outcome = f"partly resolved {partly}"
        else:
            outcome = "none resolved"
        return f"handled {_plural(done, label + ' problem')}, {outcome}"
    if kind == "experienced_peer":
        return f"{_plural(reason['years'], 'year')} as a manager"
    if kind == "other_department":
        return f"works in {names.get(reason['departmentId'], reason['departmentId'])}"
    raise ValueError(f"unknown reason kind {kind!r}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


__all__ = [
    "ManagerRow",
    "NetworkRows",
    "Suggestion",
    "SuggestionWeights",
    "build_network",
    "compute_suggestions",
    "describe_reason",
    "network_rows",
]
