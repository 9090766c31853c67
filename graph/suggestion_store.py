"""Cypher for the ``suggest-contacts`` job and the suggestions managers see.

A run writes its suggestions tagged with its run id, then flips one pointer
(``(:SuggestionState {id: 'current'}).runId``) in a single transaction: readers see either
the whole previous run or the whole new one. Older runs are deleted afterwards in batches.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain.suggestions import Suggestion

from .driver import Database, run

LOAD_MANAGER_IDS = "MATCH (m:Manager) RETURN collect(m.id) AS ids"
# Everything the job needs about a chunk of managers, as one record holding one list per
# manager. One record per relationship would cost the async driver ~0.1 ms of Python each
# (a minute for 10,000 managers); a chunk bounds what the server holds for one result.
LOAD_NETWORK = """
UNWIND $ids AS id
MATCH (m:Manager {id: id})
RETURN collect([
  m.id, head([(m)-[:WORKS_IN]->(d:Department) | d.id]), m.level, m.managerSince,
  [(m)-[:KNOWS]->(b:Manager) | b.id],
  [(m)-[:MEMBER_OF]->(c:Cohort) | c.id],
  [(m)-[:ATTENDED]->(s:Session) | s.id],
  [(m)-[:RAISED]->(p:Problem) | [p.category, p.status = 'RESOLVED']],
  [(m)-[h:HANDLED]->(p:Problem) | [p.category, h.outcome, h.handledAt]],
  [(m)-[:DISMISSED]->(o:Manager) | o.id]
]) AS managers
"""
LOAD_NAMES = """
CALL () { MATCH (c:Cohort) RETURN c.id AS id, c.name AS name
       UNION MATCH (d:Department) RETURN d.id AS id, d.name AS name }
RETURN collect([id, name]) AS names
"""
LOAD_CHUNK = 5_000  # managers per LOAD_NETWORK query

# One entry per manager, its suggestions as parallel lists best first: a manager is looked
# up once for its ten suggestions.
WRITE_SUGGESTIONS = """
UNWIND $managers AS m
MATCH (a:Manager {id: m.managerId})
UNWIND range(0, size(m.suggestedIds) - 1) AS rank
MATCH (b:Manager {id: m.suggestedIds[rank]})
CREATE (a)-[:SUGGESTED {runId: $runId, rank: rank, score: m.scores[rank],
                        structural: m.structural[rank], experience: m.experience[rank],
                        reasons: m.reasons[rank]}]->(b)
"""
SET_CURRENT = "MERGE (s:SuggestionState {id: 'current'}) SET s.runId = $runId"
DELETE_OLD = """
MATCH ()-[x:SUGGESTED]->() WHERE x.runId <> $runId
WITH x LIMIT 20000 DELETE x RETURN count(*) AS n
"""

# The open suggestions for $managerId, best first, at most $first, as the columns
# ``suggestion`` parses (``manager_bundles`` embeds this read as it is).
SUGGESTION_COLUMNS = ("managerId", "score", "reasons")
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


async def load_rows(db: Database, *, chunk: int = LOAD_CHUNK) -> dict[str, Any]:
    """Everything the job's compute step needs, as plain rows: ``managers`` as dicts, one
    tuple per relationship (see :class:`~peernet.jobs.suggest_contacts.rows.NetworkRows`), and
    ``names`` of cohorts and departments."""
    [[ids]] = await db.read_values(LOAD_MANAGER_IDS)
    out: dict[str, Any] = {key: [] for key in ("managers", "contacts", "memberships",
                                               "attendance", "raised", "handled", "dismissed")}
    for start in range(0, len(ids), chunk):
        [[managers]] = await db.read_values(LOAD_NETWORK, ids=ids[start:start + chunk])
        for (m, department, level, since, knows, cohorts, sessions, raised, handled,
             dismissed) in managers:
            out["managers"].append({"id": m, "departmentId": department, "level": level,
                                    "managerSince": since})
            out["contacts"] += zip(repeat(m), knows)
            out["memberships"] += zip(repeat(m), cohorts)
            out["attendance"] += zip(repeat(m), sessions)
            out["raised"] += [(m, category, resolved) for category, resolved in raised]
            out["handled"] += [(m, category, outcome, at) for category, outcome, at in handled]
            out["dismissed"] += zip(repeat(m), dismissed)
    [[names]] = await db.read_values(LOAD_NAMES)
    out["names"] = dict(names)
    return out


async def replace_suggestions(db: Database, run_id: str, managers: list[dict[str, Any]], *,
                              batch: int = 10_000) -> int:
    """Write a run (``managers`` as :data:`WRITE_SUGGESTIONS` reads them) in transactions of
    about ``batch`` suggestions, make it the current one, then delete the others."""
    written, start = 0, 0
    while start < len(managers):
        stop, size = start, 0
        while stop < len(managers) and (size < batch or stop == start):
            size += len(managers[stop]["suggestedIds"])
            stop += 1
        chunk = managers[start:stop]

        async def write(
            tx: AsyncManagedTransaction, chunk: list[dict[str, Any]] = chunk,
        ) -> None:
            await run(tx, WRITE_SUGGESTIONS, managers=chunk, runId=run_id)

        await db.write(write)
        written, start = written + size, stop

    async def flip(tx: AsyncManagedTransaction) -> None:
        await run(tx, SET_CURRENT, runId=run_id)

    await db.write(flip)
    while True:
        async def prune(tx: AsyncManagedTransaction) -> int:
            deleted: int = (await run(tx, DELETE_OLD, runId=run_id))[0]["n"]
            return deleted

        if not await db.write(prune):
            break
    return written


def suggestion(row: dict[str, Any]) -> Suggestion:
    """One row of ``SUGGESTIONS_FOR`` as the domain's record."""
    return Suggestion(manager_id=row["managerId"], score=row["score"],
                      reasons=tuple(row["reasons"] or ()))


async def for_manager(db: Database, manager_id: str, first: int) -> list[Suggestion]:
    rows = await db.read(SUGGESTIONS_FOR, managerId=manager_id, first=first)
    return [suggestion(r) for r in rows]


async def respond(db: Database, *, manager_id: str, other_id: str, response: str, at: str) -> None:
    """Record the response; a dismissal is remembered across runs (no re-suggesting)."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await run(
            tx, MARK_RESPONSE, managerId=manager_id, otherId=other_id, response=response, at=at,
        )
        if response == "DISMISSED":
            await run(tx, DISMISS, managerId=manager_id, otherId=other_id, at=at)

    await db.write(work)


__all__ = [
    "SUGGESTIONS_FOR", "SUGGESTION_COLUMNS", "for_manager", "load_rows", "replace_suggestions",
    "respond", "suggestion",
]
