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


class ReasonBuilder:
    """Makes the reasons of pairs of manager positions of one index, as tuples of fresh
    dicts, many pairs at a time.

    Everything that can be is done per chunk with array operations (common neighbours are
    the intersection of two incidence rows); Python only makes the dicts, one list
    comprehension per kind of reason, and joins them per pair.
    """

    def __init__(self, index: SuggestionIndex) -> None:
        self._idx = index
        # Names of the incidence columns: managers, then cohorts, then sessions.
        self._names = np.array(index.ids + index.cohort_ids + index.session_ids, dtype=object)
        self._departments = np.array(index.department_ids + [None] * len(index.ids),
                                     dtype=object)

    def __call__(self, r: np.ndarray, c: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
        out: list[tuple[dict[str, Any], ...]] = []
        for lo in range(0, len(r), _REASON_CHUNK):
            out += self._chunk(r[lo:lo + _REASON_CHUNK], c[lo:lo + _REASON_CHUNK])
        return out

    def _chunk(self, rr: np.ndarray, cc: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
        idx = self._idx
        n, n_cohorts = len(idx.ids), len(idx.cohort_ids)
        common = idx.incidence[rr].multiply(idx.incidence[cc]).tocsr()
        common.sort_indices()
        # Within a pair's sorted columns the three kinds are consecutive runs, so two counts
        # per pair locate them.
        cols, bounds = common.indices, common.indptr
        below = np.r_[0, np.cumsum(cols < n)], np.r_[0, np.cumsum(cols < n + n_cohorts)]
        people = bounds[:-1] + below[0][bounds[1:]] - below[0][bounds[:-1]]
        cohorts = bounds[:-1] + below[1][bounds[1:]] - below[1][bounds[:-1]]
        names = self._names[cols].tolist()
        starts, people, cohorts, ends = (a.tolist() for a in (bounds[:-1], people, cohorts,
                                                               bounds[1:]))
        is_cohort = (cols >= n) & (cols < n + n_cohorts)
        cohort_at = np.r_[0, np.cumsum(is_cohort)][bounds].tolist()
        cohort = [{"kind": "shared_cohort", "cohortId": z}
                  for z in self._names[cols[is_cohort]].tolist()]
        contacts = [({"kind": "common_contacts", "count": p - a,
                      "ids": names[a:min(p, a + MAX_REASON_IDS)]},) if p > a else ()
                    for a, p in zip(starts, people)]
        sessions = [({"kind": "shared_sessions", "count": e - h,
                      "ids": names[h:min(e, h + MAX_REASON_IDS)]},) if e > h else ()
                    for h, e in zip(cohorts, ends)]

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
                      for k, (a, b, d), (u, v) in zip(cat.tolist(), done.tolist(),
                                                      asked.tolist())]
        exp_at = np.searchsorted(pair, np.arange(len(rr) + 1)).tolist()

        peer = ((idx.newness[rr] > 0) & (idx.seniority[cc] > 0)).tolist()
        peers = [({"kind": "experienced_peer", "years": int(y)},) if p else ()
                 for p, y in zip(peer, idx.tenure[cc].tolist())]
        departments = [{"kind": "other_department", "departmentId": d}
                       for d in self._departments[idx.dept[cc]].tolist()]
        return [(*cohort[c0:c1], *cc_, *ss, *experience[e0:e1], *pp, dd)
                for c0, c1, cc_, ss, e0, e1, pp, dd in zip(
                    cohort_at, cohort_at[1:], contacts, sessions, exp_at, exp_at[1:], peers,
                    departments)]


def build_reasons(index: SuggestionIndex, r: np.ndarray,
                  c: np.ndarray) -> list[tuple[dict[str, Any], ...]]:
    """Reasons of each pair ``(r[i], c[i])`` of manager positions, as tuples of fresh dicts
    (see :class:`ReasonBuilder`, which to prefer for many calls on one index)."""
    return ReasonBuilder(index)(r, c)


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


__all__ = ["MAX_REASON_IDS", "ReasonBuilder", "build_reasons", "describe_reason"]
