"""The ``suggest-contacts`` job: load the manager network, compute suggestions
(:mod:`peernet.jobs.suggestions`), write them back replacing the previous run."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from peernet.graph import suggestions as store
from peernet.graph.driver import Database

from .registry import Job, Params, register
from .suggestion_results import gc_paused
from .suggestions import NetworkRows, compute_suggestions, describe_reason


async def load(db: Database, params: Params) -> dict[str, Any]:
    return await store.load_rows(db)


def compute(loaded: dict[str, Any], params: Params) -> list[dict[str, Any]]:
    rows = NetworkRows(
        managers=loaded["managers"], contacts=loaded["contacts"],
        memberships=loaded["memberships"], attendance=loaded["attendance"],
        raised=loaded["raised"], handled=loaded["handled"], dismissed=loaded["dismissed"],
    )
    today = dt.date.today()
    now_year = params["now_year"] or today.year + (today.timetuple().tm_yday - 1) / 365.25
    chosen = compute_suggestions(rows, now_year=float(now_year), top_k=params["top_k"],
                                 method=params["method"])
    names = loaded["names"]
    # Suggestions and their reasons are built here, as they are read, in id order (see
    # SuggestionSet): ~10⁷ small objects at 100,000 managers, which the cyclic collector
    # would otherwise rescan again and again.
    with gc_paused():
        return [
            {
                "managerId": s.manager_id, "suggestedId": s.suggested_id, "rank": rank,
                "score": round(float(s.score), 6), "structural": round(float(s.structural), 6),
                "experience": round(float(s.experience), 6),
                # Rendered now, as text without people's names: reasons survive renames of
                # cohorts badly but never carry a third person's identity.
                "reasons": [describe_reason(r, names) for r in s.reasons],
            }
            for manager_id in sorted(chosen)
            for rank, s in enumerate(chosen[manager_id])
        ]


async def write(db: Database, rows: list[dict[str, Any]], params: Params) -> dict[str, int]:
    run_id = f"sugg-{uuid.uuid4().hex[:12]}"
    written = await store.replace_suggestions(db, run_id, rows)
    return {"suggestions": written, "managers": len({r["managerId"] for r in rows})}


JOB = register(Job(
    name="suggest-contacts",
    description="Suggest cross-department contacts (Adamic–Adar + complementary experience).",
    load=load, compute=compute, write=write,
    defaults={"top_k": 10, "method": "adamic_adar", "now_year": 0.0},
))

__all__ = ["JOB", "compute"]
