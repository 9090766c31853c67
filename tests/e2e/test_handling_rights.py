"""Recording a handling makes the handler a reader of the problem's text, so a manager who
may not read a confidential problem cannot make themself its handler."""

from __future__ import annotations

from tests.conftest import cypher

HANDLE = """mutation($p: ID!, $m: ID) {
  recordHandling(input: {problemId: $p, outcome: PARTLY, managerId: $m})
  { manager { id } problem { title } } }"""


def _outsider_problem():
    row = cypher("""MATCH (r:Manager)-[:RAISED]->(p:Problem {confidential: true})
        MATCH (o:Manager) WHERE NOT (o)-[:RAISED|HANDLED]->(p) AND o.id <> 'm-003'
        RETURN p.id AS p, r.id AS raiser, o.id AS outsider ORDER BY p.id, o.id LIMIT 1""")[0]
    return row["p"], row["raiser"], row["outsider"]


def test_an_outsider_cannot_become_handler_of_a_confidential_problem(gql, fresh_demo):
    problem, raiser, outsider = _outsider_problem()
    denied = gql.post(HANDLE, {"p": problem}, manager_id=outsider).json()
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "title" not in str(denied["errors"][0]["message"]).lower()
    assert cypher("MATCH (:Manager {id: $m})-[h:HANDLED]->(:Problem {id: $p}) RETURN count(h) AS n",
                  m=outsider, p=problem)[0]["n"] == 0

    # Its raiser may name the outsider as handler; then the outsider may read it.
    named = gql(HANDLE, {"p": problem, "m": outsider}, manager_id=raiser)
    assert named["data"]["recordHandling"]["manager"]["id"] == outsider
    readable = gql(
        'query($p: ID!) { problem(id: $p) { title restricted } }',
        {"p": problem},
        manager_id=outsider,
    )
    assert (
        readable["data"]["problem"]["restricted"] is False and readable["data"]["problem"]["title"]
    )


def test_a_manager_cannot_name_someone_else_on_a_problem_they_did_not_raise(gql, fresh_demo):
    row = cypher("""MATCH (r:Manager)-[:RAISED]->(p:Problem {confidential: false})
        MATCH (a:Manager), (b:Manager) WHERE a <> r AND b <> r AND a.id < b.id
          AND NOT (a)-[:HANDLED]->(p) AND NOT (b)-[:HANDLED]->(p) AND a.id <> 'm-003'
        RETURN p.id AS p, a.id AS a, b.id AS b ORDER BY p.id, a.id, b.id LIMIT 1""")[0]
    denied = gql.post(HANDLE, {"p": row["p"], "m": row["b"]}, manager_id=row["a"]).json()
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
