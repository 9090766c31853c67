"""The rows of the ``suggest-contacts`` job turned into the arrays its scoring works on.

Managers are numbered in id order, so an index tie is an id tie. Every row is looked up once
through a dict and never touched again by Python: the matrices are assembled by NumPy/SciPy,
so indexing stays a small part of the job at 100,000 managers. Used by :mod:`.scoring` (which
indexes the rows), :mod:`.reasons` and :mod:`.results` (which read the arrays), and the unit
tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np
import scipy.sparse as sp

from .link_prediction import binary_csr
from .rows import NetworkRows

OUTCOMES = ("RESOLVED", "PARTLY", "NOT_RESOLVED")
_OUTCOME_CODE = {o: i for i, o in enumerate(OUTCOMES)}


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
class SuggestionIndex:
    """Rows as arrays; row ``i`` of every per-manager array is manager ``ids[i]``."""

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
    tenure: np.ndarray  # years as a manager, nan when unknown
    newness: np.ndarray  # 1 for a newer manager
    seniority: np.ndarray  # 0..1 for an experienced manager

    def dept_of(self, i: int) -> str | None:
        code = int(self.dept[i])
        return self.department_ids[code] if code < len(self.department_ids) else None


def year_of(value: Any) -> float | None:
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


def _field(rows: Sequence[tuple[Any, ...]], k: int, code: dict[Any, int]) -> np.ndarray:
    """``code[row[k]]`` for every row, -1 where the value is not in ``code``."""
    return np.fromiter(map(code.get, map(itemgetter(k), rows), repeat(-1)), np.int64,
                       len(rows))


def _binary_matrix(i: np.ndarray, j: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    return binary_csr(sp.csr_matrix((np.ones(len(i)), (i, j)), shape=shape))


def index_rows(rows: NetworkRows, *, now_year: float,
               weights: SuggestionWeights) -> SuggestionIndex:
    """Number the managers, hubs and categories of ``rows`` and build the arrays."""
    managers = sorted(rows.managers, key=attrgetter("id"))
    ids = list(map(attrgetter("id"), managers))
    n = len(ids)
    pos = dict(zip(ids, range(n)))
    if len(pos) != n:
        raise ValueError("duplicate manager ids")
    departments = list(map(attrgetter("department_id"), managers))
    department_ids = sorted(set(departments) - {None})
    dept = np.fromiter(map(dict(zip(department_ids, range(len(department_ids)))).get,
                           departments, repeat(-1)), np.int64, n)
    unknown = np.flatnonzero(dept < 0)
    dept[unknown] = len(department_ids) + unknown

    a, b = _field(rows.contacts, 0, pos), _field(rows.contacts, 1, pos)
    ok = (a >= 0) & (b >= 0) & (a != b)
    a, b = a[ok], b[ok]
    hubs = []
    for pairs in (rows.memberships, rows.attendance):
        m, hub = _field(pairs, 0, pos), list(map(itemgetter(1), pairs))
        hub_ids = sorted(set(hub if (m >= 0).all() else compress(hub, (m >= 0).tolist())))
        h = np.fromiter(map(dict(zip(hub_ids, range(len(hub_ids)))).get, hub, repeat(-1)),
                        np.int64, len(hub))
        ok = (m >= 0) & (h >= 0)
        hubs.append((hub_ids, m[ok], h[ok]))
    (cohort_ids, cm, ch), (session_ids, sm, sh) = hubs
    n_cols = n + len(cohort_ids) + len(session_ids)
    incidence = _binary_matrix(np.concatenate([a, b, cm, sm]),
                               np.concatenate([b, a, n + ch, n + len(cohort_ids) + sh]),
                               (n, n_cols))
    degrees = np.concatenate([np.diff(incidence.indptr),
                              np.bincount(incidence.indices, minlength=n_cols)[n:]
                              ]).astype(np.float64)
    # Contacts are the columns below n, first in every row of the incidence.
    contact = incidence.indices < n
    contacts = sp.csr_matrix((incidence.data[contact], incidence.indices[contact],
                              np.r_[0, np.cumsum(contact)][incidence.indptr]), shape=(n, n))
    x, y = _field(rows.dismissed, 0, pos), _field(rows.dismissed, 1, pos)
    ok = (x >= 0) & (y >= 0)
    x, y = x[ok], y[ok]
    exclude = (binary_csr(contacts + _binary_matrix(np.r_[x, y], np.r_[y, x], (n, n)))
               if len(x) else contacts)

    need, offer, raised_counts, handled_counts, categories = _experience(rows, pos, now_year,
                                                                         weights)
    since = np.array([math.nan if y is None else y
                      for y in map(attrgetter("manager_since"), managers)], dtype=np.float64)
    tenure = np.maximum(0.0, now_year - since)
    known = ~np.isnan(tenure)
    newness = (known & (tenure <= weights.new_manager_years)).astype(np.float64)
    seniority = np.where(known & (tenure >= weights.experienced_years),
                         np.minimum(1.0, tenure / weights.seniority_cap_years), 0.0)
    seniority = np.nan_to_num(seniority)
    return SuggestionIndex(ids, dept, department_ids, incidence, degrees, exclude, cohort_ids,
                           session_ids, categories, need, offer, raised_counts, handled_counts,
                           tenure, newness, seniority)


def _experience(rows: NetworkRows, pos: dict[str, int], now_year: float,
                weights: SuggestionWeights) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                      np.ndarray, list[str]]:
    """Need, offer and the counts behind them, managers × categories."""
    n = len(pos)
    raised, handled = rows.raised, rows.handled
    r_cat, h_cat = list(map(itemgetter(1), raised)), list(map(itemgetter(1), handled))
    # A problem without a category cannot be matched with anyone's experience. Categories
    # are numbered among all rows first, then only those of rows that count are kept.
    seen = sorted((set(r_cat) | set(h_cat)) - {None})
    seen_code = dict(zip(seen, range(len(seen))))
    r_m, r_c = _field(raised, 0, pos), _field(raised, 1, seen_code)
    h_m, h_c = _field(handled, 0, pos), _field(handled, 1, seen_code)
    h_o = _field(handled, 2, _OUTCOME_CODE)
    r_ok = (r_m >= 0) & (r_c >= 0)
    h_ok = (h_m >= 0) & (h_c >= 0) & (h_o >= 0)
    used = np.flatnonzero(np.bincount(np.concatenate([r_c[r_ok], h_c[h_ok]]),
                                      minlength=len(seen)))
    categories = [seen[i] for i in used.tolist()]
    k = len(categories)
    renumber = np.full(len(seen) + 1, -1, dtype=np.int64)
    renumber[used] = np.arange(k)

    resolved = np.fromiter(map(bool, map(itemgetter(2), raised)), bool, len(raised))
    slot = (r_m * k + renumber[r_c]) * 2 + resolved
    raised_counts = np.bincount(slot[r_ok], minlength=n * k * 2).reshape(n, k, 2)

    keep = np.flatnonzero(h_ok)
    group = h_m[keep] * k + renumber[h_c[keep]]
    outcome = h_o[keep]
    handled_counts = np.bincount(group * 3 + outcome, minlength=n * k * 3).reshape(n, k, 3)
    at = list(map(itemgetter(3), handled))
    if len(keep) < len(handled):
        at = [at[i] for i in keep.tolist()]
    years = _years(at)
    age = np.where(np.isnan(years), weights.undated_age_years, np.maximum(0.0, now_year - years))
    # 0.5 ** x in Python, once per distinct age: NumPy's SIMD power may differ in the last bit.
    # (Sorted by hand: np.unique is slower than a sort here.)
    order = np.argsort(age)
    first = np.ones(len(age), dtype=bool)
    first[1:] = age[order][1:] != age[order][:-1]
    which = np.empty(len(age), dtype=np.int64)
    which[order] = np.cumsum(first) - 1
    decay = np.array([0.5 ** (a / weights.half_life_years) for a in age[order][first].tolist()])
    outcome_weight = np.array([weights.resolved, weights.partly, weights.not_resolved])
    term = outcome_weight[outcome] * decay[which]
    # Sums must not depend on row order. Up to two terms they cannot (x + y == y + x); a
    # larger group is added in the order of its rows' repr, whatever order they came in.
    sizes = np.bincount(group, minlength=n * k)
    big = np.flatnonzero(sizes[group] > 2)
    if len(big):
        big = big[_repr_order([handled[i] for i in keep[big].tolist()])]
        order = np.r_[np.flatnonzero(sizes[group] <= 2), big]
        group, term = group[order], term[order]
    offer = np.log1p(np.bincount(group, weights=term, minlength=n * k).reshape(n, k))
    need = np.log1p(weights.unresolved_need * raised_counts[:, :, 0]
                    + weights.resolved_need * raised_counts[:, :, 1])
    return need, offer, raised_counts, handled_counts, categories


def _repr_order(handled: list[tuple[Any, ...]]) -> np.ndarray:
    """Positions of ``handled`` rows so that, within every (manager, category) group, rows
    come in the order of their ``repr``.

    With plain-string ids, categories and outcomes, rows of a group share their repr up to
    the outcome, and the outcomes' reprs are none a prefix of another, so ordering by
    ``repr(outcome)``, then ``repr(handledAt) + ")"`` (the rest of the row's repr) is the
    same order; both are ranked once per distinct value and sorted as integers, or, when
    every ``handledAt`` is a string that its repr only quotes, sorted as strings by NumPy.
    """
    columns = [list(map(itemgetter(k), handled)) for k in range(4)]
    if not set().union(*(map(type, col) for col in columns[:3])) <= {str}:
        return np.array(sorted(range(len(handled)), key=lambda i: repr(handled[i])),
                        dtype=np.int64)
    outcomes, ats = columns[2], columns[3]
    o_rank = {o: i for i, o in enumerate(sorted(set(outcomes), key=repr))}
    outcome = np.fromiter(map(o_rank.__getitem__, outcomes), np.int64, len(handled))
    if set(map(type, ats)) <= {str}:
        text = np.array(ats, dtype=str)
        codes = text.view(np.uint32).reshape(len(ats), -1)
        used = np.arange(codes.shape[1]) < np.char.str_len(text)[:, None]
        # Printable ASCII above the quote, backslash excepted: then ``repr(v)`` is
        # ``'v'``, and ``'v')`` sort as the strings themselves do (a string that is a prefix
        # of another still comes first: its ``'`` is below every character allowed).
        if ((~used | ((codes > ord("'")) & (codes < 0x7F) & (codes != ord("\\")))).all()):
            return np.lexsort((text, outcome))
    dated = {v: repr(v) + ")" for v in set(v for v in ats if type(v) is str)}
    rests = [dated[v] if type(v) is str else repr(v) + ")" for v in ats]
    rank = {r: i for i, r in enumerate(sorted(set(rests)))}
    key = outcome * len(rank) + np.fromiter(map(rank.__getitem__, rests), np.int64,
                                            len(handled))
    return np.argsort(key, kind="stable")


def _years(values: list[Any]) -> np.ndarray:
    """:func:`year_of` of every value (nan for none).

    Strings starting ``YYYY-MM-DD`` (ASCII digits) are parsed as arrays with the same
    operations in the same order, so to the bit; any other value goes through
    :func:`year_of`.
    """
    out = np.full(len(values), math.nan)
    if set(map(type, values)) <= {str}:
        text = np.array(values, dtype="U10")
        codes = text.view(np.uint32).reshape(len(values), 10).astype(np.int64)
        digit = np.array([1, 1, 1, 1, 0, 1, 1, 0, 1, 1], dtype=bool)
        iso = (((codes[:, digit] >= ord("0")) & (codes[:, digit] <= ord("9"))).all(axis=1)
               & (codes[:, ~digit] == ord("-")).all(axis=1))
        c = codes[iso] - ord("0")
        y = ((c[:, 0] * 10 + c[:, 1]) * 10 + c[:, 2]) * 10 + c[:, 3]
        m, d = c[:, 5] * 10 + c[:, 6], c[:, 8] * 10 + c[:, 9]
        out[iso] = y + ((m - 1) * 30.44 + d - 1) / 365.25
        rest: Sequence[int] = np.flatnonzero(~iso).tolist()
    else:
        rest = range(len(values))
    for i in rest:
        y = year_of(values[i])
        if y is not None:
            out[i] = y
    return out


__all__ = ["OUTCOMES", "SuggestionIndex", "SuggestionWeights", "index_rows",
           "year_of"]
