"""Compute step of the ``suggest-contacts`` job: the loaded rows and the job's parameters
in, one plain row per manager out, ready for :mod:`.write`. The scoring itself is
:func:`.scoring.compute_suggestions`; this step picks the year, renders the reasons as text
and rounds the figures. Called by the job runner (:mod:`peernet.jobs.runner`) and by
``bench/bench_suggestions.py``."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np

from ..registry import Params
from .results import gc_paused
from .rows import NetworkRows
from .scoring import compute_suggestions


def compute(loaded: dict[str, Any], params: Params) -> list[dict[str, Any]]:
    """One entry per manager with suggestions: ``managerId`` and, best first, parallel lists
    ``suggestedIds``, ``scores``, ``structural``, ``experience`` (rounded to 6 places) and
    ``reasons`` (each a list of texts)."""
    rows = NetworkRows(
        managers=loaded["managers"], contacts=loaded["contacts"],
        memberships=loaded["memberships"], attendance=loaded["attendance"],
        raised=loaded["raised"], handled=loaded["handled"], dismissed=loaded["dismissed"],
    )
    today = dt.date.today()
    now_year = params["now_year"] or today.year + (today.timetuple().tm_yday - 1) / 365.25
    chosen = compute_suggestions(rows, now_year=float(now_year), top_k=params["top_k"],
                                 method=params["method"])
    # Reasons are rendered now, as text without people's names: they survive renames of
    # cohorts badly but never carry a third person's identity. Columns, not one object per
    # suggestion: a million suggestions at 100,000 managers.
    with gc_paused():
        columns = chosen.columns()
        reasons = chosen.reason_texts(loaded["names"])
        score, structural, experience = (rounded(values, 6) for values in (
            columns.score, columns.structural, columns.experience))
        first = [*(columns.ranks == 0).nonzero()[0].tolist(), len(reasons)]
        return [
            {"managerId": columns.manager_ids[a], "suggestedIds": columns.suggested_ids[a:b],
             "scores": score[a:b], "structural": structural[a:b],
             "experience": experience[a:b], "reasons": reasons[a:b]}
            for a, b in itertools.pairwise(first)
        ]


def rounded(values: np.ndarray, digits: int) -> list[float]:
    """``[round(float(v), digits) for v in values]``, in bulk.

    ``round`` gives the double nearest ``k · 10^-digits`` for the integer ``k`` nearest
    ``v · 10^digits`` computed exactly; ``k / 10^digits`` is that double too (both operands
    are exact, so IEEE division rounds the exact quotient). Only ``k`` can differ, where the
    scaled value, off by half an ulp, lies next to a half: those few go through ``round``.
    """
    values = np.asarray(values, dtype=np.float64)
    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):  # inf and nan go through round
        scaled = values * scale
        out = np.rint(scaled) / scale
        doubtful = np.flatnonzero((np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5)
                                   <= 4 * np.spacing(np.abs(scaled))) | ~np.isfinite(scaled))
    out[doubtful] = [round(v, digits) for v in values[doubtful].tolist()]
    as_floats: list[float] = out.tolist()
    return as_floats


__all__ = ["compute", "rounded"]
