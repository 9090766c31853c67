"""Every mutation over HTTP, checked with Cypher against what it should have written.

Organisation management (departments, managers, cohorts, sessions, members) is for admins; a
manager raises problems as themself and records their own handling and contacts. Each test
uses ``fresh_demo``, which reloads the demo data before and after, so the rest of the suite
still sees it pristine."""

from __future__ import annotations

import pytest

from tests.conftest import cypher

pytestmark = pytest.mark.usefixtures("fresh_demo")


def ok(body: dict) -> dict:
    assert body.get("errors") is None, body["errors"]
    return body["data"]


def one(query: str, **params) -> dict | None:
    rows = cypher(query, **params)
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def test_create_update_and_delete_a_department(gql):
    created = ok(gql('mutation { createDepartment(input: {id: "d-ny", name: "  Digitalisering "}) '
                     '{ id name managers { id } } }', role="admin"))["createDepartment"]
    assert created == {"id": "d-ny", "name": "Digitalisering", "managers": []}
    assert one("MATCH (d:Department {id: 'd-ny'}) RETURN d.name AS name") == {
        "name": "Digitalisering"
    }

    updated = ok(gql('mutation { updateDepartment(input: {id: "d-ny", name: "Digital service"}) '
                     '{ name } }', role="admin"))["updateDepartment"]
    assert updated == {"name": "Digital service"}
    assert one("MATCH (d:Department {id: 'd-ny'}) RETURN d.name AS name") == {
        "name": "Digital service"
    }

    assert ok(gql('mutation { deleteDepartment(id: "d-ny") }', role="admin")) == {
        "deleteDepartment": "d-ny"
    }
    assert one("MATCH (d:Department {id: 'd-ny'}) RETURN d.id AS id") is None


def test_a_department_without_an_id_gets_one(gql):
    created = ok(gql('mutation { createDepartment(input: {name: "Upphandling"}) { id } }',
                     role="admin"))["createDepartment"]
    assert created["id"].startswith("d-")
    assert one("MATCH (d:Department {id: $id}) RETURN d.name AS name", id=created["id"]) == {
        "name": "Upphandling"}


def test_create_update_move_and_delete_a_manager(gql):
    created = ok(gql("""mutation { createManager(input: {id: "m-ny", name: "Alva Berg",
        departmentId: "d-tek", title: "Enhetschef", level: FIRST_LINE, managerSince: 2024})
        { id name title level managerSince department { id } } }""", role="admin"))["createManager"]
    assert created == {"id": "m-ny", "name": "Alva Berg", "title": "Enhetschef",
                       "level": "FIRST_LINE", "managerSince": 2024, "department": {"id": "d-tek"}}
    assert one(
        "MATCH (m:Manager {id: 'm-ny'})-[:WORKS_IN]->(d) RETURN d.id AS d, m.level AS level"
    ) == {"d": "d-tek", "level": "FIRST_LINE"}

    updated = ok(gql("""mutation { updateManager(input: {id: "m-ny", name: "Alva Berg-Ek",
        level: MIDDLE, departmentId: "d-kf"}) { name title level department { id } } }""",
        role="admin"))["updateManager"]
    assert updated == {"name": "Alva Berg-Ek", "title": "Enhetschef", "level": "MIDDLE",
                       "department": {"id": "d-kf"}}
    assert cypher("MATCH (:Manager {id: 'm-ny'})-[:WORKS_IN]->(d) RETURN d.id AS d") == [
        {"d": "d-kf"}
    ]

    department = ok(gql('{ department(id: "d-kf") { managers { id } } }'))["department"]
    assert "m-ny" in [m["id"] for m in department["managers"]]

    assert ok(gql('mutation { deleteManager(id: "m-ny") }', role="admin")) == {
        "deleteManager": "m-ny"
    }
    assert one("MATCH (m:Manager {id: 'm-ny'}) RETURN m.id AS id") is None


def test_deleting_a_manager_removes_their_relationships_but_keeps_their_problems(gql, fresh_demo):
    raiser = cypher(
        "MATCH (m:Manager)-[:RAISED]->(p:Problem) RETURN m.id AS m, collect(p.id) AS ps "
        "ORDER BY m LIMIT 1"
    )[0]
    ok(gql("mutation($id: ID!) { deleteManager(id: $id) }", {"id": raiser["m"]}, role="admin"))
    assert one("MATCH (p:Problem) WHERE p.id IN $ps RETURN count(p) AS n", ps=raiser["ps"]) == {
        "n": len(raiser["ps"])}
    assert one("MATCH (m:Manager {id: $id}) RETURN m.id AS id", id=raiser["m"]) is None


def test_create_update_and_delete_a_cohort_with_its_sessions(gql):
    created = ok(
        gql(
            """mutation { createCohort(input: {id: "c-9", name: "Kohort 9",
        start: "2026-09-01", end: "2029-03-01"}) {
        id name start end members { role } sessions { id } } }""",
            role="admin",
        )
    )["createCohort"]
    assert created == {"id": "c-9", "name": "Kohort 9", "start": "2026-09-01", "end": "2029-03-01",
                       "members": [], "sessions": []}
    assert one(
        "MATCH (c:Cohort {id: 'c-9'}) RETURN toString(c.start) AS start, toString(c.end) AS end"
    ) == {"start": "2026-09-01", "end": "2029-03-01"}

    updated = ok(gql('mutation { updateCohort(input: {id: "c-9", name: "Kohort 9 (vår)", '
                     'end: "2029-06-01"}) { name start end } }', role="admin"))["updateCohort"]
    assert updated == {"name": "Kohort 9 (vår)", "start": "2026-09-01", "end": "2029-06-01"}

    ok(gql('mutation { createSession(input: {id: "s-9-01", cohortId: "c-9", number: 1, '
           'date: "2026-09-01", theme: "Uppstart"}) { id } }', role="admin"))
    assert ok(gql('mutation { deleteCohort(id: "c-9") }', role="admin")) == {"deleteCohort": "c-9"}
    assert cypher("MATCH (n) WHERE n.id IN ['c-9', 's-9-01'] RETURN n.id AS id") == []


def test_create_update_and_delete_a_session(gql):
    created = ok(gql("""mutation { createSession(input: {id: "s-4-11", cohortId: "c-4", number: 11,
        date: "2026-03-01", theme: "Avslutning"}) { id number date theme cohort { id } } }""",
        role="admin"))["createSession"]
    assert created == {"id": "s-4-11", "number": 11, "date": "2026-03-01", "theme": "Avslutning",
                       "cohort": {"id": "c-4"}}
    assert one(
        "MATCH (s:Session {id: 's-4-11'})-[:OF_COHORT]->(c) RETURN c.id AS c, s.number AS n"
    ) == {"c": "c-4", "n": 11}
    sessions = ok(gql('{ cohort(id: "c-4") { sessions { id } } }'))["cohort"]["sessions"]
    assert sessions[-1] == {"id": "s-4-11"}

    updated = ok(
        gql(
            'mutation { updateSession(input: {id: "s-4-11", number: 12, '
            'theme: "Avslutning och fest"}) { number date theme } }',
            role="admin",
        )
    )["updateSession"]
    assert updated == {"number": 12, "date": "2026-03-01", "theme": "Avslutning och fest"}

    assert ok(gql('mutation { deleteSession(id: "s-4-11") }', role="admin")) == {
        "deleteSession": "s-4-11"
    }
    assert one("MATCH (s:Session {id: 's-4-11'}) RETURN s.id AS id") is None


def test_add_and_remove_cohort_members(gql):
    outsider = cypher("MATCH (m:Manager) WHERE NOT (m)-[:MEMBER_OF]->(:Cohort {id: 'c-2'}) "
                      "RETURN m.id AS id ORDER BY id LIMIT 1")[0]["id"]
    members = ok(gql("""mutation($m: ID!) { addCohortMember(input: {cohortId: "c-2", managerId: $m,
        role: SPONSOR}) { members(role: SPONSOR) { manager { id } } } }""", {"m": outsider},
        role="admin"))["addCohortMember"]["members"]
    assert {"manager": {"id": outsider}} in members
    assert one(
        "MATCH (:Manager {id: $m})-[r:MEMBER_OF]->(:Cohort {id: 'c-2'}) RETURN r.role AS role",
        m=outsider,
    ) == {"role": "SPONSOR"}
    cohorts = ok(gql("query($m: ID!) { manager(id: $m) { cohorts { role cohort { id } } } }",
                     {"m": outsider}))["manager"]["cohorts"]
    assert {"role": "SPONSOR", "cohort": {"id": "c-2"}} in cohorts

    members = ok(gql('mutation($m: ID!) { removeCohortMember(cohortId: "c-2", managerId: $m) '
                     '{ members { manager { id } } } }', {"m": outsider}, role="admin"))
    assert outsider not in [m["manager"]["id"] for m in members["removeCohortMember"]["members"]]
    assert cypher("MATCH (:Manager {id: $m})-[r:MEMBER_OF]->(:Cohort {id: 'c-2'}) RETURN r",
                  m=outsider) == []


def test_a_new_member_defaults_to_participant(gql):
    outsider = cypher("MATCH (m:Manager) WHERE NOT (m)-[:MEMBER_OF]->() "
                      "RETURN m.id AS id ORDER BY id LIMIT 1")[0]["id"]
    ok(gql('mutation($m: ID!) { addCohortMember(input: {cohortId: "c-1", managerId: $m}) { id } }',
           {"m": outsider}, role="admin"))
    assert one(
        "MATCH (:Manager {id: $m})-[r:MEMBER_OF]->(:Cohort {id: 'c-1'}) RETURN r.role AS role",
        m=outsider,
    ) == {"role": "PARTICIPANT"}


def test_a_manager_raises_a_problem_as_themself(gql, fresh_demo):
    me = fresh_demo.DEMO_MANAGER_ID
    session = cypher("MATCH (:Manager {id: $me})-[:MEMBER_OF]->(c)<-[:OF_COHORT]-(s:Session) "
                     "RETURN s.id AS id ORDER BY id LIMIT 1", me=me)[0]["id"]
    raised = ok(
        gql(
            """mutation($s: ID!) { raiseProblem(input: {id: "p-ny", title: "Skrivarna strular",
        description: "Ingen kan skriva ut sedan uppdateringen.", category: IT_SUPPORT,
        sessionIds: [$s, $s]}) { id title category confidential restricted status createdAt
        raisedBy { id } sessions { id } handlers { outcome } } }""",
            {"s": session},
        )
    )["raiseProblem"]
    assert raised["raisedBy"] == {"id": me}
    assert raised["sessions"] == [{"id": session}]
    assert (raised["category"], raised["confidential"], raised["restricted"], raised["status"]) == (
        "IT_SUPPORT", False, False, "OPEN")
    assert raised["handlers"] == [] and raised["createdAt"].endswith("Z")
    assert one("""MATCH (m:Manager)-[:RAISED]->(p:Problem {id: 'p-ny'})-[:DISCUSSED_IN]->(s:Session)
                  RETURN m.id AS m, collect(s.id) AS s, p.status AS status""") == {
        "m": me, "s": [session], "status": "OPEN"}


def test_health_problems_are_confidential_unless_said_otherwise(gql):
    def raise_(category: str, extra: str = "") -> bool:
        body = gql(f'mutation {{ raiseProblem(input: {{title: "T", description: "D", '
                   f'category: {category}{extra}}}) {{ confidential }} }}')
        return ok(body)["raiseProblem"]["confidential"]

    assert raise_("SICK_LEAVE") is True
    assert raise_("SUBSTANCE_ABUSE") is True
    assert raise_("BUDGET") is False
    assert raise_("SICK_LEAVE", ", confidential: false") is False
    assert raise_("CONFLICT", ", confidential: true") is True


def test_a_manager_records_their_own_handling(gql, fresh_demo):
    me = fresh_demo.DEMO_MANAGER_ID
    problem = cypher("MATCH (p:Problem {status: 'OPEN', confidential: false}) "
                     "WHERE NOT EXISTS { (:Manager {id: $me})-[:HANDLED]->(p) } "
                     "RETURN p.id AS id ORDER BY id LIMIT 1", me=me)[0]["id"]
    handled = ok(
        gql(
            """mutation($p: ID!) { recordHandling(input: {problemId: $p, outcome: PARTLY,
        note: "Vi provade rotation."}) {
        outcome note handledAt manager { id } problem { id status } } }""",
            {"p": problem},
        )
    )["recordHandling"]
    assert handled["outcome"] == "PARTLY" and handled["note"] == "Vi provade rotation."
    assert handled["manager"] == {"id": me}
    assert handled["problem"] == {"id": problem, "status": "IN_PROGRESS"}
    assert one("MATCH (:Manager {id: $me})-[h:HANDLED]->(p:Problem {id: $p}) "
               "RETURN h.outcome AS outcome, p.status AS status", me=me, p=problem) == {
        "outcome": "PARTLY", "status": "IN_PROGRESS"}

    handlers = ok(gql("query($p: ID!) { problem(id: $p) { handlers { outcome manager { id } } } }",
                      {"p": problem}))["problem"]["handlers"]
    assert {"outcome": "PARTLY", "manager": {"id": me}} in handlers


def test_a_resolved_outcome_resolves_the_problem_and_admins_may_record_for_others(gql):
    problem, handler = (cypher(
        "MATCH (p:Problem {status: 'OPEN'}), (m:Manager) WHERE NOT (m)-[:HANDLED|RAISED]->(p) "
        "RETURN p.id AS p, m.id AS m ORDER BY p, m LIMIT 1")[0][k] for k in ("p", "m"))
    handled = ok(gql("""mutation($p: ID!, $m: ID!) { recordHandling(input: {problemId: $p,
        outcome: RESOLVED, managerId: $m}) { manager { id } } }""", {"p": problem, "m": handler},
        role="admin"))["recordHandling"]
    assert handled["manager"] == {"id": handler}
    assert one("MATCH (:Manager {id: $m})-[h:HANDLED]->(p:Problem {id: $p}) "
               "RETURN h.outcome AS outcome, p.status AS status", m=handler, p=problem) == {
        "outcome": "RESOLVED", "status": "RESOLVED"}


def test_a_manager_records_a_contact_stored_once_whichever_way_round(gql, fresh_demo):
    me = fresh_demo.DEMO_MANAGER_ID
    stranger = cypher(
        "MATCH (a:Manager {id: $me}), (b:Manager) WHERE b <> a AND NOT (a)-[:KNOWS]-(b) "
        "RETURN b.id AS id ORDER BY id DESC LIMIT 1",
        me=me,
    )[0]["id"]
    contact = ok(gql("""mutation($o: ID!) { recordContact(input: {otherId: $o, since: "2025-05-01"})
        { since source manager { id } cohort { id } } }""", {"o": stranger}))["recordContact"]
    assert contact == {"since": "2025-05-01", "source": "MANUAL", "manager": {"id": stranger},
                       "cohort": None}
    low, high = sorted((me, stranger))
    assert cypher("MATCH (a:Manager)-[k:KNOWS]->(b:Manager) WHERE {a: a.id, b: b.id} IN $pairs "
                  "RETURN a.id AS a, b.id AS b, k.source AS source",
                  pairs=[{"a": me, "b": stranger}, {"a": stranger, "b": me}]) == [
        {"a": low, "b": high, "source": "MANUAL"}]

    # Recorded again from the other side: still one relationship, and both see each other.
    ok(gql("mutation($o: ID!) { recordContact(input: {otherId: $o}) { since } }", {"o": me},
           manager_id=stranger))
    assert one("MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) RETURN count(k) AS n",
               a=me, b=stranger) == {"n": 1}
    mine = ok(gql("query($id: ID!) { manager(id: $id) { contacts { manager { id } } } }",
                  {"id": me}))["manager"]["contacts"]
    assert {"manager": {"id": stranger}} in mine
