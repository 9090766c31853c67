"""One meaning for removing a person: ``deleteManager`` applies erasure's rules, and a
person's own data export shows what they did, not what others did about them."""

from __future__ import annotations

from peernet.seeds import demo as demo_data
from tests.conftest import cypher
from tests.e2e.test_erasure_leaves_nothing import mentions, write

ADMIN = demo_data.DEMO_ADMIN_ID
ME = demo_data.DEMO_MANAGER_ID
DEMO = demo_data.build_demo()


def _raiser_of_a_noted_confidential_problem() -> str:
    noted = {h["problemId"] for h in DEMO.handled if h["note"]}
    for p in DEMO.problems:
        if p["confidential"] and p["id"] in noted and p["raisedBy"] not in (
                ME, ADMIN, demo_data.DEMO_SPONSOR_ID):
            return p["raisedBy"]
    raise AssertionError("the demo data has no confidential problem with a note")


def test_deleting_a_manager_erases_them(gql, fresh_demo):
    victim = _raiser_of_a_noted_confidential_problem()
    theirs = sorted(p["id"] for p in DEMO.problems if p["raisedBy"] == victim)
    # Traces in the audit log: they read their own confidential text; an admin exported them.
    gql(f'{{ problem(id: "{theirs[0]}") {{ title }} }}', manager_id=victim)
    gql(f'{{ exportManagerData(id: "{victim}") }}', role="admin")

    body = gql("mutation($id: ID!) { deleteManager(id: $id) }", {"id": victim}, role="admin")
    assert body == {"data": {"deleteManager": victim}}

    kept = cypher("""MATCH (p:Problem) WHERE p.id IN $ids
                     RETURN p.id AS id, p.title AS title, p.description AS description,
                            p.anonymisedAt AS anonymisedAt,
                            [(:Manager)-[h:HANDLED]->(p) | h.note] AS notes
                     ORDER BY id""", ids=theirs)
    assert [p["id"] for p in kept] == theirs  # the statistics stay …
    for p in kept:  # … without the text, confidential or not
        assert p["title"] is None and p["description"] is None and p["anonymisedAt"]
        assert all(n is None for n in p["notes"])
    left = mentions(victim)
    assert len(left) == 1 and "AuditEntry" in left[0], left
    deleted = cypher("MATCH (a:AuditEntry {targetId: $id}) RETURN a.action AS action", id=victim)
    assert deleted == [{"action": "DELETE_MANAGER"}]
    acted = "MATCH (a:AuditEntry {actorId: $id}) RETURN count(a) AS n"
    assert cypher(acted, id=victim) == [{"n": 0}]


def test_the_own_export_shows_what_they_did_not_what_others_did_about_them(gql, fresh_demo):
    other, third = [r["id"] for r in cypher("""
        MATCH (o:Manager) WHERE o.id <> $me AND NOT EXISTS { (o)--(:Manager {id: $me}) }
        RETURN o.id AS id ORDER BY o.id DESC LIMIT 2""", me=ME)]
    # Someone else dismissed ME (their choice), and ME dismissed someone (ME's choice).
    write("""MATCH (o:Manager {id: $other}), (me:Manager {id: $me}), (t:Manager {id: $third})
             MERGE (o)-[:DISMISSED {at: '2026-01-01T00:00:00Z'}]->(me)
             MERGE (me)-[:DISMISSED {at: '2026-01-02T00:00:00Z'}]->(t)
             MERGE (o)-[:SUGGESTED {runId: 'r', rank: 0, score: 1.0, reasons: [],
                                    response: 'DISMISSED'}]->(me)
             MERGE (me)-[:SUGGESTED {runId: 'r', rank: 0, score: 1.0, reasons: [],
                                     response: 'DISMISSED'}]->(t)""",
          other=other, me=ME, third=third)
    data = gql(f'{{ exportManagerData(id: "{ME}") }}')["data"]["exportManagerData"]
    choices = {(r["type"], r["direction"], r["other"]["id"]) for r in data["relationships"]
               if r["type"] in ("DISMISSED", "SUGGESTED")}
    assert ("DISMISSED", "OUT", third) in choices and ("SUGGESTED", "OUT", third) in choices
    assert not [c for c in choices if c[1] == "IN"], choices
    assert other not in str(data)
