"""A confidential case its own raiser handled names the team it happened in: to a viewer who
may not read it, neither ``Problem.handlers`` nor ``Manager.handled`` lists that handling
(find-a-peer shows such a case only by category, with the handler's consent)."""

from __future__ import annotations

import pytest

from tests.conftest import cypher, cypher_write

PROBLEM = "p-self-handled"
RAISER = "m-030"
OUTSIDER = "m-120"

HANDLERS = "query($id: ID!) { problem(id: $id) { restricted handlers { manager { id } } } }"
HANDLED = "query($id: ID!) { manager(id: $id) { handledProblems { problem { id } } } }"


@pytest.fixture
def self_handled(fresh_demo):
    cypher_write(
        "MATCH (m:Manager {id: $raiser}) "
        "CREATE (m)-[:RAISED]->(p:Problem {id: $id, title: 'Missbruk i mitt team', "
        "description: 'En medarbetare', category: 'SUBSTANCE_ABUSE', confidential: true, "
        "createdAt: '2026-01-10T09:00:00Z', status: 'RESOLVED'}) "
        "CREATE (m)-[:HANDLED {outcome: 'RESOLVED', handledAt: '2026-02-01T09:00:00Z'}]->(p)",
        raiser=RAISER, id=PROBLEM,
    )
    assert cypher("MATCH (m:Manager) WHERE m.id IN [$a, $b] RETURN count(m) AS n",
                  a=RAISER, b=OUTSIDER)[0]["n"] == 2
    return PROBLEM


def _handlers(gql, **who) -> list[str]:
    problem = gql(HANDLERS, {"id": PROBLEM}, **who)["data"]["problem"]
    return [h["manager"]["id"] for h in problem["handlers"]]


def _handled(gql, **who) -> list[str]:
    manager = gql(HANDLED, {"id": RAISER}, **who)["data"]["manager"]
    return [h["problem"]["id"] for h in manager["handledProblems"]]


def test_an_outsider_is_not_shown_who_handled_their_own_confidential_case(gql, self_handled):
    assert _handlers(gql, role="manager", manager_id=OUTSIDER) == []
    assert PROBLEM not in _handled(gql, role="manager", manager_id=OUTSIDER)
    assert PROBLEM not in _handled(gql, role="sponsor")


def test_readers_still_see_the_handling(gql, self_handled):
    assert _handlers(gql, role="manager", manager_id=RAISER) == [RAISER]
    assert PROBLEM in _handled(gql, role="manager", manager_id=RAISER)
    assert _handlers(gql, role="admin") == [RAISER]
    assert PROBLEM in _handled(gql, role="admin")
