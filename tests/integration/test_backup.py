"""Backup: ``peernet export`` writes a JSON-lines dump of the whole graph, ``peernet
import-dump`` restores it into an empty database only, and the round trip is exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peernet import neo4j_launcher as launcher
from peernet.errors import Conflict
from peernet.graph import backup
from tests.conftest import IS_TEST_INSTANCE, _with_db, cypher, run

PEERNET = Path(sys.executable).with_name("peernet")
TYPED = """
CREATE (:JobRun {id: 'run-typed', at: datetime('2024-05-06T07:08:09.123456789+02:00'),
        local: localdatetime('2024-05-06T07:08:09'), took: duration('P1M2DT3.5S'),
        where: point({longitude: 18.06, latitude: 59.33}), tags: ['a', 'b'], ratio: 0.25})
"""


def _write(query: str) -> None:
    async def work(db):
        async with db.driver.session(database=db.database) as session:
            await (await session.run(query)).consume()

    run(_with_db(work))


def _peernet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PEERNET), *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ))


def test_a_dump_restores_into_an_empty_database_and_dumps_identically(fresh_demo, tmp_path):
    _write(TYPED)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    done = _peernet("export", "--output", str(first))
    assert done.returncode == 0, done.stderr
    refused = _peernet("import-dump", str(first))
    assert refused.returncode == 1 and "not empty" in refused.stderr

    assert cypher(IS_TEST_INSTANCE)[0]["n"] == 1  # only ever empty the test instance
    try:
        _write("MATCH (n) DETACH DELETE n")
        restored = _peernet("import-dump", str(first))
        assert restored.returncode == 0, restored.stderr
        done = _peernet("export", "--output", str(second))
        assert done.returncode == 0, done.stderr
    finally:
        _write(f"MERGE (:{launcher.TEST_MARKER_LABEL} {{id: 'test'}})")

    assert first.read_bytes() == second.read_bytes()
    lines = [json.loads(line) for line in first.read_text().splitlines()]
    kinds = [line["kind"] for line in lines]
    assert kinds[0] == "header" and kinds[-1] == "footer"
    nodes = [line for line in lines if line["kind"] == "node"]
    rels = [line for line in lines if line["kind"] == "relationship"]
    assert lines[-1] == {"kind": "footer", "nodes": len(nodes), "relationships": len(rels)}
    assert len([n for n in nodes if "Manager" in n["labels"]]) == len(
        fresh_demo.build_demo().managers
    )
    cohort = next(n for n in nodes if "Cohort" in n["labels"])
    assert set(cohort["properties"]["start"]) == {"$date"}
    typed = next(n for n in nodes if n["properties"]["id"] == "run-typed")["properties"]
    assert typed["took"] == {"$duration": [1, 2, 3, 500000000]}
    knows = next(r for r in rels if r["type"] == "KNOWS")
    assert set(knows["start"]) == {"label", "id"} and knows["start"]["label"] == "Manager"
    # The restored values are Neo4j's own types again, not strings.
    again = cypher("MATCH (c:Cohort) RETURN valueType(c.start) AS t LIMIT 1")[0]["t"]
    assert again.startswith("DATE")


def test_restore_refuses_a_database_that_holds_anything(demo_graph):
    lines = ['{"format":"peernet-dump","kind":"header","version":1}',
             '{"kind":"node","labels":["Department"],"properties":{"id":"d-x","name":"X"}}']

    async def restore_into_a_non_empty(db):
        return await backup.restore(db, lines)

    with pytest.raises(Conflict, match="not empty"):
        run(_with_db(restore_into_a_non_empty))
