"""Why a contact was suggested: structured reasons, and their rendering in plain English.

A reason is a small dict with a ``kind`` key, in this order for one suggestion: each shared
cohort, common contacts (count and the first ids), shared sessions (count and the first ids),
complementary experience (strongest category first), the experienced-peer bonus, and the
candidate's department. :func:`build_reasons` makes them for many pairs at once from the
arrays of :class:`~peernet.jobs.suggestion_index.SuggestionIndex`; :func:`describe_reason`
renders one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .suggestion_index import SuggestionIndex

# Only this many common-contact ids travel with a reason; ``count`` keeps the true total.
MAX_REASON_IDS = 10
_REASON_CHUNK = 20_000  # pairs per vectorised common-neighbour lookup


def build_reasons(index: SuggestionIndex, r: np.ndarray,
                  c: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
    """Reasons of each pair ``(r[i], c[i])`` of manager positions, as tuples of fresh dicts.

    Everything that can be is gathered per chunk with array operations (common neighbours
    are the intersection of two incidence rows); the loop per pair only slices ready-made
    lists and makes the dicts.
    """
    out: list[tuple[dict[str, Any], ...]] = []
    for lo in range(0, len(r), _REASON_CHUNK):
        out += _chunk_reasons(index, r[lo:lo + _REASON_CHUNK], c[lo:lo + _REASON_CHUNK])
    return out


def _chunk_reasons(idx: SuggestionIndex, rr: np.ndarray,
                   cc: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
    n, n_cohorts = len(idx.ids), len(idx.cohort_ids)
    common = idx.incidence[rr].multiply(idx.incidence[cc]).tocsr()
    common.sort_indices()
    # Columns are managers, then cohorts, then sessions: within a pair's sorted columns the
    # three kinds are consecutive runs, so two counts per pair locate them.
    cols = common.indices
    bounds = common.indptr
    below = np.r_[0, np.cumsum(cols < n)], np.r_[0, np.cumsum(cols < n + n_cohorts)]
    people_end = (bounds[:-1] + below[0][bounds[1:]] - below[0][bounds[:-1]]).tolist()
    cohort_end = (bounds[:-1] + below[1][bounds[1:]] - below[1][bounds[:-1]]).tolist()
    names = np.array(idx.ids + idx.cohort_ids + idx.session_ids, dtype=object)[cols].tolist()
    starts, ends = bounds[:-1].tolist(), bounds[1:].tolist()

    # Experience reasons: strongest category first, then by name (categories are sorted).
    contrib = idx.need[rr] * idx.offer[cc]
    pair, cat = np.nonzero(contrib > 0)
    order = np.lexsort((cat, -contrib[pair, cat], pair))
    pair, cat = pair[order], cat[order]
    done, asked = idx.handled_counts[cc[pair], cat], idx.raised_counts[rr[pair], cat]
    categories = idx.categories
    experience = [{"kind": "experience", "category": categories[k], "handled": a + b + d,
                   "resolved": a, "partly": b, "notResolved": d, "raised": u + v,
                   "unresolved": u}
                  for k, (a, b, d), (u, v) in zip(cat.tolist(), done.tolist(), asked.tolist())]
    exp_at = np.searchsorted(pair, np.arange(len(rr) + 1)).tolist()

    peer = ((idx.newness[rr] > 0) & (idx.seniority[cc] > 0)).tolist()
    years = idx.tenure[cc].tolist()
    department_ids = idx.department_ids
    n_departments = len(department_ids)
    departments = [department_ids[d] if d < n_departments else None
                   for d in idx.dept[cc].tolist()]
    out = []
    for i, lo in enumerate(starts):
        people, cohorts, hi = people_end[i], cohort_end[i], ends[i]
        reasons = [{"kind": "shared_cohort", "cohortId": z} for z in names[people:cohorts]]
        if people > lo:
            reasons.append({"kind": "common_contacts", "count": people - lo,
                            "ids": names[lo:min(people, lo + MAX_REASON_IDS)]})
        if hi > cohorts:
            reasons.append({"kind": "shared_sessions", "count": hi - cohorts,
                            "ids": names[cohorts:min(hi, cohorts + MAX_REASON_IDS)]})
        if exp_at[i + 1] > exp_at[i]:
            reasons += experience[exp_at[i]:exp_at[i + 1]]
        if peer[i]:
            reasons.append({"kind": "experienced_peer", "years": int(years[i])})
        reasons.append({"kind": "other_department", "departmentId": departments[i]})
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


__all__ = ["MAX_REASON_IDS", "build_reasons", "describe_reason"]
