"""What `peernet demo` sets up before it serves (seeding, then the jobs): the pages open onto
data (suggestions for the demo manager, the sponsors' board, the dashboard with a trend), and
running it again adds no duplicate history. The launcher and the server are left out: the
test instance is already running and the pages are tested in tests/browser."""

from __future__ import annotations

from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.cli.demo import look_back_days, run_demo_jobs
from peernet.seeds import demo as demo_data
from tests.conftest import cypher

PAGES = """{
  networkMetrics { managers computedAt }
  networkMetricsHistory { asOf computedAt contacts }
}"""


def _setup_as_the_demo_does() -> None:
    seeded = CliRunner().invoke(cli, ["seed"])
    assert seeded.exit_code == 0, seeded.output
    run_demo_jobs()


def test_the_demo_opens_onto_pages_with_data_and_a_trend(gql, fresh_demo):
    _setup_as_the_demo_does()
    days = look_back_days(demo_data.build_demo())
    assert days[0] == "2019-09-09"  # the day before the first cohort started

    body = gql("{ me { suggestedContacts { manager { id } reasons } } }")
    suggested = body["data"]["me"]["suggestedContacts"]
    assert suggested and all(s["reasons"] for s in suggested)
    board = gql("{ recurringProblems { id label } }", role="sponsor")["data"]["recurringProblems"]
    assert board
    admin = gql(PAGES, role="admin")["data"]
    managers = cypher("MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]
    assert admin["networkMetrics"]["managers"] == managers
    history = admin["networkMetricsHistory"]
    assert sorted(h["asOf"] for h in history if h["asOf"]) == days
    contacts = [h["contacts"] for h in sorted(history, key=lambda h: h["asOf"] or "9999")]
    assert contacts == sorted(contacts) and contacts[0] < contacts[-1]  # the network grew
    runs = cypher("MATCH (r:JobRun) RETURN r.job AS job, r.status AS status")
    assert {r["job"] for r in runs} >= {"suggest-contacts", "recurring-problems", "network-metrics"}
    assert {r["status"] for r in runs} == {"SUCCEEDED"}


def test_running_the_demo_again_adds_no_duplicate_look_backs(gql, fresh_demo):
    _setup_as_the_demo_does()
    _setup_as_the_demo_does()
    history = gql(PAGES, role="admin")["data"]["networkMetricsHistory"]
    looked_back = [h["asOf"] for h in history if h["asOf"]]
    assert sorted(looked_back) == look_back_days(demo_data.build_demo())
    # Today's figures are recomputed each time (the dashboard shows the newest).
    assert len([h for h in history if not h["asOf"]]) == 2
