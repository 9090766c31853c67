"""The sponsors' board: recurring problems with spread and trend, escalation and actions,
CSV, print; managers are not permitted (the API says FORBIDDEN)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from peernet.jobs.runner import run_job
from tests.conftest import _with_db, cypher, reseed

from .conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    off_loop,
    pdf_pages,
    screenshot,
    wait_ready,
)


@pytest.fixture(scope="module")
def recurring_computed(live_server):
    off_loop(asyncio.run, _with_db(lambda db: run_job(db, "recurring-problems")))
    yield
    off_loop(asyncio.run, _with_db(reseed))


def test_a_manager_is_not_permitted(pages, recurring_computed):
    page = pages.sign_in("manager")
    assert "Sponsortavlan" not in page.locator("#site-nav").inner_text()
    page.goto("/board")
    wait_ready(page, "/board")
    assert page.locator("[data-notice=FORBIDDEN]").count() == 1
    assert page.locator("#board-results table").count() == 0


def test_the_it_support_complaints_are_a_recurring_problem_across_departments(
    pages, recurring_computed
):
    page = pages.sign_in("sponsor", next_path="/board")
    rows = page.locator("#board-results table tbody tr")
    assert rows.count() >= 1
    it_row = rows.filter(has_text="IT")
    assert it_row.count() >= 1
    departments = int(it_row.first.locator("td").nth(1).inner_text().split(":")[0])
    assert departments >= 3
    assert it_row.first.locator("svg.sparkline rect").count() >= 1
    with page.expect_download() as download:
        page.click('button[data-csv="recurring-problems"]')
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Problem,Rapporter,Förvaltningar")
    assert len(lines) - 1 == rows.count()


SWEDISH_CATEGORY = {
    "STAFF_REASSIGNMENT": "Omplacering", "SICK_LEAVE": "Sjukskrivning och hälsa",
    "SUBSTANCE_ABUSE": "Missbruk", "BUDGET": "Budget", "CONFLICT": "Konflikt",
    "IT_SUPPORT": "IT-stöd", "OTHER": "Övrigt",
}


def test_a_group_without_words_everyone_may_read_is_named_by_its_category(
    pages, recurring_computed
):
    # The job labels such a group with its category's (English) name, never with words that
    # only confidential reports contain; the Swedish page names the category in Swedish.
    named = off_loop(
        cypher,
        "MATCH (g:RecurringProblem) WHERE g.active AND size(g.departments) >= 3 "
        "AND g.label = toLower(replace(g.category, '_', ' ')) "
        "RETURN g.label AS label, g.category AS category ORDER BY g.id",
    )
    assert named, "the demo data has a recurring group of confidential reports only"
    page = pages.sign_in("sponsor", next_path="/board")
    table = page.locator("#board-results table").inner_text()
    for group in named:
        assert SWEDISH_CATEGORY[group["category"]] in table
        assert group["label"] not in table


def test_a_sponsor_escalates_and_records_an_action(pages, recurring_computed):
    page = pages.sign_in("sponsor", next_path="/board")
    card = page.locator(".problem-card").filter(has_text="IT").first
    card.get_by_role("button", name="Eskalera till ledningsgruppen").click()
    card.locator(".escalate-form textarea").fill("Tas upp i ledningsgruppen i maj.")
    card.locator(".escalate-form button[type=submit]").click()
    page.locator("main [role=status]", has_text="är eskalerat").wait_for()
    card = page.locator(".problem-card").filter(has_text="IT").first
    card.locator(".history", has_text="Tas upp i ledningsgruppen i maj.").wait_for()

    card.get_by_role("button", name="Registrera åtgärd").click()
    card.locator(".action-form input").fill("Arbetsgrupp för IT-stöd")
    card.locator(".action-form select").select_option("IN_PROGRESS")
    card.locator(".action-form button[type=submit]").click()
    page.locator("main [role=status]", has_text="är sparad").wait_for()
    # The summary table is rebuilt by the reload that precedes the announcement.
    assert "Arbetsgrupp för IT-stöd" in page.locator("#board-results table").inner_text()


def test_board_is_accessible_prints_to_two_pages_and_is_photographed(pages, recurring_computed):
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page = pages.sign_in("sponsor", viewport=viewport, next_path="/board")
        assert_accessible(page, f"board ({suffix})")
        screenshot(page, f"board-{suffix}")
    assert pdf_pages(page) <= 2
