"""The look-ahead (``resolvers.look_ahead``) reads a manager's nested fields with the manager in
one query; every answer must equal the one resolved field by field through the DataLoaders,
for every viewer, including what a viewer may not read of confidential problems."""

from __future__ import annotations

import json

import pytest

from peernet.seeds import demo as demo_data
from tests.conftest import cypher
from tests.graph_checks import execute

ME, SPONSOR, ADMIN = demo_data.DEMO_MANAGER_ID, demo_data.DEMO_SPONSOR_ID, demo_data.DEMO_ADMIN_ID

PROBLEM = "id category confidential restricted title description raisedBy { id }"
MANAGER = f"""
  id name title level managerSince
  department {{ id name managers {{ id }} }}
  cohorts {{ role cohort {{ id name start end members {{ role manager {{ id name }} }}
                          sessions {{ number }} }} }}
  contacts {{
    since source cohort {{ id name }}
    manager {{ id name title level managerSince department {{ id name }}
              cohorts {{ role cohort {{ id }} }}
              raisedProblems {{ {PROBLEM} }}
              handledProblems {{ outcome note problem {{ {PROBLEM} }} }} }}
  }}
  raisedProblems {{ {PROBLEM} handlers {{ outcome note manager {{ id }} }} }}
  handledProblems {{ outcome note handledAt problem {{ {PROBLEM} }} }}
"""
VIEW = f"query($id: ID!) {{ manager(id: $id) {{ {MANAGER} }} }}"
PAGE = f"""query($first: Int!, $after: String, $dept: ID, $cohort: ID, $name: String) {{
  managers(first: $first, after: $after, departmentId: $dept, cohortId: $cohort, name: $name) {{
    totalCount edges {{ cursor node {{ {MANAGER} }} }} pageInfo {{ hasNextPage endCursor }}
  }}
}}"""
# Fragments, aliases, a field asked twice with different sub-selections, and a skipped field.
SHAPES = """
query($id: ID!, $skip: Boolean!) {
  a: manager(id: $id) { ...Who contacts { manager { name } } }
  b: manager(id: $id) { contacts { since } cohorts @skip(if: $skip) { role } }
  me { ... on Manager { department { name } contacts { manager { id department { id } } } } }
}
fragment Who on Manager { name department { id } contacts { source manager { title } } }
"""


def both(query: str, variables: dict, **who) -> tuple[dict, dict]:
    """The answer with the look-ahead on and off; the same errors and data are expected."""
    on = execute(query, variables, look_ahead=True, **who)
    off = execute(query, variables, look_ahead=False, **who)
    assert on.errors == off.errors
    assert on.data == off.data
    return on.data, {"on": on.queries, "off": off.queries}


def busiest(n: int) -> list[str]:
    """Managers with the most contacts, and with cohorts: the views with most to get wrong."""
    rows = cypher(
        """MATCH (m:Manager) WHERE EXISTS { (m)-[:MEMBER_OF]->() }
                     RETURN m.id AS id ORDER BY COUNT { (m)-[:KNOWS]-() } DESC, m.id LIMIT $n""",
        n=n,
    )
    return [r["id"] for r in rows]


def problems(data) -> list[dict]:
    """Every problem anywhere in an answer."""
    found = []

    def walk(value) -> None:
        if isinstance(value, dict):
            if "restricted" in value:
                found.append(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


@pytest.mark.parametrize("role", ["manager", "sponsor", "admin"])
def test_a_manager_view_is_the_same_with_and_without_the_look_ahead(demo_graph, role):
    seen = []
    for manager_id in [ME, SPONSOR, ADMIN, *busiest(4), "no-such-manager"]:
        data, queries = both(VIEW, {"id": manager_id}, role=role)
        if manager_id != "no-such-manager":
            assert data["manager"]["id"] == manager_id
            assert queries["on"] < queries["off"]
            seen += problems(data)
        else:
            assert data == {"manager": None}
    # The views hold confidential problems: hidden from managers and sponsors, read by admins.
    hidden = [p for p in seen if p["restricted"]]
    assert all(p["title"] is None and p["description"] is None for p in hidden)
    assert any(p["confidential"] for p in seen)
    assert bool(hidden) is (role != "admin")


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_pages_are_the_same_with_and_without_the_look_ahead(demo_graph, role):
    after, seen = None, 0
    while True:
        data, _ = both(PAGE, {"first": 40, "after": after}, role=role)
        page = data["managers"]
        seen += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == cypher("MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]


def test_filtered_pages_are_the_same_with_and_without_the_look_ahead(demo_graph):
    department = cypher("MATCH (:Manager {id: $id})-[:WORKS_IN]->(d) RETURN d.id AS id",
                        id=ME)[0]["id"]
    cohort = cypher(
        "MATCH (:Manager {id: $id})-[:MEMBER_OF]->(c) RETURN c.id AS id LIMIT 1", id=ME
    )[0]["id"]
    for filters in ({"dept": department}, {"cohort": cohort}, {"name": "an"},
                    {"dept": department, "name": "a"}, {"dept": "no-such-department"}):
        data, _ = both(PAGE, {"first": 25, **filters})
        assert "managers" in data
    assert both(PAGE, {"first": 0})[0]["managers"]["edges"] == []


def test_fragments_aliases_and_directives_are_the_same(demo_graph):
    for skip in (True, False):
        data, _ = both(SHAPES, {"id": busiest(1)[0], "skip": skip})
        assert ("cohorts" in data["b"]) is not skip


def test_bad_arguments_fail_the_same_way(demo_graph):
    too_many = "{ managers(first: 1000) { edges { node { contacts { since } } } } }"
    on = execute(too_many, look_ahead=True)
    assert (
        on.codes == ["BAD_USER_INPUT"] and on.errors == execute(too_many, look_ahead=False).errors
    )


RUN_JOB = 'mutation { runJob(name: "suggest-contacts") { status } }'
SUGGESTED = """query($id: ID!) {
  manager(id: $id) {
    name contacts { manager { id } }
    few: suggestedContacts(first: 2) { manager { id name department { id } } score reasons }
    suggestedContacts { manager { id name title level } score reasons }
    none: suggestedContacts(first: 0) { score }
  }
}"""
ME_SUGGESTED = (
    "{ me { id suggestedContacts(first: 10) { manager { id name title } score reasons } } }"
)


def test_suggestions_are_the_same_and_stay_private(fresh_demo):
    assert execute(RUN_JOB, role="admin").data["runJob"]["status"] == "SUCCEEDED"
    mine, queries = both(ME_SUGGESTED, {})
    assert mine["me"]["suggestedContacts"], "the demo manager should get suggestions"
    assert queries["on"] == 1
    own, _ = both(SUGGESTED, {"id": ME})
    assert len(own["manager"]["few"]) == 2 and own["manager"]["none"] == []
    assert [s["manager"]["id"] for s in own["manager"]["few"]] == [
        s["manager"]["id"] for s in own["manager"]["suggestedContacts"][:2]]
    # Admins may read anyone's; another manager may not, and learns nothing else either.
    admin, _ = both(SUGGESTED, {"id": ME}, role="admin")
    assert json.dumps(admin["manager"]["suggestedContacts"]) == json.dumps(
        own["manager"]["suggestedContacts"]
    )
    other = execute(SUGGESTED, {"id": ME}, look_ahead=True, role="sponsor")
    assert set(other.codes) == {"FORBIDDEN"}
    assert other.errors == execute(SUGGESTED, {"id": ME}, look_ahead=False, role="sponsor").errors
    assert other.data == {"manager": None}
