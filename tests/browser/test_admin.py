"""The admin dashboard: only admins get it (the API says FORBIDDEN to others), the network
picture, isolated managers, a cohort's before/after, CSV, jobs with progress, and print."""

from __future__ import annotations

import re
import time

import pytest

from peernet.jobs import registry
from tests.conftest import cypher

from .conftest import (
    DESKTOP, MOBILE, assert_accessible, needs_field, off_loop, pdf_pages, screenshot,
    wait_ready, write_cypher,
)


@pytest.fixture(scope="module")
def admin_page(pages_module):
    return pages_module.sign_in("admin", next_path="/admin")


@pytest.fixture(scope="module")
def pages_module(browser, live_server):
    from .conftest import Pages

    opened = Pages(browser, live_server)
    yield opened
    opened.close()
    assert not opened.outside, f"requests left the machine: {opened.outside[:5]}"


@pytest.mark.parametrize("role", ["manager", "sponsor"])
def test_others_are_not_permitted_because_the_api_says_forbidden(pages, role):
    page = pages.sign_in(role)
    assert "Adminöversikt" not in page.locator("#site-nav").inner_text()
    page.goto("/admin")
    wait_ready(page, "/admin")
    assert page.locator("[data-notice=FORBIDDEN]").inner_text() == "Du har inte behörighet att se det här."
    assert page.locator("section.panel").count() == 0
    assert_accessible(page, f"admin as {role}")


def test_network_picture_has_every_manager_and_contact_coloured_by_department(admin_page):
    page = admin_page
    page.wait_for_selector("#network[data-drawn=true]")
    managers = off_loop(cypher, "MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]
    ties = off_loop(cypher, "MATCH (a:Manager)-[:KNOWS]-(b:Manager) WHERE a.id < b.id "
                            "RETURN count(DISTINCT [a.id, b.id]) AS n")[0]["n"]
    departments = off_loop(cypher, "MATCH (d:Department) RETURN count(d) AS n")[0]["n"]
    assert page.evaluate("window.cy.nodes().length") == managers
    assert page.evaluate("window.cy.edges().length") == ties
    assert page.locator(".legend li").count() == departments
    colours = page.evaluate("new Set(window.cy.nodes().map(n => n.data('colour'))).size")
    assert colours == departments


def test_hovering_a_manager_shows_who_it_is_and_zoom_works(admin_page):
    page = admin_page
    page.wait_for_selector("#network[data-drawn=true]")
    page.locator("#network").scroll_into_view_if_needed()
    box = page.locator("#network").bounding_box()
    pos = page.evaluate("(() => { const p = window.cy.getElementById('m-001').renderedPosition(); return [p.x, p.y]; })()")
    page.mouse.move(box["x"] + pos[0], box["y"] + pos[1])
    tip = page.locator(".network-tip")
    tip.wait_for(state="visible")
    assert "Sara Lindqvist" in tip.inner_text() and "Vård och omsorg" in tip.inner_text()
    before = page.evaluate("window.cy.zoom()")
    page.get_by_role("button", name="Zooma in").click()
    assert page.evaluate("window.cy.zoom()") > before
    page.get_by_role("button", name="Visa allt").click()


def test_isolated_managers_match_the_graph_and_download_as_csv(admin_page):
    page = admin_page
    isolated = off_loop(cypher, "MATCH (m:Manager) WHERE NOT (m)-[:KNOWS]-() RETURN m.name AS name ORDER BY name")
    table = page.locator("#section-isolated table")
    assert f"({len(isolated)})" in table.locator("caption").inner_text()
    with page.expect_download() as download:
        page.click('#section-isolated button[data-csv="isolated-managers"]')
    text = open(download.value.path(), encoding="utf-8-sig").read()
    lines = text.strip().splitlines()
    assert lines[0] == "Namn,Titel,Förvaltning"
    assert len(lines) - 1 == len(isolated)
    assert download.value.suggested_filename == "isolated-managers.csv"


def test_cohort_before_and_after_counts_participants_contacts(admin_page):
    page = admin_page
    cohort = off_loop(cypher, "MATCH (c:Cohort) RETURN c.id AS id, c.name AS name, toString(c.start) AS start, "
                              "toString(c.end) AS end ORDER BY c.start LIMIT 1")[0]
    page.select_option("#section-cohort select", cohort["id"])
    caption = page.locator("#section-cohort caption")
    caption.filter(has_text=cohort["name"]).wait_for()
    rows = {r.locator("th").inner_text(): r.locator("td").all_inner_texts()
            for r in page.locator("#section-cohort tbody tr").all()}
    expected = off_loop(cypher, """
        MATCH (c:Cohort {id: $id})<-[:MEMBER_OF {role: 'PARTICIPANT'}]-(m:Manager)-[:WORKS_IN]->(d)
        OPTIONAL MATCH (m)-[k:KNOWS]-(o:Manager)-[:WORKS_IN]->(od) WHERE od <> d
        WITH m, [x IN collect(k) WHERE x IS NOT NULL] AS ks
        RETURN count(m) AS members,
               sum(size([x IN ks WHERE x.since IS NULL OR x.since < $start])) AS before,
               sum(size([x IN ks WHERE x.since IS NULL OR x.since <= $end])) AS after
    """, id=cohort["id"], start=cohort["start"], end=cohort["end"])[0]
    assert rows["Deltagare"][:2] == [str(expected["members"])] * 2
    sv = lambda v: f"{v:.1f}".replace(".", ",")  # noqa: E731
    cross = rows["Kontakter i andra förvaltningar i snitt"]
    assert cross[0] == sv(expected["before"] / expected["members"])
    assert cross[1] == sv(expected["after"] / expected["members"])
    assert expected["after"] > expected["before"]  # the programme made cross-department ties


@pytest.fixture
def slow_job():
    """A job that takes a couple of seconds, so the page has progress to show."""
    async def load(db, params):
        return None

    def compute(data, params):
        time.sleep(params["seconds"])
        return 3

    async def write(db, result, params):
        return {"things": result}

    job = registry.register(registry.Job(
        name="web-test-slow", description="browser-test job", load=load, compute=compute,
        write=write, defaults={"seconds": 2.5},
    ))
    yield job
    registry._JOBS.pop(job.name, None)
    write_cypher("MATCH (r:JobRun {job: $job}) DETACH DELETE r", job=job.name)


def test_an_admin_runs_a_job_and_sees_its_progress_and_last_run(pages, slow_job):
    page = pages.sign_in("admin", next_path="/admin")
    row = page.locator('#jobs-table tr[data-job="web-test-slow"]')
    assert row.locator(".last-run").inner_text() == "Aldrig"
    row.locator("button.run-job").click()
    assert row.locator("progress").is_visible()
    assert row.locator("button.run-job").is_disabled()
    row.locator(".job-state").filter(has_text=re.compile(r"^Kör… [1-9]")).wait_for()
    row.locator(".run-status").filter(has_text="klart").wait_for(timeout=20_000)
    assert not row.locator("progress").is_visible()
    assert row.locator(".counts").inner_text() == "things: 3"
    assert row.locator(".job-state").inner_text().startswith("Klart på")
    page.locator("#section-jobs [role=status]", has_text="web-test-slow: klart").wait_for()
    runs = off_loop(cypher, "MATCH (r:JobRun {job: 'web-test-slow'}) RETURN r.status AS status")
    assert [r["status"] for r in runs] == ["SUCCEEDED"]


@needs_field("Query", "networkMetrics", issue=5)
def test_metrics_at_a_glance_heat_map_brokers_and_trend(admin_page):
    page = admin_page
    managers = off_loop(cypher, "MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]
    departments = off_loop(cypher, "MATCH (d:Department) RETURN count(d) AS n")[0]["n"]
    overview = page.locator("#section-overview")
    if overview.locator("[data-notice=EMPTY]").count():
        pytest.skip("networkMetrics is in the schema but the demo data has no computed run yet")
    assert overview.locator('[data-metric="managers"] dd').inner_text() == str(managers)
    assert page.locator("#section-matrix table.heatmap tbody tr").count() == departments
    assert page.locator("#section-brokers tbody tr").count() >= 1
    assert page.locator("[data-notice=UNAVAILABLE]").count() == 0
    page.wait_for_selector("#trend-chart[data-drawn=true]")


def test_dashboard_is_accessible_prints_to_two_pages_and_is_photographed(pages):
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page = pages.sign_in("admin", viewport=viewport, next_path="/admin")
        page.wait_for_selector("#network[data-drawn=true]")
        assert_accessible(page, f"admin dashboard ({suffix})")
        screenshot(page, f"admin-{suffix}")
    assert pdf_pages(page) <= 2
