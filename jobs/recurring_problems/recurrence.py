"""Which problem groups recur: the recurrence rules of the ``recurring-problems`` job.

A group recurs when, inside a window of days up to a date, its reports come from at least so
many departments or number at least so many. :func:`find_recurring` is called by the job's
compute step (:mod:`.compute`), by ``bench/eval_recurring.py`` and by the unit tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .groups import ProblemGroup, _iso, _parse_time


@dataclass(frozen=True)
class RecurringProblem:
    """A group that met a recurrence rule inside the window ``[window_start, window_end]``."""

    group: ProblemGroup
    reports_in_window: int
    departments_in_window: tuple[str, ...]
    reasons: tuple[str, ...]  # "departments" and/or "reports"
    window_start: str
    window_end: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group.to_dict(),
            "reportsInWindow": self.reports_in_window,
            "departmentsInWindow": list(self.departments_in_window),
            "reasons": list(self.reasons),
            "windowStart": self.window_start,
            "windowEnd": self.window_end,
        }


def find_recurring(
    groups: Iterable[ProblemGroup],
    *,
    min_departments: int = 3,
    min_reports: int = 5,
    window_days: int = 365,
    as_of: datetime | date | str | None = None,
) -> list[RecurringProblem]:
    """Groups with ``>= min_departments`` departments or ``>= min_reports`` reports in the window.

    The window is the ``window_days`` up to and including ``as_of`` (default: the newest
    report of any group, so that a rerun on the same data gives the same answer rather
    than one that depends on the clock). Both rules count only reports inside the window:
    a problem that was common two years ago and is quiet now is not recurring.

    Returns
    -------
    list of RecurringProblem
        Most reports in the window first, then most departments, then key.
    """
    groups = list(groups)
    if as_of is None:
        moments = [m.created_at for g in groups for m in g.members]
        if not moments:
            return []
        end = max(moments)
    else:
        end = _parse_time(as_of)
        if not isinstance(as_of, datetime) and len(str(as_of)) <= 10:
            end = end + timedelta(days=1) - timedelta(microseconds=1)  # the whole day
    start = end - timedelta(days=window_days)
    found = []
    for group in groups:
        inside = [m for m in group.members if start <= m.created_at <= end]
        departments = tuple(sorted({m.department_id for m in inside if m.department_id}))
        reasons = []
        if len(departments) >= min_departments:
            reasons.append("departments")
        if len(inside) >= min_reports:
            reasons.append("reports")
        if reasons:
            found.append(
                RecurringProblem(group, len(inside), departments, tuple(reasons),
                                 _iso(start), _iso(end))
            )
    return sorted(found, key=lambda r: (-r.reports_in_window, -len(r.departments_in_window),
                                        r.group.key))


__all__ = ["RecurringProblem", "find_recurring"]
