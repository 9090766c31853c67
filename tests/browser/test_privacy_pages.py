"""Issue 11 on the pages: the board names no small group and says how many it left unnamed,
its CSV cannot carry a spreadsheet formula, and sign-in never sends anyone off the origin."""

from __future__ import annotations

import asyncio
import csv
from urllib.parse import urlsplit

import pytest

from tests.conftest import _with_db, reseed
from tests.e2e.test_min_group_size import _plant

from .conftest import off_loop, wait_ready, write_cypher

FORMULA = '=HYPERLINK("https://evil.example","Klicka")'


@pytest.fixture(scope="module")
def planted(live_server):
    off_loop(_plant)
    write_cypher("MATCH (g:RecurringProblem {id: 't-g'}) SET g.label = $label", label=FORMULA)
    yield
    off_loop(asyncio.run, _with_db(reseed))


def test_the_board_counts_unnamed_departments_and_its_csv_holds_no_formula(pages, planted):
    page = pages.sign_in("sponsor", next_path="/board")
    row = page.locator("#board-results table tbody tr").filter(has_text="HYPERLINK")
    cells = row.locator("td").all_inner_texts()
    # Four departments in all: t-dC named, three counted as other (docs/privacy.md).
    assert "4: t-dC, 3 övriga" in cells
    assert "t-dB" not in page.locator("#board-results").inner_text()
    card = page.locator(".problem-card", has_text="HYPERLINK")
    assert card.locator(".other-groups").count() == 1
    assert "2 konfidentiella rapporter" in card.locator(".suppressed").inner_text()

    with page.expect_download() as download:
        page.click('button[data-csv="recurring-problems"]')
    with open(download.value.path(), encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    [line] = [r for r in table if "HYPERLINK" in r["Problem"]]
    assert line["Problem"] == "'" + FORMULA
    assert line["Förvaltningar"] == "t-dC"
    assert line["Övriga förvaltningar"] == "3"
    assert line["Rapporter"] == "10"
    assert not any(v.startswith(("=", "+", "@")) for r in table for v in r.values())


def test_sign_in_refuses_a_next_that_leaves_the_origin(pages):
    page = pages.new()
    page.goto("/signin?next=/%5Cevil.example")
    page.wait_for_selector('body[data-ready="/signin"]')
    page.click('button[data-role="manager"]')
    wait_ready(page, "/find")
    assert urlsplit(page.url).netloc == urlsplit(pages.base_url).netloc
    assert urlsplit(page.url).path == "/find"
