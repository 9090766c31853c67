"""Contact suggestions end to end: the job through GraphQL and the CLI, suggestions on `me`,
accepting and dismissing."""

from __future__ import annotations

from collections import Counter

from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.graph.driver import run as tx_run
from peernet.graph.suggestion_store import load_rows
from tests.conftest import _with_db, cypher, run

ME_SUGGESTIONS = (
    "{ me { id department { id } "
    "suggestedContacts(first: 10) { manager { id department { id } } score reasons } } }"
)
RUN_JOB = 'mutation { runJob(name: "suggest-contacts") { job status counts timings } }'
RESPOND = """mutation($id: ID!, $r: SuggestionResponse!) {
  respondToSuggestion(managerId: $id, response: $r) { manager { id } source } }"""


def test_job_runs_through_graphql_and_suggestions_appear_on_me(gql, fresh_demo):
    denied = gql.post(RUN_JOB)  # a plain manager may not run jobs
    assert denied.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    ran = gql(RUN_JOB, role="admin")["data"]["runJob"]
    assert ran["status"] == "SUCCEEDED" and ran["counts"]["suggestions"] > 0
    assert set(ran["timings"]) == {"load", "compute", "write"}

    me = gql(ME_SUGGESTIONS)["data"]["me"]
    suggested = me["suggestedContacts"]
    assert suggested, "the demo manager should get suggestions"
    own_department = me["department"]["id"]
    known = {r["id"] for r in cypher(
        "MATCH (:Manager {id: $id})-[:KNOWS]-(o) RETURN o.id AS id", id=me["id"])}
    for s in suggested:
        assert s["manager"]["department"]["id"] != own_department
        assert s["manager"]["id"] not in known and s["manager"]["id"] != me["id"]
        assert s["reasons"], "every suggestion explains itself"
    scores = [s["score"] for s in suggested]
    assert scores == sorted(scores, reverse=True)

    # Accepting records a contact; dismissing hides the person for good, across runs.
    accepted, dismissed = suggested[0]["manager"]["id"], suggested[1]["manager"]["id"]
    contact = gql(RESPOND, {"id": accepted, "r": "ACCEPTED"})["data"]["respondToSuggestion"]
    assert contact == {"manager": {"id": accepted}, "source": "SUGGESTION"}
    assert cypher("MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) RETURN count(k) AS n",
                  a=me["id"], b=accepted)[0]["n"] == 1
    assert gql(RESPOND, {"id": dismissed, "r": "DISMISSED"})["data"]["respondToSuggestion"] is None

    result = CliRunner().invoke(cli, ["jobs", "run", "suggest-contacts"])
    assert result.exit_code == 0, result.output
    assert "SUCCEEDED" in result.output
    again = {s["manager"]["id"] for s in gql(ME_SUGGESTIONS)["data"]["me"]["suggestedContacts"]}
    assert accepted not in again and dismissed not in again

    runs = cypher("MATCH (r:JobRun {job: 'suggest-contacts'}) RETURN count(r) AS n")[0]["n"]
    assert runs == 2
    current = cypher("MATCH (s:SuggestionState) RETURN s.runId AS run")[0]["run"]
    stored = cypher("MATCH (a)-[x:SUGGESTED {runId: $run}]->() "
                    "RETURN a.id AS id, collect(x.rank) AS ranks", run=current)
    assert stored and all(sorted(r["ranks"]) == list(range(len(r["ranks"]))) for r in stored)
    stale = cypher(
        "MATCH ()-[x:SUGGESTED]->() WHERE x.runId <> $run RETURN count(x) AS n", run=current
    )
    assert stale[0]["n"] == 0, "a new run replaces the previous one"


def test_suggestions_are_private_to_their_manager(gql, demo_graph):
    other = gql.post(
        f'{{ manager(id: "{demo_graph.DEMO_SPONSOR_ID}") {{ suggestedContacts {{ score }} }} }}'
    ).json()
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# One record per relationship: what the job's load step reads in bulk, chunk by chunk.
ROWS = {
    "contacts": "MATCH (a:Manager)-[:KNOWS]->(b:Manager) RETURN [a.id, b.id] AS row",
    "memberships": "MATCH (m:Manager)-[:MEMBER_OF]->(c:Cohort) RETURN [m.id, c.id] AS row",
    "attendance": "MATCH (m:Manager)-[:ATTENDED]->(s:Session) RETURN [m.id, s.id] AS row",
    "raised": "MATCH (m:Manager)-[:RAISED]->(p:Problem) "
              "RETURN [m.id, p.category, p.status = 'RESOLVED'] AS row",
    "handled": "MATCH (m:Manager)-[h:HANDLED]->(p:Problem) "
               "RETURN [m.id, p.category, h.outcome, h.handledAt] AS row",
    "dismissed": "MATCH (m:Manager)-[:DISMISSED]->(o:Manager) RETURN [m.id, o.id] AS row",
}


DISMISS_THREE = """MATCH (a:Manager), (b:Manager) WHERE a.id < b.id
WITH a, b ORDER BY a.id, b.id LIMIT 3 CREATE (a)-[:DISMISSED]->(b)"""


def test_load_reads_every_relationship_the_job_uses(fresh_demo):
    async def dismiss_three_and_load(db):
        await db.write(lambda tx: tx_run(tx, DISMISS_THREE))
        return await load_rows(db, chunk=7)  # many chunks

    loaded = run(_with_db(dismiss_three_and_load))
    for key, query in ROWS.items():
        want = Counter(tuple(r["row"]) for r in cypher(query))
        assert Counter(loaded[key]) == want, key
        assert want or key == "dismissed"
    assert len(loaded["dismissed"]) == 3
    managers = cypher("MATCH (m:Manager) OPTIONAL MATCH (m)-[:WORKS_IN]->(d:Department) "
                      "RETURN m.id AS id, d.id AS departmentId, m.level AS level, "
                      "m.managerSince AS managerSince ORDER BY id")
    assert sorted(loaded["managers"], key=lambda m: m["id"]) == managers
    names = cypher("MATCH (n) WHERE n:Cohort OR n:Department RETURN n.id AS id, n.name AS name")
    assert loaded["names"] == {r["id"]: r["name"] for r in names} != {}


def test_a_run_written_in_many_small_transactions_replaces_the_previous_one(fresh_demo):
    from peernet.graph.suggestion_store import replace_suggestions

    ids = [r["id"] for r in cypher("MATCH (m:Manager) RETURN m.id AS id ORDER BY id LIMIT 6")]
    entries = [{"managerId": m, "suggestedIds": [o for o in ids if o != m][:k],
                "scores": [1.0 - i / 10 for i in range(k)], "structural": [0.5] * k,
                "experience": [0.25] * k, "reasons": [[f"reason {i}", "works in X"]
                                                      for i in range(k)]}
               for m, k in zip(ids, [1, 4, 2, 5, 3, 1])]

    async def write_twice(db):
        first = await replace_suggestions(db, "run-a", entries, batch=3)
        return first, await replace_suggestions(db, "run-b", entries[1:], batch=2)

    assert run(_with_db(write_twice)) == (16, 15)
    stored = cypher("MATCH (a)-[x:SUGGESTED]->(b) RETURN a.id AS a, b.id AS b, x.runId AS run, "
                    "x.rank AS rank, x.score AS score, x.reasons AS reasons ORDER BY a, rank")
    assert {r["run"] for r in stored} == {"run-b"}
    assert [(r["a"], r["b"], r["rank"], r["score"], r["reasons"]) for r in stored] == [
        (e["managerId"], o, i, e["scores"][i], e["reasons"][i])
        for e in entries[1:] for i, o in enumerate(e["suggestedIds"])]
