"""The sponsors' board names no small group (issue 11, "Aggregates respect a minimum group
size"): a department or cohort is named to someone who may not read the confidential reports
only when none of the group's reports from there is confidential or at least
PEERNET_MIN_GROUP_SIZE (5) distinct managers raised them there; the rest are counted as other,
folded until that count stands for at least five managers. The trend and the examples follow
the same rule. Admins see everything.

The group is planted directly (the job's grouping is not what is tested), with its own
departments, managers and cohorts:

    department  raisers            reports                     cohort memberships
    t-dA        a1, a2             a1 2023Q1, a2 2023Q2        a1 in kX; a2 in kZ
    t-dB        b1                 b1 2022Q1 confidential      b1 in kX
    t-dC        c1 … c5            c1 2023Q1 confidential,     c1 … c5 in kY; c2 in kZ
                                   c2 … c5 2023Q2
    t-dD        d1, d2             d1 2023Q3 confidential,     d2 in kZ
                                   d2 2023Q3
"""

from __future__ import annotations

import json

from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import get_settings
from peernet.graph.driver import run as tx_run
from tests.conftest import GraphQLClient, _with_db, run

BOARD = """{ recurringProblems { id reports trend { quarter count } suppressedReports
  departments { id } otherDepartments cohorts { id } otherCohorts
  examples { id restricted } } }"""

REPORTS = [  # id, raiser, department, confidential, createdAt
    ("t-pa1", "t-a1", "t-dA", False, "2023-02-10T09:00:00Z"),
    ("t-pa2", "t-a2", "t-dA", False, "2023-05-10T09:00:00Z"),
    ("t-pb1", "t-b1", "t-dB", True, "2022-01-15T09:00:00Z"),
    ("t-pc1", "t-c1", "t-dC", True, "2023-02-11T09:00:00Z"),
    *[(f"t-pc{i}", f"t-c{i}", "t-dC", False, f"2023-05-1{i}T09:00:00Z") for i in range(2, 6)],
    ("t-pd1", "t-d1", "t-dD", True, "2023-08-01T09:00:00Z"),
    ("t-pd2", "t-d2", "t-dD", False, "2023-08-02T09:00:00Z"),
]
COHORTS = {"t-kX": ["t-a1", "t-b1"], "t-kY": [f"t-c{i}" for i in range(1, 6)],
           "t-kZ": ["t-a2", "t-d2", "t-c2"]}
FULL_TREND = [{"quarter": "2022Q1", "count": 1}, {"quarter": "2022Q2", "count": 0},
              {"quarter": "2022Q3", "count": 0}, {"quarter": "2022Q4", "count": 0},
              {"quarter": "2023Q1", "count": 2}, {"quarter": "2023Q2", "count": 5},
              {"quarter": "2023Q3", "count": 2}]
# A second group, mostly confidential: its examples would be mostly restricted reports.
MOSTLY_HIDDEN = ["t-pb1", "t-pc1", "t-pd1", "t-pa1"]

PLANT = """
UNWIND $departments AS d CREATE (:Department {id: d, name: d})
WITH count(*) AS _
UNWIND $reports AS r
MATCH (d:Department {id: r.department})
CREATE (m:Manager {id: r.raiser, name: r.raiser})-[:WORKS_IN]->(d)
CREATE (m)-[:RAISED]->(:Problem {id: r.id, title: 'Titel ' + r.id, description: 'Text',
  category: 'SICK_LEAVE', confidential: r.confidential, createdAt: r.createdAt, status: 'OPEN'})
WITH count(*) AS _
UNWIND keys($cohorts) AS cid
CREATE (c:Cohort {id: cid, name: cid, start: '2022-01-01', end: '2023-12-31'})
WITH c, $cohorts[cid] AS members
UNWIND members AS mid
MATCH (m:Manager {id: mid}) CREATE (m)-[:MEMBER_OF {role: 'PARTICIPANT'}]->(c)
WITH count(*) AS _
UNWIND $groups AS grp
CREATE (g:RecurringProblem {id: grp.id, active: true, status: 'NEW', label: 'sjukskrivning',
  terms: ['sjukskrivning'], reports: size(grp.members), departments: $departments,
  cohorts: keys($cohorts), category: 'SICK_LEAVE', firstSeen: '2022-01-15T09:00:00Z',
  lastSeen: '2023-08-02T09:00:00Z', trend: grp.trend, reasons: []})
WITH g, grp UNWIND grp.members AS pid
MATCH (p:Problem {id: pid}) CREATE (g)-[:INCLUDES]->(p)
"""


def _plant() -> None:
    groups = [
        {"id": "t-g", "members": [r[0] for r in REPORTS], "trend": json.dumps(FULL_TREND)},
        {"id": "t-g2", "members": MOSTLY_HIDDEN, "trend": json.dumps(FULL_TREND)},
    ]
    reports = [{"id": i, "raiser": m, "department": d, "confidential": c, "createdAt": at}
               for i, m, d, c, at in REPORTS]
    run(_with_db(lambda db: db.write(lambda tx: tx_run(
        tx, PLANT, departments=["t-dA", "t-dB", "t-dC", "t-dD"], reports=reports,
        cohorts=COHORTS, groups=groups))))


def _board(gql, role: str) -> dict[str, dict]:
    return {g["id"]: g for g in gql(BOARD, role=role)["data"]["recurringProblems"]}


def test_a_sponsor_sees_no_department_or_cohort_with_few_confidential_raisers(gql, fresh_demo):
    _plant()
    g = _board(gql, "sponsor")["t-g"]
    # t-dB (one raiser) and t-dD (two) hold confidential reports: not named. Together they
    # stand for three managers, fewer than five, so t-dA (two raisers, the fewest of the
    # rest) is counted as other too; t-dC has five raisers and is named.
    assert [d["id"] for d in g["departments"]] == ["t-dC"]
    assert g["otherDepartments"] == 3
    # kX (a1, b1: b1's report is confidential) is small; kZ (three raisers) is folded in to
    # reach five; kY (five raisers) is named.
    assert [c["id"] for c in g["cohorts"]] == ["t-kY"]
    assert g["otherCohorts"] == 2
    assert g["reports"] == 10


def test_the_trend_counts_confidential_reports_of_small_departments_only_in_total(gql, fresh_demo):
    _plant()
    g = _board(gql, "sponsor")["t-g"]
    counts = {q["quarter"]: q["count"] for q in g["trend"]}
    # b1's (2022Q1) and d1's (2023Q3) confidential reports leave the quarters; c1's stays,
    # its department being large enough.
    assert counts == {"2022Q1": 0, "2022Q2": 0, "2022Q3": 0, "2022Q4": 0,
                      "2023Q1": 2, "2023Q2": 5, "2023Q3": 1}
    assert g["suppressedReports"] == 2
    assert sum(counts.values()) + g["suppressedReports"] == g["reports"]


def test_examples_shown_to_a_sponsor_are_reports_they_may_read(gql, fresh_demo):
    _plant()
    board = _board(gql, "sponsor")
    assert [e["id"] for e in board["t-g2"]["examples"]] == ["t-pa1"]
    assert not any(e["restricted"] for g in board.values() for e in g["examples"])


def test_admins_see_every_department_cohort_and_quarter(gql, fresh_demo):
    _plant()
    g = _board(gql, "admin")["t-g"]
    assert [d["id"] for d in g["departments"]] == ["t-dA", "t-dB", "t-dC", "t-dD"]
    assert [c["id"] for c in g["cohorts"]] == ["t-kX", "t-kY", "t-kZ"]
    assert g["otherDepartments"] == g["otherCohorts"] == g["suppressedReports"] == 0
    assert g["trend"] == FULL_TREND
    assert len(_board(gql, "admin")["t-g2"]["examples"]) == 3


def test_a_smaller_minimum_group_size_names_more(fresh_demo):
    # PEERNET_MIN_GROUP_SIZE=2: t-dD (two raisers) may be named, t-dB (one) not; t-dB alone
    # stands for one manager, so the named unit with the fewest raisers (t-dA) joins it.
    _plant()
    settings = get_settings().model_copy(update={"min_group_size": 2})
    with TestClient(create_app(settings)) as client:
        g = _board(GraphQLClient(client), "sponsor")["t-g"]
    assert [d["id"] for d in g["departments"]] == ["t-dC", "t-dD"]
    assert g["otherDepartments"] == 2
