"""Loading the demo data is idempotent (twice gives the same graph, down to every property)
and deterministic (the same data on every call and in every process)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import asdict

from peernet.config import get_settings
from peernet.graph.driver import Database, create_driver
from peernet.seeds.demo import build_demo
from peernet.seeds.loader import load
from tests.conftest import cypher
from tests.graph_checks import counts, snapshot

DIGEST = """
import hashlib, json
from dataclasses import asdict
from peernet.seeds.demo import build_demo
print(hashlib.sha256(json.dumps(asdict(build_demo()), sort_keys=True).encode()).hexdigest())
"""


def _load_demo_again() -> dict[str, int]:
    async def work() -> dict[str, int]:
        settings = get_settings()
        driver = create_driver(settings)
        try:
            return await load(Database(driver, settings.neo4j_database), build_demo())
        finally:
            await driver.close()

    return asyncio.run(work())


def test_loading_the_demo_twice_gives_identical_counts_and_content(fresh_demo):
    counts_once, graph_once = counts(), snapshot()
    _load_demo_again()
    assert counts() == counts_once
    assert snapshot() == graph_once


def test_the_loaded_graph_holds_exactly_the_demo_data(fresh_demo):
    data = build_demo()
    graph = counts()
    expected_nodes = {":Department": data.departments, ":Manager": data.managers,
                      ":Cohort": data.cohorts, ":Session": data.sessions, ":Problem": data.problems}
    for label, rows in expected_nodes.items():
        assert graph[label] == len(rows), label
    expected_relationships = {
        "WORKS_IN": data.managers, "MEMBER_OF": data.memberships, "OF_COHORT": data.sessions,
        "ATTENDED": data.attendance, "RAISED": data.problems, "DISCUSSED_IN": data.discussed,
        "HANDLED": data.handled, "KNOWS": data.contacts,
    }
    for rel_type, rows in expected_relationships.items():
        assert graph[rel_type] == len(rows), rel_type

    managers = {r["id"]: r for r in cypher(
        "MATCH (m:Manager)-[:WORKS_IN]->(d) RETURN m.id AS id, m.name AS name, m.title AS title, "
        "m.level AS level, m.managerSince AS managerSince, d.id AS departmentId")}
    assert managers == {m["id"]: m for m in data.managers}
    roles = Counter(r["role"] for r in cypher("MATCH ()-[r:MEMBER_OF]->() RETURN r.role AS role"))
    assert roles == Counter(m["role"] for m in data.memberships)


def test_the_demo_data_is_the_same_on_every_call():
    assert build_demo() == build_demo()


def test_the_demo_data_is_the_same_in_every_process():
    # Different hash seeds change set and dict-of-set iteration order; the data must not care.
    here = hashlib.sha256(json.dumps(asdict(build_demo()), sort_keys=True).encode()).hexdigest()
    for seed in ("1", "4242"):
        out = subprocess.run(
            [sys.executable, "-c", DIGEST], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert out.stdout.strip() == here, f"PYTHONHASHSEED={seed} gave different demo data"
