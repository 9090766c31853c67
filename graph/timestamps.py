"""Moments as the graph stores them: ISO 8601 in UTC, to the second, with a ``Z``."""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    """This moment in the stored form, e.g. ``2026-03-05T09:30:00Z``."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


__all__ = ["now_iso"]
