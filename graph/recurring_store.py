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
from collections import Counter
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain.viewer import Viewer

from .driver import Database, run
from .visibility import CAN_READ

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
# A group's label and terms are words from its reports' text: when erasure or retention
# removes some of that text they may quote it, so they give way to the category's name until
# the next run recomputes them from the reports still readable.
CLEAR_LABELS = """
UNWIND $ids AS id
MATCH (:Problem {id: id})<-[:INCLUDES]-(g:RecurringProblem)
WITH DISTINCT g
SET g.label = coalesce(toLower(replace(g.category, '_', ' ')), ''), g.terms = []
RETURN count(g) AS n
"""
# A department's or cohort's reports in a group, for the board's minimum group size: who
# raised them there and whether any is confidential. ``small`` marks a unit that may not be
# named to this viewer: it holds a confidential report and fewer than $minGroup distinct
# managers raised the group's reports there (admins may read the reports, so nothing is small
# to them). Units come fewest raisers first, the order ``_OTHER`` folds them in.
_UNITS = """
CALL (g) {{
  MATCH (g)-[:INCLUDES]->(p:Problem)<-[:RAISED]-(r:Manager)-[:{rel}]->(u:{label})
  WITH u.id AS unit, collect(DISTINCT r.id) AS raisers,
       collect(coalesce(p.confidential, false)) AS flags
  ORDER BY size(raisers), unit
  RETURN collect({{id: unit, raisers: raisers,
                  small: NOT $viewerAdmin AND any(f IN flags WHERE f)
                         AND size(raisers) < $minGroup}})
         AS {name}
}}
"""
# The units counted as "other": the small ones and, when those together were raised by fewer
# than $minGroup distinct managers, as many named units (fewest raisers first) as it takes to
# reach $minGroup -- complementary suppression, so that the "other" count itself never stands
# for a small group: whoever is behind it is one of at least $minGroup managers.
_OTHER = """
reduce(acc = {{ids: [u IN {units} WHERE u.small | u.id],
              raisers: reduce(s = [], u IN [u IN {units} WHERE u.small] |
                              s + [x IN u.raisers WHERE NOT x IN s])}},
       u IN [u IN {units} WHERE NOT u.small] |
       CASE WHEN size(acc.ids) = 0 OR size(acc.raisers) >= $minGroup THEN acc
            ELSE {{ids: acc.ids + u.id,
                   raisers: acc.raisers + [x IN u.raisers WHERE NOT x IN acc.raisers]}}
       END).ids
"""
# A report counts in the trend per quarter unless it is confidential and came from a small
# department (or from no department: its raiser is gone); those are only counted in total.
_TREND = """
CALL (g, smallDepartments) {
  MATCH (g)-[:INCLUDES]->(p:Problem)
  WITH p, [(p)<-[:RAISED]-(:Manager)-[:WORKS_IN]->(d:Department) | d.id] AS ds,
       datetime({epochMillis: datetime(p.createdAt).epochMillis}) AS at
  WITH at, NOT coalesce(p.confidential, false) OR $viewerAdmin
           OR (size(ds) > 0 AND none(x IN ds WHERE x IN smallDepartments)) AS shown
  RETURN collect(CASE WHEN shown
                      THEN toString(at.year) + 'Q' + toString((at.month - 1) / 3 + 1) END)
           AS shownQuarters,
         sum(CASE WHEN shown THEN 0 ELSE 1 END) AS suppressedReports
}
"""
LIST = f"""
MATCH (g:RecurringProblem) WHERE g.active AND size(g.departments) >= $minDepartments
  AND ($since IS NULL OR g.lastSeen >= $since)
{_UNITS.format(rel="WORKS_IN", label="Department", name="departmentUnits")}
{_UNITS.format(rel="MEMBER_OF", label="Cohort", name="cohortUnits")}
WITH g, departmentUnits, cohortUnits,
     [u IN departmentUnits WHERE u.small | u.id] AS smallDepartments,
     {_OTHER.format(units="departmentUnits")} AS otherDepartments,
     {_OTHER.format(units="cohortUnits")} AS otherCohorts
{_TREND}
RETURN g {{.*, departments: [u IN departmentUnits WHERE NOT u.id IN otherDepartments | u.id],
          cohorts: [u IN cohortUnits WHERE NOT u.id IN otherCohorts | u.id],
          otherDepartments: size(otherDepartments), otherCohorts: size(otherCohorts),
          shownQuarters: shownQuarters, suppressedReports: suppressedReports,
          examples: [(g)-[:INCLUDES]->(p:Problem) WHERE {CAN_READ} | p.id][..$examples],
          events: [(g)-[:HAS_EVENT]->(e:RecurringEvent) | e {{.*}}]}} AS g
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


def shown_trend(stored: list[dict[str, Any]], shown_quarters: list[str]) -> list[dict[str, Any]]:
    """The quarters of the job's trend (quiet ones included), counting only the reports this
    viewer may see per quarter (``_TREND``)."""
    counts = Counter(shown_quarters)
    quarters = sorted({t["quarter"] for t in stored} | set(counts))
    return [{"quarter": q, "count": counts.get(q, 0)} for q in quarters]


async def listing(
    db: Database, viewer: Viewer, *, min_departments: int, since: str | None, min_group: int,
    examples: int = 3,
) -> list[dict[str, Any]]:
    """The board's groups as ``viewer`` may see them: departments and cohorts named only past
    the minimum group size (the rest counted as other), the trend without confidential reports
    from small departments, and examples the viewer may read."""
    rows = await db.read(LIST, minDepartments=min_departments, since=since, examples=examples,
                         minGroup=min_group, **viewer.params())
    out = []
    for r in rows:
        g = r["g"]
        g["trend"] = shown_trend(json.loads(g.get("trend") or "[]"), g.pop("shownQuarters"))
        g["departments"] = sorted(g["departments"])
        g["cohorts"] = sorted(g["cohorts"])
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


__all__ = [
    "CLEAR_LABELS", "add_event", "listing", "load_groups", "load_reports", "replace_groups",
    "shown_trend",
]
