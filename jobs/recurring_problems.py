"""The ``recurring-problems`` job: group reports of the same underlying problem
(:mod:`peernet.jobs.recurring`), flag those spanning many departments or reports, and store
them for the sponsors' board, keeping each group's escalations across runs."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from peernet.graph import recurring_store as store
from peernet.graph.driver import Database

from .recurring import carry_keys, find_recurring, group_problems
from .registry import Job, Params, register


async def load(db: Database, params: Params) -> dict[str, Any]:
    return {"reports": await store.load_reports(db), "previous": await store.load_groups(db)}


def _public_terms(terms: tuple[str, ...], members: list[dict[str, Any]], category: str | None) -> list[str]:
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


async def write(db: Database, rows: list[dict[str, Any]], params: Params) -> dict[str, int]:
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    changed = await store.replace_groups(db, rows, at)
    return {"recurring": len(rows), "reports": sum(r["reports"] for r in rows),
            "membershipsRemoved": changed["removed"], "membershipsAdded": changed["added"]}


JOB = register(Job(
    name="recurring-problems",
    description="Group similar problem reports and flag those recurring across departments.",
    load=load, compute=compute, write=write,
    defaults={"min_departments": 3, "min_reports": 5, "window_days": 365},
))

__all__ = ["JOB", "compute"]
