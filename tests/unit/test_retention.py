"""The retention job's pure steps."""

import datetime as dt

from peernet.jobs.retention.compute import compute, cutoff


def test_cutoff_is_in_the_stored_createdAt_format():
    now = dt.datetime(2026, 11, 27, 12, 0, 0, tzinfo=dt.UTC)
    assert cutoff(now, 365) == "2025-11-27T12:00:00Z"


def test_compute_picks_the_problems_created_before_the_cutoff():
    loaded = {"cutoff": "2021-01-01T00:00:00Z", "problems": [
        {"id": "p-3", "createdAt": "2020-12-31T23:59:59Z"},
        {"id": "p-1", "createdAt": "2019-05-01T10:00:00Z"},
        {"id": "p-2", "createdAt": "2021-01-01T00:00:00Z"},  # exactly at the cutoff: kept
    ]}
    assert compute(loaded, {"days": 0}) == ["p-1", "p-3"]
