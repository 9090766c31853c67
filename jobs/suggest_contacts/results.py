"""What :func:`~.scoring.compute_suggestions` returns; read by the job's compute step
(:mod:`.compute`), the benches and the unit tests.

Ten suggestions for each of 100,000 managers are a million objects and a few million reason
dicts; made eagerly they would cost more than the scoring itself. :class:`SuggestionSet` keeps
the chosen pairs and their scores as arrays and makes :class:`Suggestion` objects, reasons
included, when they are read — a run of managers at a time, so reading every manager in id
order builds each reason once, in bulk. The job needs neither: it takes the pairs as columns
and their reasons as text (:meth:`SuggestionSet.columns`, :meth:`SuggestionSet.reason_texts`).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from .index import SuggestionIndex
from .reasons import ReasonBuilder, ReasonTexts

# Managers whose suggestions are built together when one of them is read.
_RUN = 512


@dataclass(frozen=True)
class Suggestion:
    """One suggested contact: ``score = structural·w + experience·w + peer_bonus``.

    ``structural`` is the raw AA/RA sum, ``experience`` the raw need·offer sum (both before
    weighting); ``peer_bonus`` is already weighted. ``reasons`` are plain dicts with a
    ``kind`` key, rendered by :func:`~peernet.jobs.suggest_contacts.reasons.describe_reason`.
    """

    manager_id: str
    suggested_id: str
    score: float
    structural: float
    experience: float
    peer_bonus: float
    reasons: tuple[dict[str, Any], ...] = ()

    @classmethod
    def _make(cls, manager_id: str, suggested_id: str, score: float, structural: float,
              experience: float, peer_bonus: float,
              reasons: tuple[dict[str, Any], ...]) -> Suggestion:
        """The same object as ``Suggestion(...)``, at a third of the cost: a frozen
        dataclass's ``__init__`` calls ``object.__setattr__`` once per field."""
        made = object.__new__(cls)
        object.__setattr__(made, "__dict__", {
            "manager_id": manager_id, "suggested_id": suggested_id, "score": score,
            "structural": structural, "experience": experience, "peer_bonus": peer_bonus,
            "reasons": reasons})
        return made


class SuggestionColumns(NamedTuple):
    """The suggestions of a :class:`SuggestionSet` as parallel columns."""

    manager_ids: list[str]
    suggested_ids: list[str]
    ranks: np.ndarray  # 0 for a manager's best
    score: np.ndarray
    structural: np.ndarray
    experience: np.ndarray
    peer_bonus: np.ndarray


class SuggestionSet(Mapping[str, list[Suggestion]]):
    """Manager id → its suggestions by score descending, ties by suggested id.

    A read-only mapping with every manager as a key. The pairs are held as arrays, ordered by
    manager and then rank; ``set[manager_id]`` builds that manager's list (and those of the
    managers next to it in id order, kept until another run is read). Iterate in id order
    (``sorted(s)``, ``s.items()``) to build every list once.
    """

    def __init__(self, index: SuggestionIndex, rows: np.ndarray, cols: np.ndarray,
                 score: np.ndarray, structural: np.ndarray, experience: np.ndarray,
                 peer_bonus: np.ndarray) -> None:
        self._index = index
        self._rows, self._cols = rows, cols
        self._values = (score, structural, experience, peer_bonus)
        self._starts = np.searchsorted(rows, np.arange(len(index.ids) + 1)).tolist()
        self._run: tuple[int, list[list[Suggestion]]] = (-1, [])
        self._reasons: ReasonBuilder | None = None

    def __getitem__(self, manager_id: str) -> list[Suggestion]:
        i = self._position(manager_id)
        first, lists = self._run
        if not first <= i < first + len(lists):
            first = i - i % _RUN
            lists = self._build(first, min(first + _RUN, len(self)))
            self._run = first, lists
        return list(lists[i - first])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.ids)

    def __len__(self) -> int:
        return len(self._index.ids)

    def __contains__(self, manager_id: object) -> bool:
        try:
            self._position(manager_id)
        except KeyError:
            return False
        return True

    def _position(self, manager_id: object) -> int:
        ids = self._index.ids
        if not isinstance(manager_id, str):  # not comparable with the ids: not one of them
            raise KeyError(manager_id)
        i = bisect.bisect_left(ids, manager_id)
        if i == len(ids) or ids[i] != manager_id:
            raise KeyError(manager_id)
        return i

    def __repr__(self) -> str:
        return f"<SuggestionSet: {len(self._rows)} suggestions for {len(self)} managers>"

    @property
    def pairs(self) -> int:
        """How many suggestions there are in all."""
        return len(self._rows)

    def columns(self) -> SuggestionColumns:
        """Every suggestion as arrays, in order (by manager id, then rank): what the
        :class:`Suggestion` objects hold, without making them."""
        ids = self._index.ids
        score, structural, experience, peer_bonus = self._values
        first = np.asarray(self._starts)[self._rows]
        return SuggestionColumns(
            list(map(ids.__getitem__, self._rows.tolist())),
            list(map(ids.__getitem__, self._cols.tolist())),
            np.arange(len(self._rows)) - first, score, structural, experience, peer_bonus)

    def reason_texts(self, lookup: Mapping[str, str] | None = None) -> list[list[str]]:
        """Every suggestion's reasons as text, in the order of :meth:`columns`: what
        ``[describe_reason(r, lookup) for r in s.reasons]`` gives, without making the
        reasons (see :class:`~peernet.jobs.suggest_contacts.reasons.ReasonTexts`)."""
        return ReasonTexts(self._index, lookup)(self._rows, self._cols)

    def _build(self, first: int, stop: int) -> list[list[Suggestion]]:
        lo, hi = self._starts[first], self._starts[stop]
        r, c = self._rows[lo:hi], self._cols[lo:hi]
        if self._reasons is None:
            self._reasons = ReasonBuilder(self._index)
        ids = self._index.ids
        with gc_paused():
            made = list(map(Suggestion._make, map(ids.__getitem__, r.tolist()),
                            map(ids.__getitem__, c.tolist()),
                            *(v[lo:hi].tolist() for v in self._values), self._reasons(r, c)))
        return [made[self._starts[m] - lo:self._starts[m + 1] - lo] for m in range(first, stop)]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while making many acyclic objects (its passes over a heap
    of millions of objects are wasted on them); nested pauses leave it to the outermost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["Suggestion", "SuggestionColumns", "SuggestionSet", "gc_paused"]
