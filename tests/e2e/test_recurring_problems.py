"""Recurring problems on the demo data: the IT-support complaints surface across departments,
a sponsor escalates and records an action, and the history survives a new run."""

from __future__ import annotations

from tests.conftest import cypher, cypher_write

BOARD = """{ recurringProblems { id label reports category firstSeen lastSeen status
  departments { id } cohorts { id } trend { quarter count }
  examples { id title category restricted }
  escalations { note by { id } } actions { action status by { id } } } }"""
RUN = 'mutation { runJob(name: "recurring-problems") { status counts } }'


def _it_support(board):
    candidates = [g for g in board if g["category"] == "IT_SUPPORT"]
    assert candidates, f"no IT-support group among {[g['label'] for g in board]}"
    return max(candidates, key=lambda g: len(g["departments"]))


def test_it_support_recurs_and_a_sponsor_escalates_it(gql, fresh_demo):
    assert gql(RUN, role="admin")["data"]["runJob"]["status"] == "SUCCEEDED"
    denied = gql.post(BOARD)  # a plain manager
    assert denied.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    board = gql(BOARD, role="sponsor")["data"]["recurringProblems"]
    it = _it_support(board)
    assert len(it["departments"]) >= 3 and it["reports"] >= 5
    assert sum(q["count"] for q in it["trend"]) == it["reports"]
    assert it["status"] == "NEW" and it["label"]
    member_categories = cypher(
        "MATCH (:RecurringProblem {id: $id})-[:INCLUDES]->(p) RETURN p.category AS c", id=it["id"])
    share = sum(r["c"] == "IT_SUPPORT" for r in member_categories) / len(member_categories)
    assert share >= 0.8, "the group is about IT support"
    for group in board:
        for example in group["examples"]:
            if example["restricted"]:
                assert example["title"] is None

    escalated = gql(
        'mutation($id: ID!) { escalateRecurringProblem(id: $id, note: "Hela kohorten klagar") '
        '{ status } }',
        {"id": it["id"]},
        role="sponsor",
    )
    assert escalated["data"]["escalateRecurringProblem"]["status"] == "ESCALATED"
    acted = gql(
        'mutation($id: ID!) { recordRecurringProblemAction(id: $id, '
        'action: "Arbetsgrupp för IT-stöd", status: IN_PROGRESS) { status } }',
        {"id": it["id"]},
        role="sponsor",
    )
    assert acted["data"]["recordRecurringProblemAction"]["status"] == "ADDRESSED"

    # A new run keeps the group — and its history — under the same id.
    gql(RUN, role="admin")
    again = next(
        g for g in gql(BOARD, role="admin")["data"]["recurringProblems"] if g["id"] == it["id"]
    )
    assert again["status"] == "ADDRESSED"
    assert [e["note"] for e in again["escalations"]] == ["Hela kohorten klagar"]
    assert again["actions"][0]["action"] == "Arbetsgrupp för IT-stöd"
    assert again["actions"][0]["by"]["id"] == fresh_demo.DEMO_SPONSOR_ID

    missing = gql.post(
        'mutation { escalateRecurringProblem(id: "nope", note: "x") { status } }', role="sponsor"
    )
    assert missing.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_rerun_writes_only_the_changed_memberships(gql, fresh_demo):
    first = gql(RUN, role="admin")["data"]["runJob"]
    assert first["status"] == "SUCCEEDED"
    assert first["counts"]["membershipsAdded"] == first["counts"]["reports"] > 0

    # A membership the groups no longer justify (as if a report had been reworded), and one
    # taken away: the rerun must remove the first, restore the second and touch nothing else.
    group = cypher("MATCH (g:RecurringProblem) WHERE g.active "
                   "RETURN g.id AS id ORDER BY g.reports DESC, g.id LIMIT 1")[0]["id"]
    stray = cypher("MATCH (p:Problem) WHERE NOT (:RecurringProblem)-[:INCLUDES]->(p) "
                   "RETURN p.id AS id ORDER BY p.id LIMIT 1")[0]["id"]
    cypher_write(
        "MATCH (g:RecurringProblem {id: $g}), (p:Problem {id: $p}) CREATE (g)-[:INCLUDES]->(p)",
        g=group,
        p=stray,
    )
    taken = cypher_write(
        "MATCH (:RecurringProblem {id: $g})-[r:INCLUDES]->(p) WHERE p.id <> $stray "
        "WITH r, p ORDER BY p.id LIMIT 1 DELETE r RETURN p.id AS id",
        g=group,
        stray=stray,
    )[0]["id"]

    again = gql(RUN, role="admin")["data"]["runJob"]
    assert again["counts"]["membershipsRemoved"] == 1
    assert again["counts"]["membershipsAdded"] == 1
    members = {r["id"] for r in cypher(
        "MATCH (:RecurringProblem {id: $g})-[:INCLUDES]->(p) RETURN p.id AS id", g=group)}
    assert taken in members and stray not in members
    duplicated = cypher("MATCH (g:RecurringProblem)-[r:INCLUDES]->(p) WITH g, p, count(r) AS n "
                        "WHERE n > 1 RETURN count(*) AS c")[0]["c"]
    assert duplicated == 0
