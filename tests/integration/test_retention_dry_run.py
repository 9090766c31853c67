"""Retention's dry run says what it would anonymise and writes nothing; a run clears the
recurring-problem labels built from the text it removes."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.jobs.retention.compute import cutoff
from peernet.jobs.runner import run_job
from tests.conftest import _with_db, cypher, run

DAYS = 2000
OLD = """
MATCH (p:Problem) WHERE p.createdAt < $before AND p.anonymisedAt IS NULL
RETURN count(p) AS n, substring(min(p.createdAt), 0, 10) AS oldest,
       substring(max(p.createdAt), 0, 10) AS newest
"""
WRITTEN = """
RETURN COUNT { (p:Problem) WHERE p.anonymisedAt IS NOT NULL } AS anonymised,
       COUNT { (r:JobRun) } AS runs
"""


def test_the_cli_dry_run_counts_and_dates_and_writes_nothing(fresh_demo):
    old = cypher(OLD, before=cutoff(dt.datetime.now(dt.UTC), DAYS))[0]
    assert old["n"] > 1
    result = CliRunner().invoke(
        cli, ["jobs", "run", "retention", "--dry-run", "--param", f"days={DAYS}"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"would anonymise {old['n']} problems" in text
    assert f"from {old['oldest']} to {old['newest']}" in text and "Nothing written" in text
    assert cypher(WRITTEN) == [{"anonymised": 0, "runs": 0}]


def test_a_dry_run_of_another_job_is_refused(demo_graph):
    result = CliRunner().invoke(cli, ["jobs", "run", "suggest-contacts", "--dry-run"])
    assert result.exit_code != 0 and "only the retention job" in result.output


def test_the_preview_through_graphql_is_for_admins_and_writes_nothing(gql, fresh_demo):
    old = cypher(OLD, before=cutoff(dt.datetime.now(dt.UTC), DAYS))[0]
    query = "query($d: Int!) { retentionPreview(days: $d) { days cutoff problems oldest newest } }"
    seen = gql(query, {"d": DAYS}, role="admin")["data"]["retentionPreview"]
    assert (seen["days"], seen["problems"]) == (DAYS, old["n"])
    assert (seen["oldest"][:10], seen["newest"][:10]) == (old["oldest"], old["newest"])
    refused = gql(query, {"d": DAYS})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for days in (-1, 10**8):
        bad = gql(query, {"d": days}, role="admin")
        assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "days"}
    assert cypher(WRITTEN) == [{"anonymised": 0, "runs": 0}]


def test_retention_clears_the_labels_built_from_the_text_it_removes(fresh_demo):
    run(_with_db(lambda db: run_job(db, "recurring-problems")))
    run(_with_db(lambda db: run_job(db, "retention", {"days": DAYS})))
    groups = cypher("""
        MATCH (g:RecurringProblem)
        RETURN g.id AS id, g.label AS label, g.terms AS terms, g.category AS category,
               EXISTS { (g)-[:INCLUDES]->(p:Problem) WHERE p.anonymisedAt IS NOT NULL }
               AS touched""")
    touched = [g for g in groups if g["touched"]]
    assert touched
    for g in touched:
        assert g["label"] == g["category"].replace("_", " ").lower() and g["terms"] == []
    for g in groups:
        if not g["touched"]:
            assert g["terms"]
