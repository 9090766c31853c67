"""Importing the CSV files again does not bring back text that retention or erasure removed:
an anonymised problem stays without title, description and handling notes, and the summary
counts it."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.jobs.runner import run_job
from peernet.seeds import demo as demo_data
from peernet.seeds.csv_export import write_csv
from tests.conftest import _with_db, cypher, run

STATE = """
MATCH (p:Problem) WHERE p.anonymisedAt IS NOT NULL
RETURN p.id AS id, p.title AS title, p.description AS description,
       [(:Manager)-[h:HANDLED]->(p) | h.note] AS notes ORDER BY id
"""


def test_reimporting_does_not_bring_back_anonymised_text(fresh_demo, tmp_path):
    files = write_csv(demo_data.build_demo(), tmp_path)
    done = run(_with_db(lambda db: run_job(db, "retention", {"days": 2000})))
    anonymised = done.counts["problemsAnonymised"]
    assert anonymised > 0
    before = cypher(STATE)

    result = CliRunner().invoke(cli, ["import", "--problems", str(files["problems"]),
                                      "--handled", str(files["handled"])])
    assert result.exit_code == 0, result.output
    assert cypher(STATE) == before
    assert all(p["title"] is None and p["description"] is None and not any(p["notes"])
               for p in before)
    kept = re.search(r"([\d,]+) problems kept anonymised", result.output)
    assert kept and int(kept.group(1).replace(",", "")) == anonymised
    # The others are written as before.
    assert cypher("MATCH (p:Problem) WHERE p.anonymisedAt IS NULL AND p.title IS NULL "
                  "RETURN count(p) AS n") == [{"n": 0}]


def test_a_dry_run_counts_them_too(fresh_demo, tmp_path):
    files = write_csv(demo_data.build_demo(), tmp_path)
    done = run(_with_db(lambda db: run_job(db, "retention", {"days": 2000})))
    result = CliRunner().invoke(cli, ["import", "--dry-run", "--problems", str(files["problems"])])
    assert result.exit_code == 0, result.output
    assert f"{done.counts['problemsAnonymised']:,} problems kept anonymised" in result.output
