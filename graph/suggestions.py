"""Cypher for the ``suggest-contacts`` job and the suggestions managers see.

A run writes its suggestions tagged with its run id, then flips one pointer
(``(:SuggestionState {id: 'current'}).runId``) in a single transaction: readers see either
the whole previous run or the whole new one. Older runs are deleted afterwards in batches.
"""

from __future__ import annotations

from typing import Any

from .driver import Database, run

LOAD_MANAGERS = """
MATCH (m:Manager)
RETURN m.id AS id, head([(m)-[:WORKS_IN]->(d:Department) | d.id]) AS departmentId,
       m.level AS level, m.managerSince AS managerSince
"""
LOAD_CONTACTS = "MATCH (a:Manager)-[:KNOWS]->(b:Manager) RETURN a.id AS a, b.id AS b"
LOAD_MEMBERSHIPS = "MATCH (m:Manager)-[:MEMBER_OF]->(c:Cohort) RETURN m.id AS m, c.id AS c"
LOAD_ATTENDANCE = "MATCH (m:Manager)-[:ATTENDED]->(s:Session) RETURN m.id AS m, s.id AS s"
LOAD_RAISED = """
MATCH (m:Manager)-[:RAISED]->(p:Problem)
RETURN m.id AS m, p.category AS category, p.status = 'RESOLVED' AS resolved
"""
LOAD_HANDLED = """
MATCH (m:Manager)-[h:HANDLED]->(p:Problem)
RETURN m.id AS m, p.category AS category, h.outcome AS outcome, h.handledAt AS handledAt
"""
LOAD_DISMISSED = "MATCH (m:Manager)-[:DISMISSED]->(o:Manager) RETURN m.id AS m, o.id AS o"
LOAD_NAMES = """
CALL () { MATCH (c:Cohort) RETURN c.id AS id, c.name AS name
       UNION MATCH (d:Department) RETURN d.id AS id, d.name AS name }
RETURN id, name
"""

WRITE_SUGGESTIONS = """
UNWIND $rows AS r
MATCH (a:Manager {id: r.managerId}), (b:Manager {id: r.suggestedId})
CREATE (a)-[:SUGGESTED {runId: $runId, rank: r.rank, score: r.score, structural: r.structural,
                        experience: r.experience, reasons: r.reasons}]->(b)
"""
SET_CURRENT = "MERGE (s:SuggestionState {id: 'current'}) SET s.runId = $runId"
DELETE_OLD = """
MATCH ()-[x:SUGGESTED]->() WHERE x.runId <> $runId
WITH x LIMIT 20000 DELETE x RETURN count(*) AS n
"""

SUGGESTIONS_FOR = """
MATCH (state:SuggestionState {id: 'current'})
MATCH (me:Manager {id: $managerId})-[x:SUGGESTED {runId: state.runId}]->(o:Manager)
WHERE x.response IS NULL
  AND NOT EXISTS { (me)-[:KNOWS]-(o) }
  AND NOT EXISTS { (me)-[:DISMISSED]-(o) }
RETURN o.id AS managerId, x.score AS score, x.reasons AS reasons
ORDER BY x.rank LIMIT $first
"""
MARK_RESPONSE = """
MATCH (state:SuggestionState {id: 'current'})
MATCH (:Manager {id: $managerId})-[x:SUGGESTED {runId: state.runId}]->(:Manager {id: $otherId})
SET x.response = $response, x.respondedAt = $at
"""
DISMISS = """
MATCH (a:Manager {id: $managerId}), (b:Manager {id: $otherId})
MERGE (a)-[d:DISMISSED]->(b) ON CREATE SET d.at = $at
"""


async def load_rows(db: Database) -> dict[str, list[Any]]:
    """Everything the job's compute step needs, as plain rows."""
    managers = await db.read(LOAD_MANAGERS)
    return {
        "managers": managers,
        "contacts": [(r["a"], r["b"]) for r in await db.read(LOAD_CONTACTS)],
        "memberships": [(r["m"], r["c"]) for r in await db.read(LOAD_MEMBERSHIPS)],
        "attendance": [(r["m"], r["s"]) for r in await db.read(LOAD_ATTENDANCE)],
        "raised": [(r["m"], r["category"], r["resolved"]) for r in await db.read(LOAD_RAISED)],
        "handled": [(r["m"], r["category"], r["outcome"], r["handledAt"]) for r in await db.read(LOAD_HANDLED)],
        "dismissed": [(r["m"], r["o"]) for r in await db.read(LOAD_DISMISSED)],
        "names": {r["id"]: r["name"] for r in await db.read(LOAD_NAMES)},
    }


async def replace_suggestions(db: Database, run_id: str, rows: list[dict[str, Any]], *, batch: int = 10_000) -> int:
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]

        async def write(tx, chunk=chunk):
            await run(tx, WRITE_SUGGESTIONS, rows=chunk, runId=run_id)

        await db.write(write)

    async def flip(tx):
        await run(tx, SET_CURRENT, runId=run_id)

    await db.write(flip)
    while True:
        async def prune(tx):
            return (await run(tx, DELETE_OLD, runId=run_id))[0]["n"]

        if not await db.write(prune):
            break
    return len(rows)


async def for_manager(db: Database, manager_id: str, first: int) -> list[dict[str, Any]]:
    return await db.read(SUGGESTIONS_FOR, managerId=manager_id, first=first)


async def respond(db: Database, *, manager_id: str, other_id: str, response: str, at: str) -> None:
    """Record the response; a dismissal is remembered across runs (no re-suggesting)."""

    async def work(tx):
        await run(tx, MARK_RESPONSE, managerId=manager_id, otherId=other_id, response=response, at=at)
        if response == "DISMISSED":
            await run(tx, DISMISS, managerId=manager_id, otherId=other_id, at=at)

    await db.write(work)


__all__ = ["for_manager", "load_rows", "replace_suggestions", "respond"]
