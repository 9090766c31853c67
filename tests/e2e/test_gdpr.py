"""GDPR: right of access (export), right to erasure (nothing referencing the person remains,
their problems stay as anonymous statistics), and the audit log (written for confidential
reads and admin actions, ids only, append-only, readable by admins)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from peernet.errors import DbUnavailable
from peernet.graph import audit
from peernet.seeds import demo as demo_data
from tests.conftest import cypher
from tests.graph_checks import snapshot

ME = demo_data.DEMO_MANAGER_ID
ADMIN = demo_data.DEMO_ADMIN_ID
DEMO = demo_data.build_demo()
PEERNET = Path(sys.executable).with_name("peernet")
NAMES = {m["id"]: m["name"] for m in DEMO.managers}


def _erasable() -> str:
    """A manager who raised a confidential problem that someone else handled with a note,
    handled problems themself, and has contacts and memberships: erasure touches everything."""
    handled_by = {h["managerId"] for h in DEMO.handled}
    noted = {h["problemId"] for h in DEMO.handled if h["note"]}
    for p in DEMO.problems:
        raiser = p["raisedBy"]
        if (
            p["confidential"]
            and p["id"] in noted
            and raiser in handled_by
            and raiser not in (ME, ADMIN, demo_data.DEMO_SPONSOR_ID)
            and any(h["problemId"] == p["id"] and h["managerId"] != raiser for h in DEMO.handled)
        ):
            return raiser
    raise AssertionError("the demo data has no manager to erase")


VICTIM = _erasable()
VICTIM_PROBLEMS = sorted(p["id"] for p in DEMO.problems if p["raisedBy"] == VICTIM)
CONFIDENTIAL = next(p for p in DEMO.problems if p["raisedBy"] == VICTIM and p["confidential"])


def _peernet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PEERNET), *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


def _entries(**where) -> list[dict]:
    clauses = " AND ".join(f"a.{k} = ${k}" for k in where) or "true"
    return cypher(f"MATCH (a:AuditEntry) WHERE {clauses} RETURN properties(a) AS e ORDER BY a.id",
                  **where)


# --- right of access ------------------------------------------------------------------------

def test_a_manager_exports_their_own_data(gql, demo_graph):
    body = gql(f'{{ exportManagerData(id: "{ME}") }}')
    assert "errors" not in body, body
    data = body["data"]["exportManagerData"]
    assert data["manager"]["name"] == "Sara Lindqvist" and data["manager"]["id"] == ME
    kinds = {(r["type"], r["other"]["id"]) for r in data["relationships"]}
    assert ("WORKS_IN", "d-vo") in kinds and ("MEMBER_OF", "c-3") in kinds
    assert any(t == "KNOWS" for t, _ in kinds) and any(t == "ATTENDED" for t, _ in kinds)
    mine = [p for p in DEMO.problems if p["raisedBy"] == ME]
    assert [p["title"] for p in data["problemsRaised"]] == [p["title"] for p in mine]
    assert all("sessionIds" in p for p in data["problemsRaised"])
    json.dumps(data)  # every value is plain JSON (dates as ISO strings)


def test_an_admin_exports_anyones_data_and_the_export_is_audited(gql, demo_graph):
    body = gql(f'{{ exportManagerData(id: "{VICTIM}") }}', role="admin")
    data = body["data"]["exportManagerData"]
    assert data["manager"]["name"] == NAMES[VICTIM]
    assert CONFIDENTIAL["description"] in [p["description"] for p in data["problemsRaised"]]
    assert _entries(actorId=ADMIN, action=audit.EXPORT_MANAGER_DATA, targetId=VICTIM)
    assert _entries(
        actorId=ADMIN, action=audit.READ_CONFIDENTIAL_PROBLEM, targetId=CONFIDENTIAL["id"]
    )


def test_exporting_someone_unknown_is_not_found_for_admins(gql, demo_graph):
    body = gql('{ exportManagerData(id: "m-nobody") }', role="admin")
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_cli_exports_a_person(demo_graph):
    done = _peernet("export-person", ME)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["manager"]["id"] == ME
    assert _entries(actorId=audit.CLI_ACTOR, action=audit.EXPORT_MANAGER_DATA, targetId=ME)


# --- right to erasure ---------------------------------------------------------------------

def _references(manager_id: str, name: str) -> list[str]:
    """Every property anywhere (audit log aside) that holds the id or the name."""
    nodes, rels = snapshot()
    found = []
    for labels, props in nodes:
        if "AuditEntry" in labels:
            continue
        found += [f"{labels}.{k}={v}" for k, v in props if v == manager_id or name in v
                  or f"'{manager_id}'" in v]
    for rel in rels:
        rel_type, _, start, _, end, props = rel
        if manager_id in (start, end):
            found.append(f"{rel_type} {start}->{end}")
        found += [f"{rel_type}.{k}={v}" for k, v in props if v == manager_id or name in v]
    return found


def _assert_erased(manager_id: str) -> None:
    assert not cypher("MATCH (m:Manager {id: $id}) RETURN m.id AS id", id=manager_id)
    assert _references(manager_id, NAMES[manager_id]) == []
    kept = cypher("""
        MATCH (p:Problem) WHERE p.id IN $ids
        RETURN p.id AS id, p.title AS title, p.description AS description, p.category AS category,
               p.createdAt AS createdAt, p.status AS status, p.anonymisedAt AS anonymisedAt,
               [(p)-[:DISCUSSED_IN]->(s) | s.id] AS sessions,
               [(h)-[x:HANDLED]->(p) | {by: h.id, outcome: x.outcome, note: x.note}] AS handled
        ORDER BY id""", ids=VICTIM_PROBLEMS)
    assert [p["id"] for p in kept] == VICTIM_PROBLEMS  # the statistics stay
    by_id = {p["id"]: p for p in DEMO.problems}
    for p in kept:
        assert p["title"] is None and p["description"] is None and p["anonymisedAt"]
        assert p["category"] == by_id[p["id"]]["category"]
        assert p["createdAt"] == by_id[p["id"]]["createdAt"]
        assert sorted(p["sessions"]) == sorted(d["sessionId"] for d in DEMO.discussed
                                               if d["problemId"] == p["id"])
        others = [
            h for h in DEMO.handled if h["problemId"] == p["id"] and h["managerId"] != manager_id
        ]
        assert sorted((h["by"], h["outcome"]) for h in p["handled"]) == sorted(
            (h["managerId"], h["outcome"]) for h in others)
        assert all(h["note"] is None for h in p["handled"])


def test_erasure_removes_the_person_and_everything_that_identifies_them(gql, fresh_demo):
    # Suggestions too: they are written about and for the person by a job.
    ran = gql('mutation { runJob(name: "suggest-contacts") { status } }', role="admin")
    assert ran["data"]["runJob"]["status"] == "SUCCEEDED", ran
    assert cypher("MATCH (:Manager {id: $id})-[r:SUGGESTED]-() RETURN count(r) AS n",
                  id=VICTIM)[0]["n"]
    before = len(_entries())
    body = gql(f'mutation {{ eraseManager(id: "{VICTIM}") {{ managerId problemsAnonymised '
               'notesRemoved relationshipsRemoved } }', role="admin")
    assert "errors" not in body, body
    result = body["data"]["eraseManager"]
    assert result["managerId"] == VICTIM and result["problemsAnonymised"] == len(VICTIM_PROBLEMS)
    assert result["notesRemoved"] >= 1 and result["relationshipsRemoved"] > len(VICTIM_PROBLEMS)
    _assert_erased(VICTIM)
    # The audit log survives erasure and records it (the id stays, see docs/privacy.md).
    assert len(_entries()) == before + 1
    assert _entries(actorId=ADMIN, action=audit.ERASE_MANAGER, targetId=VICTIM)
    # Nothing of the person is reachable through the API any more.
    gone = gql(f'{{ manager(id: "{VICTIM}") {{ id }} problem(id: "{CONFIDENTIAL["id"]}") '
               '{ title description raisedBy { id } restricted category } }', role="admin")
    assert gone["data"]["manager"] is None
    assert gone["data"]["problem"] == {"title": None, "description": None, "raisedBy": None,
                                       "restricted": False, "category": CONFIDENTIAL["category"]}
    again = gql(f'mutation {{ eraseManager(id: "{VICTIM}") {{ managerId }} }}', role="admin")
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_cli_erases_a_person(fresh_demo):
    done = _peernet("erase", VICTIM, "--yes")
    assert done.returncode == 0, done.stderr
    _assert_erased(VICTIM)
    assert _entries(actorId=audit.CLI_ACTOR, action=audit.ERASE_MANAGER, targetId=VICTIM)


# --- the audit log ------------------------------------------------------------------------

def _raiser_reads_confidential(gql) -> dict:
    return gql(
        f'{{ problem(id: "{CONFIDENTIAL["id"]}") {{ title description handlers {{ note }} }} }}',
        role="manager",
        manager_id=VICTIM,
    )


def test_reading_confidential_text_is_recorded_with_ids_only(gql, demo_graph):
    body = _raiser_reads_confidential(gql)
    assert body["data"]["problem"]["description"] == CONFIDENTIAL["description"]
    read = _entries(
        actorId=VICTIM, action=audit.READ_CONFIDENTIAL_PROBLEM, targetId=CONFIDENTIAL["id"]
    )
    notes = _entries(
        actorId=VICTIM, action=audit.READ_CONFIDENTIAL_NOTE, targetId=CONFIDENTIAL["id"]
    )
    assert read and notes
    entry = read[-1]["e"]
    assert set(entry) == {"id", "at", "actorId", "action", "targetId", "targetLabel"}
    assert entry["targetLabel"] == "Problem"
    texts = {CONFIDENTIAL["title"], CONFIDENTIAL["description"]} | {
        h["note"] for h in DEMO.handled if h["problemId"] == CONFIDENTIAL["id"] and h["note"]}
    for row in _entries():
        assert not set(row["e"].values()) & texts


def test_reads_that_reveal_nothing_confidential_are_not_recorded(gql, demo_graph):
    before = len(_entries())
    public = next(p for p in DEMO.problems if not p["confidential"])
    gql(f'{{ problem(id: "{public["id"]}") {{ title description handlers {{ note }} }} }}')
    restricted = gql(
        f'{{ problem(id: "{CONFIDENTIAL["id"]}") {{ title description restricted }} }}'
    )
    assert restricted["data"]["problem"]["restricted"] is True
    assert len(_entries()) == before


def test_text_is_not_returned_when_its_read_cannot_be_recorded(gql, demo_graph, monkeypatch):
    async def broken(db, entries):
        raise DbUnavailable("the database is unavailable; try again shortly")

    monkeypatch.setattr(audit, "append", broken)
    response = gql.post(f'{{ problem(id: "{CONFIDENTIAL["id"]}") {{ category description }} }}',
                        role="manager", manager_id=VICTIM)
    assert response.status_code == 503
    body = response.json()
    assert CONFIDENTIAL["description"] not in response.text
    assert body["errors"][0]["extensions"]["code"] == "DB_UNAVAILABLE"


def test_admin_actions_are_recorded(gql, fresh_demo):
    body = gql('mutation { createDepartment(input: {id: "d-audit", name: "Revision"}) { id } '
               'deleteDepartment(id: "d-audit") }', role="admin")
    assert "errors" not in body, body
    created = _entries(actorId=ADMIN, action="CREATE_DEPARTMENT", targetId="d-audit")
    deleted = _entries(actorId=ADMIN, action="DELETE_DEPARTMENT", targetId="d-audit")
    assert created[0]["e"]["targetLabel"] == "Department"
    assert deleted[0]["e"]["targetLabel"] == "Department"
    # A manager's own mutations are not admin actions; failed admin mutations change nothing.
    gql('mutation { recordContact(input: {otherId: "m-150"}) { since } }')
    assert not _entries(actorId=ME, action="RECORD_CONTACT")
    gql('mutation { deleteDepartment(id: "d-missing") }', role="admin")
    assert not _entries(action="DELETE_DEPARTMENT", targetId="d-missing")


def test_admins_page_through_the_audit_log_newest_first(gql, demo_graph):
    _raiser_reads_confidential(gql)
    query = f"""query($after: String) {{ auditLog(first: 2, after: $after, actorId: "{VICTIM}") {{
        totalCount edges {{ cursor node {{ id at actorId action targetId targetLabel }} }}
        pageInfo {{ hasNextPage endCursor }} }} }}"""
    first = gql(query, role="admin")["data"]["auditLog"]
    assert first["totalCount"] >= 2 and len(first["edges"]) == 2
    ids = [e["node"]["id"] for e in first["edges"]]
    assert ids == sorted(ids, reverse=True)
    if first["pageInfo"]["hasNextPage"]:
        body = gql(query, {"after": first["pageInfo"]["endCursor"]}, role="admin")
        second = body["data"]["auditLog"]
        assert all(e["node"]["id"] < ids[-1] for e in second["edges"])
    assert _entries(actorId=ADMIN, action=audit.READ_AUDIT_LOG)


def test_the_audit_log_is_append_only(gql, demo_graph):
    fields = gql('{ __schema { mutationType { fields { name } } } }')["data"]["__schema"]
    names = [f["name"].lower() for f in fields["mutationType"]["fields"]]
    assert not [n for n in names if "audit" in n]


def test_first_above_the_cap_is_refused(gql, demo_graph):
    body = gql("{ auditLog(first: 101) { totalCount } }", role="admin")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
