"""Contact suggestions end to end: the job through GraphQL and the CLI, suggestions on `me`,
accepting and dismissing."""

from __future__ import annotations

from typer.testing import CliRunner

from peernet.cli import app as cli
from tests.conftest import cypher

ME_SUGGESTIONS = "{ me { id department { id } suggestedContacts(first: 10) { manager { id department { id } } score reasons } } }"
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
    stale = cypher("MATCH ()-[x:SUGGESTED]->() WHERE x.runId <> $run RETURN count(x) AS n", run=current)
    assert stale[0]["n"] == 0, "a new run replaces the previous one"


def test_suggestions_are_private_to_their_manager(gql, demo_graph):
    other = gql.post(
        '{ manager(id: "%s") { suggestedContacts { score } } }' % demo_graph.DEMO_SPONSOR_ID
    ).json()
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
