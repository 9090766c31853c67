"""The ``retention`` job's dry run: what a run now would anonymise — how many problems, the
oldest and newest of them — without writing anything, not even a job run. Used by
``peernet jobs run retention --dry-run`` and the ``retentionPreview`` query, which the admin
page asks before it runs retention."""

from __future__ import annotations

from peernet.domain.retention import RetentionPreview
from peernet.graph import retention as store
from peernet.graph.driver import Database

from .load import period


async def preview(db: Database, days: int = 0) -> RetentionPreview:
    """What ``retention`` with ``days`` (0: ``PEERNET_RETENTION_DAYS``) would anonymise now."""
    used, limit = period(days, field="days")
    found = await store.preview(db, before=limit)
    return RetentionPreview(days=used, cutoff=limit, problems=found["problems"],
                            oldest=found["oldest"], newest=found["newest"])


def describe(p: RetentionPreview) -> str:
    """One sentence for the terminal."""
    if not p.problems:
        return (f"Dry run: no problem created before {p.cutoff[:10]} (a retention period of "
                f"{p.days} days) still holds text; nothing would be anonymised. Nothing written.")
    oldest, newest = (p.oldest or "")[:10], (p.newest or "")[:10]
    span = f"on {oldest}" if oldest == newest else f"from {oldest} to {newest}"
    return (f"Dry run: would anonymise {p.problems:,} problems created before {p.cutoff[:10]} "
            f"(a retention period of {p.days} days), created {span}. Nothing written.")


__all__ = ["RetentionPreview", "describe", "preview"]
