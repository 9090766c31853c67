"""The admin page asks before it runs retention or every job, naming what will happen;
cancelling writes nothing, confirming runs."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from peernet.config import get_settings
from peernet.jobs import registry
from peernet.jobs.retention.compute import cutoff
from tests.conftest import _with_db, cypher, reseed

from .conftest import off_loop

OLD = """MATCH (p:Problem) WHERE p.createdAt < $before AND p.anonymisedAt IS NULL
         RETURN count(p) AS n"""
ANONYMISED = "MATCH (p:Problem) WHERE p.anonymisedAt IS NOT NULL RETURN count(p) AS n"
RUNS = "MATCH (r:JobRun) RETURN r.job AS job, r.params AS params ORDER BY r.startedAt"


@pytest.fixture(autouse=True)
def plain_demo(live_server):
    """Each test starts from the demo data and leaves it as it was."""
    off_loop(asyncio.run, _with_db(reseed))
    yield
    off_loop(asyncio.run, _with_db(reseed))


def _old_problems() -> int:
    before = cutoff(dt.datetime.now(dt.UTC), get_settings().retention_days)
    return off_loop(cypher, OLD, before=before)[0]["n"]


def _answer(page, accept: bool) -> list[str]:
    """Answer the next dialog; returns the list its message will be put in."""
    seen: list[str] = []

    def handle(dialog) -> None:
        seen.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", handle)
    return seen


def test_cancelling_retention_writes_nothing_and_confirming_runs_it(pages):
    old = _old_problems()
    assert old > 0
    page = pages.sign_in("admin", next_path="/admin")
    row = page.locator('#jobs-table tr[data-job="retention"]')

    asked = _answer(page, accept=False)
    row.locator("button.run-job").click()
    page.locator("#section-jobs [role=status]", has_text="Inget kördes.").wait_for()
    assert len(asked) == 1 and f"Anonymisera {old} problem skapade före" in asked[0]
    assert off_loop(cypher, ANONYMISED)[0]["n"] == 0
    assert off_loop(cypher, RUNS) == []

    asked = _answer(page, accept=True)
    row.locator("button.run-job").click()
    row.locator(".run-status").filter(has_text="klart").wait_for(timeout=30_000)
    assert len(asked) == 1
    assert off_loop(cypher, ANONYMISED)[0]["n"] == old
    assert [r["job"] for r in off_loop(cypher, RUNS)] == ["retention"]


def test_run_all_jobs_names_them_and_cancelling_runs_none(pages):
    page = pages.sign_in("admin", next_path="/admin")
    asked = _answer(page, accept=False)
    page.locator("#run-all-jobs").click()
    page.locator("#section-jobs [role=status]", has_text="Inget kördes.").wait_for()
    assert len(asked) == 1
    names = [job.name for job in registry.all_jobs()]
    assert asked[0].startswith("Köra alla jobb: " + ", ".join(sorted(names)))
    assert "Anonymisera" in asked[0]  # retention, one of them, says what it will remove
    assert off_loop(cypher, RUNS) == []
    assert off_loop(cypher, ANONYMISED)[0]["n"] == 0
    assert not page.locator("#run-all-jobs").is_disabled()
