"""Compute step of the ``recurring-problems`` job: the loaded reports and the previous run's
groups in, one plain row per recurring group out, ready for :mod:`.write`.

Groups the reports (:func:`.groups.group_problems`), keeps those meeting a recurrence rule
(:func:`.recurrence.find_recurring`), carries the previous run's keys over
(:func:`.groups.carry_keys`) and labels each group with words a sponsor may see. Called by
the job runner (:mod:`peernet.jobs.runner`) and the unit tests.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..registry import Params
from .groups import carry_keys, group_problems
from .recurrence import find_recurring


def _public_terms(
    terms: tuple[str, ...], members: list[dict[str, Any]], category: str | None
) -> list[str]:
    """Label terms that also occur in a non-confidential report of the group: a label is
    shown to every sponsor and must not carry words only a confidential report contains."""
    open_text = " ".join(
        f"{m['title']} {m['description']}".lower() for m in members if not m["confidential"]
    )
    kept = [t for t in terms if re.search(re.escape(t.lower()), open_text)]
    return kept or [(category or "OTHER").replace("_", " ").lower()]


def compute(loaded: dict[str, Any], params: Params) -> list[dict[str, Any]]:
    reports = loaded["reports"]
    by_id = {r["id"]: r for r in reports}
    groups = group_problems(reports)  # reads only the fields it needs; no copies
    flagged = find_recurring(
        groups, min_departments=params["min_departments"], min_reports=params["min_reports"],
        window_days=params["window_days"],
    )
    # carry_keys, not a bare key lookup: when a group splits, the part that keeps the old
    # key and the part founded by the same report would otherwise share one key.
    carried = carry_keys([f.group for f in flagged], loaded["previous"])
    rows = []
    for item, g in zip(flagged, carried):
        members = [by_id[i] for i in g.member_ids]
        terms = _public_terms(g.terms, members, g.category)
        rows.append({
            "id": g.key, "label": ", ".join(terms), "terms": terms,
            "reports": g.reports, "departments": list(g.departments), "cohorts": list(g.cohorts),
            "category": g.category, "firstSeen": g.first_seen, "lastSeen": g.last_seen,
            "trend": json.dumps([{"quarter": q.quarter, "count": q.count} for q in g.trend]),
            "members": list(g.member_ids), "reasons": list(item.reasons),
        })
    return rows


__all__ = ["compute"]
