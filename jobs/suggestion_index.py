"""The rows of the ``suggest-contacts`` job turned into the arrays its scoring works on.

Managers are numbered in id order, so an index tie is an id tie. Every row is looked up once
through a dict and never touched again by Python: the matrices are assembled by NumPy/SciPy,
which keeps indexing 100,000 managers to a fraction of a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

import numpy as np
import scipy.sparse as sp

from .link_prediction import binary_csr
from .suggestion_rows import NetworkRows

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
    need_bits: np.ndarray  # bit k % bits set when need[:, k] > 0 (see category_bits)
    offer_bits: np.ndarray  # the same for offer
    tenure: np.ndarray  # years as a manager, nan when unknown
    newness: np.ndarray  # 1 for a newer manager
    seniority: np.ndarray  # 0..1 for an experienced manager

    def dept_of(self, i: int) -> str | None:
        code = int(self.dept[i])
        return self.department_ids[code] if code < len(self.department_ids) else None


def category_bits(values: np.ndarray) -> np.ndarray:
    """One unsigned int per row with bit ``k % width`` set where ``values[:, k] > 0``.

    ``need_bits[x] & offer_bits[y] == 0`` proves that ``x`` needs nothing ``y`` offers, which
    lets the scoring skip most pairs with two byte loads. With more categories than bits,
    categories share a bit: the test then lets a few pairs through needlessly, never wrongly
    drops one.
    """
    k = values.shape[1]
    dtype = next((t for t in (np.uint8, np.uint16, np.uint32) if k <= np.iinfo(t).bits),
                 np.uint64)
    width = np.iinfo(dtype).bits
    bits = np.zeros(values.shape[0], dtype=dtype)
    for cat in range(k):
        bits[values[:, cat] > 0] |= dtype(1 << (cat % width))
    return bits


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


def _lookup(keys: Iterable[Any], code: dict[Any, int]) -> np.ndarray:
    """``code[key]`` for every key, -1 for a key not in ``code``."""
    return np.fromiter(map(code.get, keys, repeat(-1)), dtype=np.int64)


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """The rows' fields as ``width`` lists (``zip(*rows)`` is slower on many short rows)."""
    return [list(map(itemgetter(k), rows)) for k in range(width)]


def _binary_matrix(i: np.ndarray, j: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    return binary_csr(sp.csr_matrix((np.ones(len(i)), (i, j)), shape=shape))


def index_rows(rows: NetworkRows, *, now_year: float,
               weights: SuggestionWeights) -> SuggestionIndex:
    """Number the managers, hubs and categories of ``rows`` and build the arrays."""
    by_id = {m.id: m for m in rows.managers}
    if len(by_id) != len(rows.managers):
        raise ValueError("duplicate manager ids")
    ids = sorted(by_id)
    managers = [by_id[m] for m in ids]
    n = len(ids)
    pos = dict(zip(ids, range(n)))
    departments = [m.department_id for m in managers]
    department_ids = sorted(set(departments) - {None})
    dept = _lookup(departments, dict(zip(department_ids, range(len(department_ids)))))
    unknown = np.flatnonzero(dept < 0)
    dept[unknown] = len(department_ids) + unknown

    a, b = (_lookup(col, pos) for col in _columns(rows.contacts, 2))
    ok = (a >= 0) & (b >= 0) & (a != b)
    a, b = a[ok], b[ok]
    hubs = []
    for pairs in (rows.memberships, rows.attendance):
        who, hub = _columns(pairs, 2)
        m = _lookup(who, pos)
        hub_ids = sorted(set(compress(hub, (m >= 0).tolist())))
        h = _lookup(hub, dict(zip(hub_ids, range(len(hub_ids)))))
        ok = (m >= 0) & (h >= 0)
        hubs.append((hub_ids, m[ok], h[ok]))
    (cohort_ids, cm, ch), (session_ids, sm, sh) = hubs
    n_cols = n + len(cohort_ids) + len(session_ids)
    incidence = _binary_matrix(np.concatenate([a, b, cm, sm]),
                               np.concatenate([b, a, n + ch, n + len(cohort_ids) + sh]),
                               (n, n_cols))
    hub_degrees = np.bincount(incidence.indices, minlength=n_cols)[n:]
    degrees = np.concatenate([np.diff(incidence.indptr), hub_degrees]).astype(np.float64)
    x, y = (_lookup(col, pos) for col in _columns(rows.dismissed, 2))
    ok = (x >= 0) & (y >= 0)
    x, y = x[ok], y[ok]
    exclude = _binary_matrix(np.concatenate([a, b, x, y]), np.concatenate([b, a, y, x]), (n, n))

    need, offer, raised_counts, handled_counts, categories = _experience(rows, pos, now_year,
                                                                         weights)
    since = np.array([math.nan if m.manager_since is None else m.manager_since
                      for m in managers], dtype=np.float64)
    tenure = np.maximum(0.0, now_year - since)
    known = ~np.isnan(tenure)
    newness = (known & (tenure <= weights.new_manager_years)).astype(np.float64)
    seniority = np.where(known & (tenure >= weights.experienced_years),
                         np.minimum(1.0, tenure / weights.seniority_cap_years), 0.0)
    seniority = np.nan_to_num(seniority)
    return SuggestionIndex(ids, dept, department_ids, incidence, degrees, exclude, cohort_ids,
                           session_ids, categories, need, offer, raised_counts, handled_counts,
                           category_bits(need), category_bits(offer), tenure, newness,
                           seniority)


def _experience(rows: NetworkRows, pos: dict[str, int], now_year: float,
                weights: SuggestionWeights) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                      np.ndarray, list[str]]:
    """Need, offer and the counts behind them, managers × categories."""
    n = len(pos)
    # A problem without a category cannot be matched with anyone's experience.
    r_who, r_cat, r_resolved = _columns(rows.raised, 3)
    r_m = _lookup(r_who, pos)
    r_ok = (r_m >= 0) & np.fromiter((c is not None for c in r_cat), bool, len(r_cat))
    h_who, h_cat, h_outcome, h_at = _columns(rows.handled, 4)
    h_m = _lookup(h_who, pos)
    h_o = _lookup(h_outcome, _OUTCOME_CODE)
    h_ok = (h_m >= 0) & (h_o >= 0) & np.fromiter((c is not None for c in h_cat), bool,
                                                 len(h_cat))
    categories = sorted(set(compress(r_cat, r_ok.tolist()))
                        | set(compress(h_cat, h_ok.tolist())))
    k = len(categories)
    code = dict(zip(categories, range(k)))

    resolved = np.fromiter(map(bool, r_resolved), bool, len(r_resolved))
    slot = (r_m * k + _lookup(r_cat, code)) * 2 + resolved
    raised_counts = np.bincount(slot[r_ok], minlength=n * k * 2).reshape(n, k, 2)

    keep = np.flatnonzero(h_ok)
    group = h_m[keep] * k + _lookup(compress(h_cat, h_ok.tolist()), code)
    outcome = h_o[keep]
    handled_counts = np.bincount(group * 3 + outcome, minlength=n * k * 3).reshape(n, k, 3)
    years = _years([h_at[i] for i in keep.tolist()])
    age = np.where(np.isnan(years), weights.undated_age_years, np.maximum(0.0, now_year - years))
    # 0.5 ** x in Python, once per distinct age: NumPy's SIMD power may differ in the last bit.
    ages, which = np.unique(age, return_inverse=True)
    decay = np.array([0.5 ** (a / weights.half_life_years) for a in ages.tolist()])
    outcome_weight = np.array([weights.resolved, weights.partly, weights.not_resolved])
    term = outcome_weight[outcome] * decay[which.ravel()]
    # Sums must not depend on row order. Up to two terms they cannot (x + y == y + x); a
    # larger group is added in the order of its rows' repr, whatever order they came in.
    sizes = np.bincount(group, minlength=n * k)
    big = np.flatnonzero(sizes[group] > 2)
    if len(big):
        handled = rows.handled
        big = sorted(big.tolist(), key=lambda i: repr(handled[keep[i]]))
        order = np.r_[np.flatnonzero(sizes[group] <= 2), big]
        group, term = group[order], term[order]
    offer = np.log1p(np.bincount(group, weights=term, minlength=n * k).reshape(n, k))
    need = np.log1p(weights.unresolved_need * raised_counts[:, :, 0]
                    + weights.resolved_need * raised_counts[:, :, 1])
    return need, offer, raised_counts, handled_counts, categories


def _years(values: list[Any]) -> np.ndarray:
    """:func:`year_of` of every value (nan for none); each distinct string is parsed once."""
    parsed = {v: year_of(v) for v in set(v for v in values if type(v) is str)}
    out = [parsed[v] if type(v) is str else year_of(v) for v in values]
    return np.array([math.nan if y is None else y for y in out], dtype=np.float64)


__all__ = ["OUTCOMES", "SuggestionIndex", "SuggestionWeights", "category_bits", "index_rows",
           "year_of"]
