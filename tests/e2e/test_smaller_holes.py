"""Issue 11's smaller holes: who may respond to a suggestion, attach a problem to a session,
move a problem's status, and see where a restricted problem was discussed."""

from __future__ import annotations

from peernet.seeds import demo as demo_data
from tests.conftest import _with_db, cypher, run

ME = demo_data.DEMO_MANAGER_ID  # in cohort c-3
SPONSOR = demo_data.DEMO_SPONSOR_ID
ADMIN = demo_data.DEMO_ADMIN_ID
OWN_SESSION, OTHER_SESSION = "s-3-02", "s-1-05"  # of c-3 (ME's cohort) and of c-1

RAISE = """mutation($sessions: [ID!]!) {
  raiseProblem(input: {title: "Schemat", description: "Krockar",
  category: OTHER, sessionIds: $sessions}) { id sessions { id } } }"""
HANDLE = """mutation($id: ID!, $outcome: Outcome!) {
  recordHandling(input: {problemId: $id, outcome: $outcome}) {
  outcome } }"""
STATUS = "query($id: ID!) { problem(id: $id) { status handlers { manager { id } outcome } } }"
SESSIONS = "query($id: ID!) { problem(id: $id) { restricted sessions { id } } }"
RESPOND = """mutation($id: ID!, $r: SuggestionResponse!) {
  respondToSuggestion(managerId: $id, response: $r) {
  source manager { id } } }"""


def write(query: str, **params) -> None:
    async def work(db):
        async with db.driver.session(database=db.database) as session:
            await (await session.run(query, params)).consume()

    run(_with_db(work))


def _members(cohort: str) -> set[str]:
    return {r["id"] for r in cypher(
        "MATCH (m:Manager)-[:MEMBER_OF]->(:Cohort {id: $c}) RETURN m.id AS id", c=cohort)}


def _error(response) -> dict:
    return response.json()["errors"][0]


# ---- raiseProblem attaches only sessions of the raiser's own cohorts ----------------------

def test_a_manager_cannot_attach_a_problem_to_another_cohorts_session(gql, fresh_demo):
    assert ME not in _members("c-1")
    before = cypher("MATCH (p:Problem) RETURN count(p) AS n")[0]["n"]
    refused = gql.post(RAISE, {"sessions": [OWN_SESSION, OTHER_SESSION]})
    error = _error(refused)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert OTHER_SESSION in error["message"]
    assert cypher("MATCH (p:Problem) RETURN count(p) AS n")[0]["n"] == before

    own = gql(RAISE, {"sessions": [OWN_SESSION]})["data"]["raiseProblem"]
    assert [s["id"] for s in own["sessions"]] == [OWN_SESSION]


def test_an_admin_may_attach_a_problem_to_any_session(gql, fresh_demo):
    raised = gql(RAISE, {"sessions": [OTHER_SESSION]}, role="admin")["data"]["raiseProblem"]
    assert [s["id"] for s in raised["sessions"]] == [OTHER_SESSION]


# ---- only the raiser or an admin moves a problem's status ----------------------------------

def _open_problem(not_raised_by: set[str]) -> tuple[str, str]:
    row = cypher("MATCH (r:Manager)-[:RAISED]->(p:Problem) WHERE NOT p.confidential "
                 "AND p.status = 'OPEN' AND NOT r.id IN $not AND NOT (:Manager)-[:HANDLED]->(p) "
                 "RETURN p.id AS id, r.id AS raiser ORDER BY p.id LIMIT 1",
                 **{"not": list(not_raised_by)})
    return row[0]["id"], row[0]["raiser"]


def test_a_handling_by_someone_else_is_experience_and_leaves_the_status(gql, fresh_demo):
    problem, raiser = _open_problem({ME, ADMIN})
    gql(HANDLE, {"id": problem, "outcome": "RESOLVED"})  # ME, neither raiser nor admin
    after = gql(STATUS, {"id": problem})["data"]["problem"]
    assert after["status"] == "OPEN"
    assert {"manager": {"id": ME}, "outcome": "RESOLVED"} in after["handlers"]

    gql(HANDLE, {"id": problem, "outcome": "PARTLY"}, manager_id=raiser)
    assert gql(STATUS, {"id": problem})["data"]["problem"]["status"] == "IN_PROGRESS"


def test_the_raiser_and_an_admin_move_the_status(gql, fresh_demo):
    problem, raiser = _open_problem({ME, ADMIN})
    gql(HANDLE, {"id": problem, "outcome": "RESOLVED"}, manager_id=raiser)
    assert gql(STATUS, {"id": problem})["data"]["problem"]["status"] == "RESOLVED"

    other, _ = _open_problem({ME, ADMIN})
    gql(HANDLE, {"id": other, "outcome": "RESOLVED"}, role="admin")
    assert gql(STATUS, {"id": other})["data"]["problem"]["status"] == "RESOLVED"


# ---- a restricted problem's sessions: only to those who were in the room -------------------

def test_a_restricted_problems_sessions_show_only_to_its_cohort(gql, fresh_demo):
    c3 = _members("c-3")
    handler = sorted(m for m in _members("c-1") if m not in c3 and m not in {SPONSOR, ADMIN})[0]
    classmate = sorted(c3 - {ME, ADMIN, SPONSOR, handler})[0]
    assert SPONSOR not in c3
    write("""MATCH (r:Manager {id: $me}), (h:Manager {id: $handler}), (s:Session {id: $session})
             CREATE (r)-[:RAISED]->(p:Problem {id: 'p-room', title: 't', description: 'd',
               category: 'SUBSTANCE_ABUSE', confidential: true, createdAt: '2024-02-01T09:00:00Z',
               status: 'IN_PROGRESS'})-[:DISCUSSED_IN]->(s)
             CREATE (h)-[:HANDLED {outcome: 'PARTLY', handledAt: '2024-02-03T09:00:00Z'}]->(p)""",
          me=ME, handler=handler, session=OWN_SESSION)

    outsider = gql(SESSIONS, {"id": "p-room"}, role="sponsor")["data"]["problem"]
    assert outsider == {"restricted": True, "sessions": []}
    viewers = ((classmate, "manager"), (handler, "manager"), (ME, "manager"), (ADMIN, "admin"))
    for viewer, role in viewers:
        seen = gql(SESSIONS, {"id": "p-room"}, manager_id=viewer, role=role)["data"]["problem"]
        assert [s["id"] for s in seen["sessions"]] == [OWN_SESSION], viewer
    # The handler stays visible to the outsider (find-a-peer points to them).
    handlers = gql("query { problem(id: \"p-room\") { handlers { manager { id } } } }",
                   role="sponsor")
    assert handlers["data"]["problem"]["handlers"] == [{"manager": {"id": handler}}]


def test_an_open_problems_sessions_show_to_everyone(gql, fresh_demo):
    row = cypher("MATCH (p:Problem)-[:DISCUSSED_IN]->(s:Session)-[:OF_COHORT]->(c:Cohort) "
                 "WHERE NOT p.confidential AND c.id <> 'c-1' "
                 "RETURN p.id AS id, s.id AS s LIMIT 1")[0]
    seen = gql(SESSIONS, {"id": row["id"]}, role="sponsor")["data"]["problem"]
    assert row["s"] in [s["id"] for s in seen["sessions"]]


# ---- respondToSuggestion needs a suggestion to the caller ----------------------------------

def test_responding_to_a_suggestion_never_made_writes_nothing(gql, fresh_demo):
    stranger = cypher("MATCH (m:Manager), (me:Manager {id: $me}) WHERE m <> me "
                      "AND NOT (me)-[:KNOWS]-(m) AND NOT (me)-[:SUGGESTED]->(m) "
                      "RETURN m.id AS id ORDER BY m.id LIMIT 1", me=ME)[0]["id"]
    for response in ("ACCEPTED", "DISMISSED"):
        refused = gql.post(RESPOND, {"id": stranger, "r": response})
        assert _error(refused)["extensions"]["code"] == "NOT_FOUND"
    written = cypher("MATCH (:Manager {id: $me})-[x]-(:Manager {id: $other}) RETURN count(x) AS n",
                     me=ME, other=stranger)
    assert written[0]["n"] == 0


def test_responding_to_a_real_suggestion_records_the_contact(gql, fresh_demo):
    assert gql('mutation { runJob(name: "suggest-contacts") { status } }',
               role="admin")["data"]["runJob"]["status"] == "SUCCEEDED"
    suggested = gql("query($id: ID!) { manager(id: $id) {"
                    " suggestedContacts(first: 1) { manager { id } } } }",
                    {"id": ME})["data"]["manager"]["suggestedContacts"][0]["manager"]["id"]
    contact = gql(RESPOND, {"id": suggested, "r": "ACCEPTED"})["data"]["respondToSuggestion"]
    assert contact == {"source": "SUGGESTION", "manager": {"id": suggested}}
    # A suggestion made to someone else is not the caller's to answer.
    theirs = cypher("MATCH (:SuggestionState {id: 'current'}) WITH 1 AS _ "
                    "MATCH (a:Manager)-[:SUGGESTED]->(b:Manager) WHERE a.id <> $me AND b.id <> $me "
                    "AND NOT (:Manager {id: $me})-[:SUGGESTED]->(b) "
                    "RETURN b.id AS id LIMIT 1", me=ME)[0]["id"]
    refused = _error(gql.post(RESPOND, {"id": theirs, "r": "ACCEPTED"}))
    assert refused["extensions"]["code"] == "NOT_FOUND"
