"""Why a contact was suggested: structured reasons, and their rendering in plain English.

A reason is a small dict with a ``kind`` key, in this order for one suggestion: each shared
cohort, common contacts (count and the first ids), shared sessions (count and the first ids),
complementary experience (strongest category first), the experienced-peer bonus, and the
candidate's department. :func:`build_reasons` makes them for many pairs at once from the
arrays of :class:`~.index.SuggestionIndex`; :func:`describe_reason` renders one;
:class:`ReasonTexts` renders those of many pairs without making them (what the job stores).
Used by :mod:`.results` (reasons made when read) and the unit tests, which check that the
web pages translate every sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .index import SuggestionIndex

# Only this many common-contact ids travel with a reason; ``count`` keeps the true total.
MAX_REASON_IDS = 10
_REASON_CHUNK = 20_000  # pairs per vectorised common-neighbour lookup


@dataclass(frozen=True)
class _Parts:
    """What the reasons of a chunk of pairs are made of, as arrays; pair ``p``'s reasons
    come from ``cols[bounds[p]:bounds[p + 1]]`` (its common neighbours: contacts, then
    cohorts, then sessions), ``exp_cat[exp_at[p]:exp_at[p + 1]]`` and row ``p`` of the
    rest."""

    cols: np.ndarray  # common-neighbour columns, sorted within a pair
    bounds: np.ndarray
    people: np.ndarray  # end of the pair's contacts in ``cols``
    cohorts: np.ndarray  # end of its cohorts
    exp_cat: np.ndarray  # needed categories the candidate handled, strongest first
    exp_at: np.ndarray
    done: np.ndarray  # per experience reason: handled RESOLVED, PARTLY, NOT_RESOLVED
    asked: np.ndarray  # per experience reason: raised unresolved, resolved
    peer: np.ndarray  # bool: the experienced-peer bonus applies
    years: np.ndarray  # the candidate's tenure
    dept: np.ndarray  # the candidate's department code


def _parts(idx: SuggestionIndex, rr: np.ndarray, cc: np.ndarray) -> _Parts:
    n, n_cohorts = len(idx.ids), len(idx.cohort_ids)
    common = idx.incidence[rr].multiply(idx.incidence[cc]).tocsr()
    common.sort_indices()
    # Within a pair's sorted columns the three kinds are consecutive runs, so two counts
    # per pair locate them.
    cols, bounds = common.indices, common.indptr
    below_n = np.r_[0, np.cumsum(cols < n)][bounds]
    below_sessions = np.r_[0, np.cumsum(cols < n + n_cohorts)][bounds]
    # Experience reasons: strongest category first, then by name (categories are sorted).
    contrib = idx.need[rr] * idx.offer[cc]
    pair, cat = np.nonzero(contrib > 0)
    order = np.lexsort((cat, -contrib[pair, cat], pair))
    pair, cat = pair[order], cat[order]
    return _Parts(
        cols, bounds, bounds[:-1] + np.diff(below_n), bounds[:-1] + np.diff(below_sessions),
        cat, np.searchsorted(pair, np.arange(len(rr) + 1)),
        idx.handled_counts[cc[pair], cat], idx.raised_counts[rr[pair], cat],
        (idx.newness[rr] > 0) & (idx.seniority[cc] > 0), idx.tenure[cc], idx.dept[cc])


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
            out += self._chunk(_parts(self._idx, r[lo:lo + _REASON_CHUNK],
                                      c[lo:lo + _REASON_CHUNK]))
        return out

    def _chunk(self, p: _Parts) -> list[tuple[dict[str, Any], ...]]:
        n, n_cohorts = len(self._idx.ids), len(self._idx.cohort_ids)
        names = self._names[p.cols].tolist()
        starts, people, cohorts, ends = (a.tolist() for a in (p.bounds[:-1], p.people,
                                                               p.cohorts, p.bounds[1:]))
        is_cohort = (p.cols >= n) & (p.cols < n + n_cohorts)
        cohort_at = np.r_[0, np.cumsum(is_cohort)][p.bounds].tolist()
        cohort = [{"kind": "shared_cohort", "cohortId": z}
                  for z in self._names[p.cols[is_cohort]].tolist()]
        contacts = [({"kind": "common_contacts", "count": e - a,
                      "ids": names[a:min(e, a + MAX_REASON_IDS)]},) if e > a else ()
                    for a, e in zip(starts, people)]
        sessions = [({"kind": "shared_sessions", "count": e - h,
                      "ids": names[h:min(e, h + MAX_REASON_IDS)]},) if e > h else ()
                    for h, e in zip(cohorts, ends)]
        categories = self._idx.categories
        experience = [{"kind": "experience", "category": categories[k], "handled": a + b + d,
                       "resolved": a, "partly": b, "notResolved": d, "raised": u + v,
                       "unresolved": u}
                      for k, (a, b, d), (u, v) in zip(p.exp_cat.tolist(), p.done.tolist(),
                                                      p.asked.tolist())]
        exp_at = p.exp_at.tolist()
        peers = [({"kind": "experienced_peer", "years": int(y)},) if on else ()
                 for on, y in zip(p.peer.tolist(), p.years.tolist())]
        departments = [{"kind": "other_department", "departmentId": d}
                       for d in self._departments[p.dept].tolist()]
        return [(*cohort[c0:c1], *cc_, *ss, *experience[e0:e1], *pp, dd)
                for c0, c1, cc_, ss, e0, e1, pp, dd in zip(
                    cohort_at, cohort_at[1:], contacts, sessions, exp_at, exp_at[1:], peers,
                    departments)]


class ReasonTexts:
    """The reasons of pairs of manager positions rendered as text, what
    ``[describe_reason(r, lookup) for r in reasons]`` gives for each pair, without making the
    reasons: each distinct reason is rendered once (by :func:`describe_reason`) and the
    texts are placed into each pair's list by array operations.

    The job stores ~4 reasons for each of 10 suggestions per manager, but there are only a
    few hundred distinct texts (departments, cohorts, small counts).
    """

    def __init__(self, index: SuggestionIndex, lookup: Mapping[str, str] | None = None) -> None:
        self._idx = index
        self._lookup = lookup
        self._cached: dict[str, dict[Any, str]] = {}

    def __call__(self, r: np.ndarray, c: np.ndarray) -> list[list[str]]:
        out: list[list[str]] = []
        for lo in range(0, len(r), _REASON_CHUNK):
            out += self._chunk(_parts(self._idx, r[lo:lo + _REASON_CHUNK],
                                      c[lo:lo + _REASON_CHUNK]))
        return out

    def _texts(self, kind: str, keys: list[Any], reason: Callable[[Any], dict[str, Any]]
               ) -> list[str]:
        """Texts of reasons of one kind, rendered once per distinct key."""
        cached = self._cached.setdefault(kind, {})
        for key in set(keys) - cached.keys():
            cached[key] = describe_reason(reason(key), self._lookup)
        return list(map(cached.__getitem__, keys))

    def _chunk(self, p: _Parts) -> list[list[str]]:
        idx = self._idx
        n, n_cohorts = len(idx.ids), len(idx.cohort_ids)
        starts, ends = p.bounds[:-1], p.bounds[1:]
        n_cohort = p.cohorts - p.people
        has_contacts = (p.people > starts).astype(np.int64)
        has_sessions = (ends > p.cohorts).astype(np.int64)
        peer = p.peer.astype(np.int64)
        n_exp = np.diff(p.exp_at)
        sizes = n_cohort + has_contacts + has_sessions + n_exp + peer + 1
        first = np.r_[0, np.cumsum(sizes)]
        flat = np.empty(first[-1], dtype=object)

        def place(offset: np.ndarray | int, counts: np.ndarray, texts: list[str]) -> None:
            """Put ``counts[p]`` texts of pair ``p`` at its slots ``offset[p]`` onwards."""
            pair = np.repeat(np.arange(len(counts)), counts)
            rank = np.arange(len(pair)) - np.repeat(np.cumsum(counts) - counts, counts)
            flat[(first[:-1] + offset)[pair] + rank] = texts

        # In the order of ReasonBuilder: cohorts, contacts, sessions, experience, peer, and
        # the department last.
        cohort_cols = p.cols[(p.cols >= n) & (p.cols < n + n_cohorts)].tolist()
        place(0, n_cohort, self._texts("shared_cohort", cohort_cols, lambda col: {
            "kind": "shared_cohort", "cohortId": idx.cohort_ids[col - n]}))
        counts = (p.people - starts)[p.people > starts].tolist()
        place(n_cohort, has_contacts, self._texts("common_contacts", counts, lambda k: {
            "kind": "common_contacts", "count": k, "ids": []}))
        counts = (ends - p.cohorts)[ends > p.cohorts].tolist()
        place(n_cohort + has_contacts, has_sessions, self._texts("shared_sessions", counts,
                                                                 lambda k: {
            "kind": "shared_sessions", "count": k, "ids": []}))
        keys = list(zip(p.exp_cat.tolist(), *p.done.T.tolist()))
        place(n_cohort + has_contacts + has_sessions, n_exp, self._texts("experience", keys,
                                                                         lambda key: {
            "kind": "experience", "category": idx.categories[key[0]],
            "handled": key[1] + key[2] + key[3], "resolved": key[1], "partly": key[2],
            "notResolved": key[3]}))
        years = p.years[p.peer].astype(np.int64).tolist()
        place(sizes - 2, peer, self._texts("experienced_peer", years, lambda y: {
            "kind": "experienced_peer", "years": y}))
        place(sizes - 1, np.ones(len(sizes), dtype=np.int64), self._texts(
            "other_department", p.dept.tolist(), lambda d: {
                "kind": "other_department",
                "departmentId": idx.department_ids[d] if d < len(idx.department_ids) else None}))
        texts = flat.tolist()
        return [texts[a:b] for a, b in zip(first[:-1].tolist(), first[1:].tolist())]


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


__all__ = ["MAX_REASON_IDS", "ReasonBuilder", "ReasonTexts", "build_reasons", "describe_reason"]
