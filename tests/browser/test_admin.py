"""The admin dashboard: only admins get it (the API says FORBIDDEN to others), the network
picture, isolated managers, a cohort's before/after, CSV, jobs with progress, and print."""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
import time
from pathlib import Path

import pytest

from peernet.cli.demo import look_back_days
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from peernet.seeds import demo as demo_data
from tests.conftest import _with_db, cypher, reseed

from .conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    off_loop,
    pdf_pages,
    screenshot,
    wait_ready,
    write_cypher,
)

# The look backs `peernet demo` computes (the day before each cohort began), so the trend and
# the screenshots show what a new user sees; the first is the day before the programme.
LOOK_BACKS = look_back_days(demo_data.build_demo())
EARLIER = LOOK_BACKS[0]


@pytest.fixture(scope="module", autouse=True)
def metrics_computed(live_server):
    """The dashboard as an admin sees it after `peernet demo` ran the jobs: the look backs and
    today's snapshot. The graph is reloaded afterwards so other modules see the plain demo
    data."""
    async def compute(db):
        for day in LOOK_BACKS:
            await run_job(db, "network-metrics", {"as_of": day})
        await run_job(db, "network-metrics")

    off_loop(asyncio.run, _with_db(compute))
    yield
    off_loop(asyncio.run, _with_db(reseed))


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
    assert (
        page.locator("[data-notice=FORBIDDEN]").inner_text()
        == "Du har inte behörighet att se det här."
    )
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
    pos = page.evaluate(
        "(() => { const p = window.cy.getElementById('m-001').renderedPosition(); "
        "return [p.x, p.y]; })()"
    )
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
    isolated = off_loop(
        cypher, "MATCH (m:Manager) WHERE NOT (m)-[:KNOWS]-() RETURN m.name AS name ORDER BY name"
    )
    table = page.locator("#section-isolated table")
    assert f"({len(isolated)})" in table.locator("caption").inner_text()
    with page.expect_download() as download:
        page.click('#section-isolated button[data-csv="isolated-managers"]')
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "Namn,Titel,Förvaltning"
    assert len(lines) - 1 == len(isolated)
    assert download.value.suggested_filename == "isolated-managers.csv"


def test_cohort_before_and_after_counts_participants_contacts(admin_page):
    page = admin_page
    cohort = off_loop(
        cypher,
        "MATCH (c:Cohort) RETURN c.id AS id, c.name AS name, toString(c.start) AS start, "
        "toString(c.end) AS end ORDER BY c.start LIMIT 1",
    )[0]
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
def gated_job():
    """A job whose compute step waits for the test to open its gate (or fails then), so the
    page is seen mid-run without racing a timer."""
    gate = threading.Event()

    async def load(db, params):
        return None

    def compute(data, params):
        if not gate.wait(timeout=30):
            raise TimeoutError("the test never opened the gate")
        if params["fail"]:
            raise ValueError("internal detail")
        return 3

    async def write(db, result, params):
        return {"things": result}

    job = registry.register(registry.Job(
        name="web-test-gated", description="browser-test job", load=load, compute=compute,
        write=write, defaults={"fail": False},
    ))
    yield gate
    gate.set()
    registry._JOBS.pop(job.name, None)
    write_cypher("MATCH (r:JobRun {job: $job}) DETACH DELETE r", job=job.name)


COMPUTING = re.compile(r"^Steg: beräkning \(33\s%\), \d+ s$")


def test_an_admin_runs_a_job_and_sees_its_progress_and_last_run(pages, gated_job):
    page = pages.sign_in("admin", next_path="/admin")
    row = page.locator('#jobs-table tr[data-job="web-test-gated"]')
    assert row.locator(".last-run").inner_text() == "Aldrig"
    row.locator("button.run-job").click()
    assert row.locator("button.run-job").is_disabled()
    # The step and fraction come from the run recorded in the graph while the job works.
    row.locator(".job-state").filter(has_text=COMPUTING).wait_for()
    assert row.locator("progress").is_visible()
    assert row.locator("progress").evaluate("p => p.value") == pytest.approx(0.33)
    assert row.locator(".last-run").inner_text() == "Aldrig"  # not finished yet
    elapsed = lambda: int(row.locator(".job-state").inner_text().split()[-2])  # noqa: E731
    before = elapsed()
    deadline = time.monotonic() + 20
    while elapsed() <= before and time.monotonic() < deadline:  # counts on while the job works
        page.wait_for_timeout(200)
    assert elapsed() > before
    gated_job.set()
    row.locator(".run-status").filter(has_text="klart").wait_for(timeout=20_000)
    assert not row.locator("progress").is_visible()
    assert row.locator(".counts").inner_text() == "things: 3"
    assert row.locator(".job-state").inner_text().startswith("Klart på")
    page.locator("#section-jobs [role=status]", has_text="web-test-gated: klart").wait_for()
    runs = off_loop(cypher, "MATCH (r:JobRun {job: 'web-test-gated'}) RETURN r.status AS status")
    assert [r["status"] for r in runs] == ["SUCCEEDED"]


def test_a_failed_run_shows_as_the_last_run_with_its_step_and_error(pages, gated_job):
    gated_job.set()
    page = pages.sign_in("admin", next_path="/admin")
    row = page.locator('#jobs-table tr[data-job="web-test-gated"]')
    # Run it from "another terminal": the page shows it as the last run once it has failed.
    with pytest.raises(ValueError):
        off_loop(asyncio.run, _with_db(lambda db: run_job(db, "web-test-gated", {"fail": True})))
    page.reload()
    wait_ready(page, "/admin")
    assert row.locator(".run-status .badge").inner_text() == "misslyckades"
    assert row.locator(".run-error").inner_text().strip() == "i steget beräkning: ValueError"


def test_a_job_started_elsewhere_is_followed_to_its_end(pages, gated_job):
    """The CLI (here a thread) starts a job; the page opened meanwhile shows it running with
    its step, then its result, without anyone pressing a button."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(
        asyncio.run(_with_db(lambda db: run_job(db, "web-test-gated")))), daemon=True)
    worker.start()
    try:
        off_loop(_wait_for_step, "web-test-gated", "compute")
        page = pages.sign_in("admin", next_path="/admin")
        row = page.locator('#jobs-table tr[data-job="web-test-gated"]')
        row.locator(".job-state").filter(has_text=re.compile(r"^Steg: beräkning")).wait_for()
        assert row.locator("button.run-job").is_disabled()
    finally:
        gated_job.set()
        worker.join(timeout=20)
    row.locator(".run-status").filter(has_text="klart").wait_for(timeout=20_000)
    assert not row.locator("button.run-job").is_disabled()
    assert row.locator(".counts").inner_text() == "things: 3"
    assert outcome and outcome[0].status == "SUCCEEDED"


def test_a_run_whose_request_is_cut_off_is_followed_to_its_end(pages, gated_job):
    """A proxy's time-out ends the runJob request, not the job: the page follows the run."""
    page = pages.sign_in("admin", next_path="/admin")

    def cut_off(route):
        if "RunJob" not in (route.request.post_data or ""):
            return route.continue_()
        # the server gets the request; the page never gets the answer (the time-out is the
        # point)
        with contextlib.suppress(Exception):
            route.fetch(timeout=1_500)
        route.abort("timedout")

    page.route("**/graphql", cut_off)
    row = page.locator('#jobs-table tr[data-job="web-test-gated"]')
    row.locator("button.run-job").click()
    off_loop(_wait_for_step, "web-test-gated", "compute")
    page.wait_for_timeout(2_500)  # past the cut-off: the row still shows the running job
    assert row.locator("[data-notice]").count() == 0
    row.locator(".job-state").filter(has_text=COMPUTING).wait_for()
    assert row.locator("button.run-job").is_disabled()
    gated_job.set()
    row.locator(".run-status").filter(has_text="klart").wait_for(timeout=20_000)
    assert row.locator(".counts").inner_text() == "things: 3"


def _wait_for_step(job: str, step: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = cypher("MATCH (r:JobRun {job: $job}) RETURN r.step AS step", job=job)
        if any(r["step"] == step for r in rows):
            return
        time.sleep(0.05)
    raise AssertionError(f"{job} never reached {step}")


def test_metrics_at_a_glance_heat_map_brokers_and_trend(admin_page):
    page = admin_page
    managers = off_loop(cypher, "MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]
    departments = off_loop(cypher, "MATCH (d:Department) RETURN count(d) AS n")[0]["n"]
    overview = page.locator("#section-overview")
    assert overview.locator("[data-notice=EMPTY]").count() == 0
    assert overview.locator('[data-metric="managers"] dd.figure-value').inner_text() == str(
        managers
    )
    assert page.locator("[data-notice=UNAVAILABLE]").count() == 0

    # The heat map's diagonal is each department's internal contacts, as in the graph.
    inside = off_loop(cypher, """
        MATCH (d:Department)<-[:WORKS_IN]-(a:Manager)-[:KNOWS]->(b:Manager)-[:WORKS_IN]->(d)
        RETURN d.name AS name, count(*) AS ties""")
    heat_rows = page.locator("#section-matrix table.heatmap tbody tr")
    assert heat_rows.count() == departments
    columns = page.locator("#section-matrix table.heatmap thead th").all_inner_texts()
    for row in heat_rows.all():
        name = row.locator("th").inner_text()
        ties = next(r["ties"] for r in inside if r["name"] == name)
        assert row.locator("td").nth(columns.index(name)).inner_text() == str(ties)

    brokers = page.locator("#section-brokers tbody tr")
    assert 1 <= brokers.count() <= 10
    scores = [float(r.locator("td").nth(1).inner_text().replace(",", ".")) for r in brokers.all()]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0

    # The trend: the look backs and today, oldest first, each with the contacts known on its
    # day.
    page.wait_for_selector("#trend-chart[data-drawn=true]")
    trend = page.locator("#section-trend tbody tr")
    assert trend.count() == len(LOOK_BACKS) + 1
    known_then = off_loop(cypher, "MATCH ()-[k:KNOWS]->() WHERE k.since IS NULL OR k.since <= $d "
                                  "RETURN count(k) AS n", d=EARLIER)[0]["n"]
    total = off_loop(cypher, "MATCH ()-[k:KNOWS]->() RETURN count(k) AS n")[0]["n"]
    digits = lambda text: re.sub(r"\s", "", text)  # noqa: E731  (sv-SE groups with a space)
    first, last = (
        [digits(c) for c in r.locator("td").all_inner_texts()] for r in (trend.first, trend.last)
    )
    assert (
        EARLIER == "2019-09-09"
        and " ".join(trend.first.locator("th").inner_text().split()) == "9 sep. 2019"
    )
    assert first[1] == str(known_then) and last[1] == str(total) and known_then < total


def test_dashboard_is_accessible_prints_to_two_pages_and_is_photographed(pages):
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page = pages.sign_in("admin", viewport=viewport, next_path="/admin")
        page.wait_for_selector("#network[data-drawn=true]")
        assert_accessible(page, f"admin dashboard ({suffix})")
        screenshot(page, f"admin-{suffix}")
    assert pdf_pages(page) <= 2
