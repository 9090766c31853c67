"""Write step of the ``suggest-contacts`` job: the computed rows replace the previous run's
suggestions in one go (:func:`peernet.graph.suggestion_store.replace_suggestions`). Used by
the job runner through the job's registration in :mod:`peernet.jobs.suggest_contacts`."""

from __future__ import annotations

import uuid
from typing import Any

from peernet.graph import suggestion_store as store
from peernet.graph.driver import Database

from ..registry import Params


async def write(db: Database, rows: list[dict[str, Any]], params: Params) -> dict[str, int]:
    run_id = f"sugg-{uuid.uuid4().hex[:12]}"
    written = await store.replace_suggestions(db, run_id, rows)
    return {"suggestions": written, "managers": len(rows)}


__all__ = ["write"]
