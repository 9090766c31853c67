"""The retention job anonymises problem texts older than the retention period and keeps
what statistics need."""

from __future__ import annotations

import datetime as dt

from peernet.jobs.retention.compute import cutoff
from peernet.jobs.runner import run_job
from tests.conftest import _with_db, cypher, run

STATE = """
MATCH (p:Problem)
RETURN p.id AS id, p.title AS title, p.description AS description, p.category AS category,
       p.createdAt AS createdAt, p.status AS status, p.anonymisedAt AS anonymisedAt,
       COUNT { (p)-[:DISCUSSED_IN]->() } AS sessions, COUNT { ()-[:RAISED]->(p) } AS raisers,
       [(m)-[h:HANDLED]->(p) | [m.id, h.outcome, h.note]] AS handled
ORDER BY id
"""
DAYS = 2000


def test_old_problem_texts_are_anonymised_and_statistics_kept(fresh_demo):
    before = {p["id"]: p for p in cypher(STATE)}
    limit = cutoff(dt.datetime.now(dt.UTC), DAYS)
    old = {i for i, p in before.items() if p["createdAt"] < limit}
    assert old and len(old) < len(before)

    result = run(_with_db(lambda db: run_job(db, "retention", {"days": DAYS})))
    assert result.status == "SUCCEEDED"
    assert result.counts["problemsAnonymised"] == len(old)
    assert result.counts["notesRemoved"] == sum(
        1 for i in old for h in before[i]["handled"] if h[2])

    for p in cypher(STATE):
        was = before[p["id"]]
        kept = ("category", "createdAt", "status", "sessions", "raisers")
        assert {k: p[k] for k in kept} == {k: was[k] for k in kept}
        assert [h[:2] for h in p["handled"]] == [h[:2] for h in was["handled"]]
        if p["id"] in old:
            assert p["title"] is None and p["description"] is None and p["anonymisedAt"]
            assert all(h[2] is None for h in p["handled"])
        else:
            assert (p["title"], p["description"], p["handled"]) == (
                was["title"],
                was["description"],
                was["handled"],
            )

    again = run(_with_db(lambda db: run_job(db, "retention", {"days": DAYS})))
    assert again.counts == {"problemsAnonymised": 0, "notesRemoved": 0}


def test_the_retention_job_runs_from_graphql_for_admins(gql, fresh_demo):
    body = gql('mutation { runJob(name: "retention", params: {days: 2000}) { job status counts } }',
               role="admin")
    assert "errors" not in body, body
    assert body["data"]["runJob"]["counts"]["problemsAnonymised"] > 0
    entries = cypher("MATCH (a:AuditEntry {action: 'RUN_JOB'}) RETURN a.targetLabel AS label")
    assert entries and entries[-1]["label"] == "JobRun"
