"""Cypher for the ``recurring-problems`` job and the sponsors' board.

A recurring problem is a ``RecurringProblem`` node linked to the reports it groups
(``INCLUDES``), with escalations and actions as ``RecurringEvent`` nodes. A new run keeps a
group's node — and so its history — when the group still exists (matched by member overlap);
groups that vanish stay for their history but are no longer ``active``.

Used by the job's load and write steps (:mod:`peernet.jobs.recurring_problems`) and by the
sponsors' board's GraphQL fields (``resolvers/recurring.py``).
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncManagedTransaction

from .driver import Database, run

# Reports and their raisers' departments and cohorts come back as three lists, one record
# each, and are joined in Python: the async driver spends its Python time per record, so a
# record per report would dominate the load at 500,000 reports, and a raiser's department
# and cohorts are looked up once per raiser rather than once per report.
LOAD_REPORTS = """
MATCH (p:Problem) WHERE p.title IS NOT NULL OR p.description IS NOT NULL
RETURN collect([p.id, coalesce(p.title, ''), coalesce(p.description, ''), p.category,
                p.createdAt, p.confidential]) AS rows
"""
LOAD_RAISED = """
MATCH (r:Manager)-[:RAISED]->(p:Problem) WHERE p.title IS NOT NULL OR p.description IS NOT NULL
RETURN collect([p.id, r.id]) AS rows
"""
LOAD_RAISERS = """
MATCH (r:Manager) WHERE (r)-[:RAISED]->(:Problem)
RETURN collect([r.id, head([(r)-[:WORKS_IN]->(d:Department) | d.id]),
                [(r)-[:MEMBER_OF]->(c:Cohort) | c.id]]) AS rows
"""
LOAD_GROUPS = """
MATCH (g:RecurringProblem) WHERE g.active
RETURN g.id AS id, [(g)-[:INCLUDES]->(p:Problem) | p.id] AS members
"""
DEACTIVATE = "MATCH (g:RecurringProblem) WHERE NOT g.id IN $keep SET g.active = false"
UPSERT = """
UNWIND $rows AS r
MERGE (g:RecurringProblem {id: r.id})
ON CREATE SET g.status = 'NEW', g.firstRunAt = $at
SET g.label = r.label, g.terms = r.terms, g.reports = r.reports, g.departments = r.departments,
    g.cohorts = r.cohorts, g.category = r.category, g.firstSeen = r.firstSeen,
    g.lastSeen = r.lastSeen, g.trend = r.trend, g.active = true, g.runAt = $at,
    g.reasons = r.reasons
"""
# Memberships are written as a difference against what the groups hold: a rerun mostly finds
# the same groups, and deleting and re-creating every INCLUDES (500,000 at 100,000 managers)
# in one transaction needs more transaction memory than the bench's Neo4j heap allows.
MEMBERS_NOW = """
UNWIND $ids AS id
MATCH (g:RecurringProblem {id: id})
RETURN g.id AS id, [(g)-[:INCLUDES]->(p:Problem) | p.id] AS members
"""
REMOVE_MEMBERS = """
UNWIND $pairs AS pair
MATCH (g:RecurringProblem {id: pair[0]})-[old:INCLUDES]->(p:Problem {id: pair[1]})
DELETE old
"""
ADD_MEMBERS = """
UNWIND $pairs AS pair
MATCH (g:RecurringProblem {id: pair[0]}), (p:Problem {id: pair[1]})
MERGE (g)-[:INCLUDES]->(p)
"""
PAIR_BATCH = 10_000
LIST = """
MATCH (g:RecurringProblem) WHERE g.active AND size(g.departments) >= $minDepartments
  AND ($since IS NULL OR g.lastSeen >= $since)
RETURN g {.*, examples: [(g)-[:INCLUDES]->(p:Problem) | p.id][..$examples],
          events: [(g)-[:HAS_EVENT]->(e:RecurringEvent) | e {.*}]} AS g
ORDER BY g.reports DESC, size(g.departments) DESC, g.id
"""
ONE = "MATCH (g:RecurringProblem {id: $id}) RETURN g.id AS id, g.status AS status"
ADD_EVENT = """
MATCH (g:RecurringProblem {id: $id})
CREATE (g)-[:HAS_EVENT]->(:RecurringEvent {id: $eventId, kind: $kind, at: $at, byId: $byId,
                                           note: $note, action: $action, status: $status})
SET g.status = $groupStatus
RETURN g.status AS status
"""


async def _rows(db: Database, query: str) -> list[list[Any]]:
    # As the driver decoded it: ``read`` would copy every nested list once more, which at
    # 500,000 reports costs time and a second copy of the whole load held at the same time.
    rows: list[list[Any]] = (await db.read_values(query))[0][0]
    return rows


async def load_reports(db: Database) -> list[dict[str, Any]]:
    """``{id, title, description, category, createdAt, confidential, departmentId,
    cohortIds}`` per report with a title or description; the raiser's department and
    cohorts (none when no manager raised it)."""
    raised: dict[str, str] = {}
    for problem_id, manager_id in await _rows(db, LOAD_RAISED):
        # A report has one raiser; should data ever hold two, the smallest id decides.
        if problem_id not in raised or manager_id < raised[problem_id]:
            raised[problem_id] = manager_id
    raisers = {m: (d, c) for m, d, c in await _rows(db, LOAD_RAISERS)}
    nobody: tuple[str | None, list[str]] = (None, [])
    out = []
    reports = await _rows(db, LOAD_REPORTS)
    for pid, title, description, category, created_at, confidential in reports:
        department, cohorts = raisers.get(raised.get(pid), nobody)
        out.append({
            "id": pid, "title": title, "description": description, "category": category,
            "createdAt": created_at, "confidential": confidential,
            "departmentId": department, "cohortIds": cohorts,
        })
    return out


async def load_groups(db: Database) -> dict[str, list[str]]:
    return {r["id"]: r["members"] for r in await db.read(LOAD_GROUPS)}


def membership_changes(
    rows: list[dict[str, Any]], now: dict[str, list[str]]
) -> tuple[list[list[str]], list[list[str]]]:
    """``(removed, added)`` [group id, problem id] pairs that turn the memberships ``now``
    into the rows' ``members``."""
    removed: list[list[str]] = []
    added: list[list[str]] = []
    for r in rows:
        before, after = set(now.get(r["id"], ())), set(r["members"])
        removed += [[r["id"], pid] for pid in sorted(before - after)]
        added += [[r["id"], pid] for pid in sorted(after - before)]
    return removed, added


async def replace_groups(db: Database, rows: list[dict[str, Any]], at: str) -> dict[str, int]:
    """Store a run's groups in one transaction; returns the memberships removed and added."""
    async def work(tx: AsyncManagedTransaction) -> dict[str, int]:
        await run(tx, DEACTIVATE, keep=[r["id"] for r in rows])
        # Read inside the transaction, so the difference is against what is being replaced.
        current = await run(tx, MEMBERS_NOW, ids=[r["id"] for r in rows])
        now = {r["id"]: r["members"] for r in current}
        removed, added = membership_changes(rows, now)
        props = [{k: v for k, v in r.items() if k != "members"} for r in rows]
        await run(tx, UPSERT, rows=props, at=at)
        for query, pairs in ((REMOVE_MEMBERS, removed), (ADD_MEMBERS, added)):
            for start in range(0, len(pairs), PAIR_BATCH):
                await run(tx, query, pairs=pairs[start:start + PAIR_BATCH])
        return {"removed": len(removed), "added": len(added)}

    return await db.write(work)


async def listing(
    db: Database, *, min_departments: int, since: str | None, examples: int = 3,
) -> list[dict[str, Any]]:
    rows = await db.read(LIST, minDepartments=min_departments, since=since, examples=examples)
    out = []
    for r in rows:
        g = r["g"]
        g["trend"] = json.loads(g.get("trend") or "[]")
        g["events"] = sorted(g["events"], key=lambda e: (e["at"], e["id"]))
        out.append(g)
    return out


async def add_event(
    db: Database, *, id: str, event: dict[str, Any], group_status: str | None,
) -> str | None:
    async def work(tx: AsyncManagedTransaction) -> str | None:
        found = await run(tx, ONE, id=id)
        if not found:
            return None
        status = group_status or found[0]["status"]
        added = await run(tx, ADD_EVENT, id=id, groupStatus=status, **event)
        new_status: str = added[0]["status"]
        return new_status

    return await db.write(work)


__all__ = ["add_event", "listing", "load_groups", "load_reports", "replace_groups"]
