"""Compute step of the ``retention`` job: which problems have outlived the retention period.

Pure: the loaded candidates and their cutoff in, the ids to anonymise out. :func:`cutoff`
turns a moment and a number of days into that cutoff; the load step (:mod:`.load`) uses it,
and so do the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..registry import Params


def cutoff(now: dt.datetime, days: int) -> str:
    """The ISO instant before which problems are anonymised (the stored ``createdAt``
    format, so strings compare in time order)."""
    return (now - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def compute(loaded: dict[str, Any], params: Params) -> list[str]:
    """Ids of the problems created before the cutoff, in id order."""
    return sorted(p["id"] for p in loaded["problems"] if p["createdAt"] < loaded["cutoff"])


__all__ = ["compute", "cutoff"]
