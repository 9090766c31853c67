"""Import: ``peernet import`` of the synthetic organisation's CSV files against the floor, a
bare batched ``UNWIND … MERGE`` of the same rows through the driver, on the same empty graph.

``peernet import`` is run in-process through the functions its command calls
(``read_files`` then ``run_import``), one file kind per invocation so each kind has its own
rate; only the progress bar is left out. Its time covers reading and checking the files,
looking up the ids they refer to, and the one-transaction write. The floor starts from the
rows already in memory and commits each batch of 10,000 on its own.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from peernet.graph import importer as graph_importer
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate
from peernet.importer.service import read_files, run_import
from peernet.seeds.demo import DemoData
from peernet.seeds.loader import load

BATCH = 10_000

FLOOR_MERGE = {
    "departments": "UNWIND $rows AS r MERGE (d:Department {id: r.id}) SET d.name = r.name",
    "managers": """
UNWIND $rows AS r
MATCH (d:Department {id: r.departmentId})
MERGE (m:Manager {id: r.id})
SET m.name = r.name, m.title = r.title, m.level = r.level, m.managerSince = r.managerSince
MERGE (m)-[:WORKS_IN]->(d)
""",
    "problems": """
UNWIND $rows AS r
MATCH (m:Manager {id: r.raisedBy})
MERGE (p:Problem {id: r.id})
SET p.title = r.title, p.description = r.description, p.category = r.category,
    p.confidential = r.confidential, p.createdAt = r.createdAt, p.status = 'OPEN'
MERGE (m)-[:RAISED]->(p)
""",
    "handled": """
UNWIND $rows AS r
MATCH (m:Manager {id: r.managerId}), (p:Problem {id: r.problemId})
MERGE (m)-[h:HANDLED]->(p)
SET h.outcome = r.outcome, h.note = r.note, h.handledAt = r.handledAt
""",
    "contacts": """
UNWIND $rows AS r
MATCH (a:Manager {id: r.a}), (b:Manager {id: r.b})
MERGE (a)-[k:KNOWS]->(b)
SET k.since = r.since, k.source = 'IMPORT'
""",
}
# In the importer's write order; departments ride with managers (there are at most 40).
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("managers", ("departments", "managers")),
    ("problems", ("problems",)),
    ("handled", ("handled",)),
    ("contacts", ("contacts",)),
)


def floor_rows(data: DemoData, kind: str) -> list[dict[str, Any]]:
    if kind == "contacts":
        return [{"a": c["a"], "b": c["b"], "since": c["since"]} for c in data.contacts]
    if kind == "problems":
        keys = ("id", "title", "description", "category", "confidential", "raisedBy", "createdAt")
        return [{k: p[k] for k in keys} for p in data.problems]
    return [dict(r) for r in getattr(data, kind)]


async def wipe(db: Database) -> None:
    """Delete every node and relationship, in batches (constraints and indexes stay)."""
    async with db.driver.session(database=db.database) as session:
        await (await session.run(
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS")).consume()
        await (await session.run(
            "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS")).consume()


async def run_floor(db: Database, data: DemoData) -> dict[str, float]:
    """Seconds per stage for the bare batched MERGE, one transaction per batch."""
    await migrate(db.driver, db.database)
    seconds = {}
    for stage, kinds in STAGES:
        rows_by_kind = {kind: floor_rows(data, kind) for kind in kinds}
        t0 = time.perf_counter()
        for kind in kinds:
            rows = rows_by_kind[kind]
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                await db.driver.execute_query(FLOOR_MERGE[kind], rows=batch, database_=db.database)
        seconds[stage] = time.perf_counter() - t0
    return seconds


def _timed(write: Callable[..., Awaitable[Any]],
           spent: dict[str, float]) -> Callable[..., Awaitable[Any]]:
    """``write``, adding the seconds each call takes to ``spent["write"]``."""

    async def timed_write(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return await write(*args, **kwargs)
        finally:
            spent["write"] += time.perf_counter() - t

    return timed_write


async def run_project_import(db: Database, paths: dict[str, Path]) -> dict[str, dict[str, float]]:
    """Per stage: total seconds through ``read_files`` + ``run_import``, and the part spent
    reading/parsing and writing (the rest is id look-ups and checks)."""
    out = {}
    real_write = graph_importer.write
    for stage, kinds in STAGES:
        spent = {"write": 0.0}
        graph_importer.write = _timed(real_write, spent)
        try:
            t0 = time.perf_counter()
            parsed = read_files({kind: paths[kind] for kind in kinds})
            t_parsed = time.perf_counter()
            result = await run_import(db, parsed)
            total = time.perf_counter() - t0
        finally:
            graph_importer.write = real_write
        if result.errors or not result.written:
            raise RuntimeError(f"peernet import of {stage} failed: {result.errors[:3]}")
        out[stage] = {"total": total, "parse": t_parsed - t0, "write": spent["write"]}
    return out


async def load_the_rest(db: Database, data: DemoData) -> dict[str, int]:
    """Cohorts, memberships, sessions, attendance and discussions, which CSV import does not
    cover, through the seed loader."""
    rest = SimpleNamespace(
        departments=(), managers=(), cohorts=data.cohorts, memberships=data.memberships,
        sessions=data.sessions, attendance=data.attendance, problems=(), discussed=data.discussed,
        handled=(), contacts=(),
    )
    return await load(db, rest)


__all__ = ["STAGES", "load_the_rest", "run_floor", "run_project_import", "wipe"]
