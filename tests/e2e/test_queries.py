"""Every query over HTTP on the pristine demo data: each entity by id, each list as a
connection with its filters, and nested fields in both directions. Expected values come from
the demo data set itself, so a resolver that drops or invents a row fails here."""

from __future__ import annotations

from collections import defaultdict

import pytest

from peernet.seeds.demo import DEMO_MANAGER_ID as ME
from peernet.seeds.demo import DEMO_SPONSOR_ID, build_demo

DEMO = build_demo()
MANAGERS = {m["id"]: m for m in DEMO.managers}
PROBLEMS = {p["id"]: p for p in DEMO.problems}
RAISED_BY_ME = sorted(p["id"] for p in DEMO.problems if p["raisedBy"] == ME)


def ok(body: dict) -> dict:
    assert body.get("errors") is None, body["errors"]
    return body["data"]


def ids(connection: dict) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


# ---- by id -------------------------------------------------------------------------------

def test_department_by_id(gql):
    data = ok(gql('{ department(id: "d-vo") { id name } }'))
    assert data["department"] == next(d for d in DEMO.departments if d["id"] == "d-vo")


def test_manager_by_id(gql):
    data = ok(gql('query($id: ID!) { manager(id: $id) { id name title level managerSince '
                  'department { id } } }', {"id": ME}))
    expected = MANAGERS[ME]
    assert data["manager"] == {
        "id": ME, "name": expected["name"], "title": expected["title"],
        "level": expected["level"], "managerSince": expected["managerSince"],
        "department": {"id": expected["departmentId"]},
    }


def test_cohort_by_id(gql):
    data = ok(gql('{ cohort(id: "c-1") { id name start end } }'))
    expected = next(c for c in DEMO.cohorts if c["id"] == "c-1")
    assert data["cohort"] == expected


def test_session_by_id(gql):
    data = ok(gql('{ session(id: "s-1-01") { id number date theme cohort { id } } }'))
    expected = next(s for s in DEMO.sessions if s["id"] == "s-1-01")
    assert data["session"] == {
        "id": "s-1-01", "number": 1, "date": expected["date"], "theme": expected["theme"],
        "cohort": {"id": "c-1"},
    }


def test_problem_by_id(gql):
    data = ok(gql('{ problem(id: "p-0001") { id title description category confidential '
                  'restricted createdAt status } }', role="admin"))
    expected = PROBLEMS["p-0001"]
    assert data["problem"] == {
        "id": "p-0001", "title": expected["title"], "description": expected["description"],
        "category": expected["category"], "confidential": expected["confidential"],
        "restricted": False, "createdAt": expected["createdAt"], "status": expected["status"],
    }


def test_me_is_the_token_holder(gql):
    data = ok(gql("{ me { id } }", role="sponsor"))
    assert data["me"]["id"] == DEMO_SPONSOR_ID


@pytest.mark.parametrize("entity", ["department", "manager", "cohort", "session", "problem"])
def test_an_unknown_id_reads_as_null(gql, entity):
    data = ok(gql(f'{{ {entity}(id: "no-such-id") {{ id }} }}'))
    assert data[entity] is None


# ---- lists as connections ----------------------------------------------------------------

def test_departments_and_cohorts_are_connections_ordered_by_id(gql):
    data = ok(gql("{ departments(first: 100) { totalCount edges { cursor node { id } } } "
                  "cohorts(first: 100) { totalCount edges { node { id name } } } }"))
    assert ids(data["departments"]) == sorted(d["id"] for d in DEMO.departments)
    assert data["departments"]["totalCount"] == len(DEMO.departments)
    assert all(edge["cursor"] for edge in data["departments"]["edges"])
    assert ids(data["cohorts"]) == ["c-1", "c-2", "c-3", "c-4"]
    assert data["cohorts"]["totalCount"] == 4


def test_managers_by_department(gql):
    data = ok(
        gql('{ managers(first: 100, departmentId: "d-soc") { totalCount edges { node { id } } } }')
    )
    expected = sorted(m["id"] for m in DEMO.managers if m["departmentId"] == "d-soc")
    assert ids(data["managers"]) == expected
    assert data["managers"]["totalCount"] == len(expected)


def test_managers_by_cohort(gql):
    data = ok(gql('{ managers(first: 100, cohortId: "c-3") { totalCount edges { node { id } } } }'))
    expected = sorted(r["managerId"] for r in DEMO.memberships if r["cohortId"] == "c-3")
    assert ids(data["managers"]) == expected
    assert data["managers"]["totalCount"] == len(expected)


def test_managers_by_part_of_the_name_ignoring_case(gql):
    part = MANAGERS[ME]["name"].split()[-1][:5]
    data = ok(gql('query($name: String) { managers(first: 100, name: $name) '
                  '{ totalCount edges { node { id name } } } }', {"name": part.upper()}))
    expected = sorted(m["id"] for m in DEMO.managers if part.lower() in m["name"].lower())
    assert ME in expected
    assert ids(data["managers"]) == expected
    assert data["managers"]["totalCount"] == len(expected)


def test_manager_filters_combine(gql):
    data = ok(gql('{ managers(first: 100, departmentId: "d-vo", cohortId: "c-3") '
                  '{ totalCount edges { node { id } } } }'))
    in_cohort = {r["managerId"] for r in DEMO.memberships if r["cohortId"] == "c-3"}
    expected = sorted(m for m in in_cohort if MANAGERS[m]["departmentId"] == "d-vo")
    assert expected and ids(data["managers"]) == expected
    assert data["managers"]["totalCount"] == len(expected)


def _all_problem_ids(gql, role: str, **filters: str) -> tuple[list[str], int]:
    args = ", ".join(f"{k}: {v}" for k, v in filters.items())
    query = ("query($after: String) { problems(first: 100, after: $after" + (", " if args else "")
             + args + ") { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }")
    found, after, total = [], None, None
    while True:
        page = ok(gql(query, {"after": after}, role=role))["problems"]
        found += ids(page)
        total = page["totalCount"]
        if not page["pageInfo"]["hasNextPage"]:
            return found, total
        after = page["pageInfo"]["endCursor"]


def test_problems_by_category(gql):
    found, total = _all_problem_ids(gql, "admin", category="IT_SUPPORT")
    expected = sorted(p["id"] for p in DEMO.problems if p["category"] == "IT_SUPPORT")
    assert found == expected and total == len(expected)


def test_problems_by_status(gql):
    found, total = _all_problem_ids(gql, "admin", status="RESOLVED")
    expected = sorted(p["id"] for p in DEMO.problems if p["status"] == "RESOLVED")
    assert found == expected and total == len(expected)


def test_problems_by_the_raisers_department(gql):
    found, total = _all_problem_ids(gql, "admin", departmentId='"d-tek"')
    expected = sorted(
        p["id"] for p in DEMO.problems if MANAGERS[p["raisedBy"]]["departmentId"] == "d-tek"
    )
    assert found == expected and total == len(expected)


def test_problems_by_raiser(gql):
    found, total = _all_problem_ids(gql, "manager", raisedBy=f'"{ME}"')
    assert RAISED_BY_ME and found == RAISED_BY_ME and total == len(RAISED_BY_ME)


def test_problem_filters_combine(gql):
    found, total = _all_problem_ids(gql, "admin", category="SICK_LEAVE", status="OPEN")
    expected = sorted(p["id"] for p in DEMO.problems
                      if p["category"] == "SICK_LEAVE" and p["status"] == "OPEN")
    assert found == expected and total == len(expected)


def test_listing_by_raiser_leaves_out_confidential_problems_the_viewer_may_not_read(gql):
    raiser = next(p["raisedBy"] for p in DEMO.problems
                  if p["confidential"] and p["raisedBy"] != ME)
    as_admin, _ = _all_problem_ids(gql, "admin", raisedBy=f'"{raiser}"')
    as_other, total = _all_problem_ids(gql, "manager", raisedBy=f'"{raiser}"')
    handled_by_viewer = {h["problemId"] for h in DEMO.handled if h["managerId"] == ME}
    visible = [p for p in as_admin
               if not PROBLEMS[p]["confidential"] or p in handled_by_viewer]
    assert as_other == visible and total == len(visible)
    assert len(as_admin) > len(as_other)


# ---- nested fields, both ways ------------------------------------------------------------

def test_a_managers_department_cohorts_contacts_and_problems(gql):
    data = ok(gql("""query($id: ID!) { manager(id: $id) {
        department { id }
        cohorts { role cohort { id } }
        contacts { since source manager { id } cohort { id } }
        raisedProblems { id }
    } }""", {"id": ME}))["manager"]
    assert data["department"] == {"id": MANAGERS[ME]["departmentId"]}
    assert data["cohorts"] == sorted(
        ({"role": r["role"], "cohort": {"id": r["cohortId"]}}
         for r in DEMO.memberships if r["managerId"] == ME), key=lambda c: c["cohort"]["id"])
    contacts = {(c["b"] if c["a"] == ME else c["a"]): c for c in DEMO.contacts
                if ME in (c["a"], c["b"])}
    assert sorted(c["manager"]["id"] for c in data["contacts"]) == sorted(contacts)
    for contact in data["contacts"]:
        stored = contacts[contact["manager"]["id"]]
        assert contact["since"] == stored["since"]
        assert contact["source"] == stored["source"]
        assert contact["cohort"] == ({"id": stored["cohortId"]} if stored["cohortId"] else None)
    assert sorted(p["id"] for p in data["raisedProblems"]) == RAISED_BY_ME


def test_a_managers_handled_problems_with_outcomes(gql):
    handler = DEMO.handled[0]["managerId"]
    data = ok(gql('query($id: ID!) { manager(id: $id) { handledProblems '
                  '{ outcome note handledAt manager { id } problem { id } } } }',
                  {"id": handler}, role="admin"))["manager"]
    expected = {h["problemId"]: h for h in DEMO.handled if h["managerId"] == handler}
    got = {h["problem"]["id"]: h for h in data["handledProblems"]}
    assert set(got) == set(expected)
    for problem_id, handling in got.items():
        assert handling["outcome"] == expected[problem_id]["outcome"]
        assert handling["note"] == expected[problem_id]["note"]
        assert handling["handledAt"] == expected[problem_id]["handledAt"]
        assert handling["manager"] == {"id": handler}


def test_a_departments_managers(gql):
    data = ok(gql('{ department(id: "d-kl") { managers { id department { id } } } }'))
    managers = data["department"]["managers"]
    assert [m["id"] for m in managers] == sorted(
        m["id"] for m in DEMO.managers if m["departmentId"] == "d-kl")
    assert all(m["department"] == {"id": "d-kl"} for m in managers)


def test_a_cohorts_members_with_roles_and_sessions(gql):
    data = ok(gql('{ cohort(id: "c-2") { members { role manager { id } } '
                  'sponsors: members(role: SPONSOR) { manager { id } } '
                  'sessions { id number date cohort { id } } } }'))["cohort"]
    expected = {r["managerId"]: r["role"] for r in DEMO.memberships if r["cohortId"] == "c-2"}
    assert {m["manager"]["id"]: m["role"] for m in data["members"]} == expected
    assert sorted(m["manager"]["id"] for m in data["sponsors"]) == sorted(
        m for m, role in expected.items() if role == "SPONSOR")
    assert len(data["sponsors"]) == 2
    sessions = sorted(
        (s for s in DEMO.sessions if s["cohortId"] == "c-2"), key=lambda s: s["number"]
    )
    assert [(s["id"], s["number"], s["date"]) for s in data["sessions"]] == [
        (s["id"], s["number"], s["date"]) for s in sessions]
    assert all(s["cohort"] == {"id": "c-2"} for s in data["sessions"])


def test_a_problems_raiser_handlers_and_sessions(gql):
    discussed = defaultdict(set)
    for row in DEMO.discussed:
        discussed[row["problemId"]].add(row["sessionId"])
    handled = defaultdict(dict)
    for row in DEMO.handled:
        handled[row["problemId"]][row["managerId"]] = row["outcome"]
    problem_id = next(p for p in sorted(discussed) if len(handled[p]) >= 2)
    data = ok(gql('query($id: ID!) { problem(id: $id) { raisedBy { id } '
                  'handlers { outcome manager { id } problem { id } } sessions { id } } }',
                  {"id": problem_id}, role="admin"))["problem"]
    assert data["raisedBy"] == {"id": PROBLEMS[problem_id]["raisedBy"]}
    assert {h["manager"]["id"]: h["outcome"] for h in data["handlers"]} == handled[problem_id]
    assert all(h["problem"] == {"id": problem_id} for h in data["handlers"])
    assert {s["id"] for s in data["sessions"]} == discussed[problem_id]


def test_a_raisers_problem_points_back_to_the_raiser(gql):
    data = ok(gql('query($id: ID!) { manager(id: $id) { raisedProblems { raisedBy { id } } } }',
                  {"id": ME}))
    assert {p["raisedBy"]["id"] for p in data["manager"]["raisedProblems"]} == {ME}
