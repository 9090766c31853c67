"""Cypher for problems, who raised and handled them, and where they were discussed.

Every read goes through ``PROBLEM_PROJECTION`` (see ``visibility``). Listings that would tie a
confidential problem to the person who raised it — by raiser or by the raiser's department —
leave out problems the viewer may not read, since "who has a substance-abuse problem in their
team" is itself the sensitive fact.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain import records as domain
from peernet.domain.viewer import Viewer
from peernet.errors import Conflict, Forbidden, NotFound

from . import records
from .driver import Database, run
from .visibility import CAN_READ, OPEN_PROBLEM_LABEL, PROBLEM_PROJECTION

PROBLEMS_BY_IDS = f"UNWIND $ids AS id MATCH (p:Problem {{id: id}}) {PROBLEM_PROJECTION}"

PROBLEM_FILTER = f"""
WHERE ($category IS NULL OR p.category = $category)
  AND ($status IS NULL OR p.status = $status)
  AND ($raisedBy IS NULL
       OR (EXISTS {{ (:Manager {{id: $raisedBy}})-[:RAISED]->(p) }} AND {CAN_READ}))
  AND ($departmentId IS NULL
       OR (EXISTS {{ (:Department {{id: $departmentId}})<-[:WORKS_IN]-(:Manager)-[:RAISED]->(p) }}
           AND {CAN_READ}))
"""
PROBLEMS_PAGE = f"""
MATCH (p:Problem) {PROBLEM_FILTER} AND ($after IS NULL OR p.id > $after)
WITH p ORDER BY p.id LIMIT $limit
{PROBLEM_PROJECTION}
"""
PROBLEMS_COUNT = f"MATCH (p:Problem) {PROBLEM_FILTER} RETURN count(p) AS n"

RAISED_BY_MANAGERS = f"""
UNWIND $ids AS mid MATCH (:Manager {{id: mid}})-[:RAISED]->(p:Problem)
WHERE {CAN_READ}
WITH mid, p ORDER BY p.createdAt DESC, p.id
CALL (p) {{ {PROBLEM_PROJECTION} }}
RETURN mid AS key, collect(problem) AS problems
"""
HANDLING_MAP = """{problemId: p.id, managerId: m.id, outcome: h.outcome, handledAt: h.handledAt,
  confidential: p.confidential,
  note: CASE WHEN (NOT p.confidential OR $viewerAdmin
                   OR EXISTS { MATCH (:Manager {id: $viewerId})-[:RAISED|HANDLED]->(p) })
             THEN h.note END}"""
# A confidential problem its own raiser handled is left out for a viewer who may not read it:
# naming the handler would name the team it happened in (find-a-peer shows such a case only by
# category, and only with the handler's consent).
HANDLING_SHOWN = f"({CAN_READ} OR NOT EXISTS {{ (m)-[:RAISED]->(p) }})"
HANDLED_BY_MANAGERS = f"""
UNWIND $ids AS mid MATCH (m:Manager {{id: mid}})-[h:HANDLED]->(p:Problem)
WHERE {HANDLING_SHOWN}
WITH mid, m, h, p ORDER BY h.handledAt DESC, p.id
RETURN mid AS key, collect({HANDLING_MAP}) AS handlings
"""
HANDLERS_OF_PROBLEMS = f"""
UNWIND $ids AS pid MATCH (m:Manager)-[h:HANDLED]->(p:Problem {{id: pid}})
WHERE {HANDLING_SHOWN}
WITH pid, m, h, p ORDER BY h.handledAt, m.id
RETURN pid AS key, collect({HANDLING_MAP}) AS handlings
"""
# Where a problem the viewer may not read was discussed is shown only to those who were in the
# room -- members of that session's cohort: to anyone else the session and its date narrow
# "someone in this cohort has a substance-abuse case" down to a few people. Its handlers stay
# visible (find-a-peer points to them).
SESSIONS_OF_PROBLEMS = f"""
UNWIND $ids AS pid MATCH (p:Problem {{id: pid}})-[:DISCUSSED_IN]->(s:Session)
WHERE {CAN_READ}
   OR EXISTS {{ (:Manager {{id: $viewerId}})-[:MEMBER_OF]->(:Cohort)<-[:OF_COHORT]-(s) }}
WITH pid, s ORDER BY s.date, s.id
RETURN pid AS key, collect(s.id) AS sessionIds
"""

EXISTS = "MATCH (p:Problem {id: $id}) RETURN p.id AS id"
MANAGER_EXISTS = "MATCH (m:Manager {id: $id}) RETURN m.id AS id"
SESSIONS_EXIST = """
UNWIND $ids AS id MATCH (s:Session {id: id})
RETURN s.id AS id,
       EXISTS { (:Manager {id: $raisedBy})-[:MEMBER_OF]->(:Cohort)<-[:OF_COHORT]-(s) } AS ownCohort
"""
CREATE_PROBLEM = f"""
MATCH (m:Manager {{id: $raisedBy}})
CREATE (m)-[:RAISED]->(p:Problem {{id: $id, title: $title, description: $description,
  category: $category, confidential: $confidential, createdAt: $createdAt, status: $status}})
{OPEN_PROBLEM_LABEL}
WITH p
UNWIND $sessionIds AS sid
MATCH (s:Session {{id: sid}}) MERGE (p)-[:DISCUSSED_IN]->(s)
"""
# Only the raiser or an admin moves a problem's status ($movesStatus): anyone else's handling is
# their experience of it (find-a-peer uses it), not a verdict on someone else's problem.
# Recording a handling makes the handler a reader of the problem, so only someone who may
# already read it can do so; naming another manager as handler is for its raiser and admins.
MAY_RECORD = f"""
MATCH (p:Problem {{id: $problemId}})
RETURN {CAN_READ} AS canRead, EXISTS {{ (:Manager {{id: $viewerId}})-[:RAISED]->(p) }} AS isRaiser
"""
HANDLED_EXISTS = (
    "MATCH (:Manager {id: $managerId})-[h:HANDLED]->(:Problem {id: $problemId}) "
    "RETURN h.outcome AS outcome"
)
RECORD_HANDLING = """
MATCH (m:Manager {id: $managerId}), (p:Problem {id: $problemId})
CREATE (m)-[:HANDLED {outcome: $outcome, note: $note, handledAt: $handledAt,
                      findable: $findable}]->(p)
SET p.status = CASE WHEN NOT $movesStatus THEN p.status
                    WHEN $outcome = 'RESOLVED' THEN 'RESOLVED'
                    WHEN p.status = 'OPEN' THEN 'IN_PROGRESS' ELSE p.status END
"""
# A handler's own consent to be found for a confidential case they raised in their own team
# (graph.find_peers): only they give or withdraw it.
SET_FINDABLE = """
MATCH (:Manager {id: $viewerId})-[h:HANDLED]->(:Problem {id: $problemId})
SET h.findable = $findable
RETURN h.findable AS findable
"""


def _problems(rows: list[dict[str, Any]]) -> list[domain.Problem]:
    return [records.problem(r["problem"]) for r in rows]


async def by_ids(db: Database, ids: list[str], viewer: Viewer) -> dict[str, domain.Problem]:
    return {p.id: p for p in _problems(await db.read(PROBLEMS_BY_IDS, ids=ids, **viewer.params()))}


def _filters(**given: Any) -> dict[str, Any]:
    keys = ("category", "status", "raisedBy", "departmentId")
    return {k: given.get(k) for k in keys}


async def page(
    db: Database, viewer: Viewer, *, after: str | None, limit: int, **filters: Any,
) -> list[domain.Problem]:
    rows = await db.read(
        PROBLEMS_PAGE, after=after, limit=limit, **_filters(**filters), **viewer.params()
    )
    return _problems(rows)


async def count(db: Database, viewer: Viewer, **filters: Any) -> int:
    rows = await db.read(PROBLEMS_COUNT, **_filters(**filters), **viewer.params())
    n: int = rows[0]["n"]
    return n


async def raised_by(
    db: Database, ids: list[str], viewer: Viewer,
) -> dict[str, list[domain.Problem]]:
    rows = await db.read(RAISED_BY_MANAGERS, ids=ids, **viewer.params())
    return {r["key"]: [records.problem(p) for p in r["problems"]] for r in rows}


async def handled_by(
    db: Database, ids: list[str], viewer: Viewer,
) -> dict[str, list[domain.Handling]]:
    rows = await db.read(HANDLED_BY_MANAGERS, ids=ids, **viewer.params())
    return {r["key"]: [records.handling(h) for h in r["handlings"]] for r in rows}


async def handlers_of(
    db: Database, ids: list[str], viewer: Viewer,
) -> dict[str, list[domain.Handling]]:
    rows = await db.read(HANDLERS_OF_PROBLEMS, ids=ids, **viewer.params())
    return {r["key"]: [records.handling(h) for h in r["handlings"]] for r in rows}


async def session_ids_of(db: Database, ids: list[str], viewer: Viewer) -> dict[str, list[str]]:
    rows = await db.read(SESSIONS_OF_PROBLEMS, ids=ids, **viewer.params())
    return {r["key"]: r["sessionIds"] for r in rows}


async def create(db: Database, viewer: Viewer, **fields: Any) -> domain.Problem:
    async def work(tx: AsyncManagedTransaction) -> domain.Problem:
        if await run(tx, EXISTS, id=fields["id"]):
            raise Conflict(f"a problem with id {fields['id']!r} already exists", field="id")
        if not await run(tx, MANAGER_EXISTS, id=fields["raisedBy"]):
            raise NotFound(f"no manager with id {fields['raisedBy']!r}", field="raisedBy")
        found = {r["id"]: r["ownCohort"] for r in await run(
            tx, SESSIONS_EXIST, ids=fields["sessionIds"], raisedBy=fields["raisedBy"])}
        missing = [s for s in fields["sessionIds"] if s not in found]
        if missing:
            raise NotFound(f"no session with id {missing[0]!r}", field="sessionIds")
        # A problem is discussed in the raiser's own cohort; admins may attach any session.
        foreign = [s for s in fields["sessionIds"] if not found[s]]
        if foreign and not viewer.is_admin:
            raise Forbidden(f"session {foreign[0]!r} is not of a cohort you are in",
                            field="sessionIds")
        await run(tx, CREATE_PROBLEM, **fields)
        rows = await run(tx, PROBLEMS_BY_IDS, ids=[fields["id"]], **viewer.params())
        return records.problem(rows[0]["problem"])

    return await db.write(work)


async def record_handling(db: Database, viewer: Viewer, **fields: Any) -> domain.Handling:
    async def work(tx: AsyncManagedTransaction) -> domain.Handling:
        if not await run(tx, EXISTS, id=fields["problemId"]):
            raise NotFound(f"no problem with id {fields['problemId']!r}", field="problemId")
        if not await run(tx, MANAGER_EXISTS, id=fields["managerId"]):
            raise NotFound(f"no manager with id {fields['managerId']!r}", field="managerId")
        may = (await run(tx, MAY_RECORD, problemId=fields["problemId"], **viewer.params()))[0]
        if not may["canRead"]:
            raise Forbidden("you may not record handling of this problem")
        if fields["managerId"] != viewer.manager_id and not (viewer.is_admin or may["isRaiser"]):
            raise Forbidden("only the problem's raiser or an admin may name another handler")
        if fields.get("findable") and fields["managerId"] != viewer.manager_id:
            raise Forbidden("only the handler may agree to be found for a handling")
        if await run(tx, HANDLED_EXISTS, **fields):
            raise Conflict(
                f"manager {fields['managerId']!r} has already recorded handling problem "
                f"{fields['problemId']!r}",
                field="problemId",
            )
        moves_status = viewer.is_admin or may["isRaiser"]
        await run(tx, RECORD_HANDLING, movesStatus=moves_status, **fields)
        return domain.Handling(
            problem_id=fields["problemId"], manager_id=fields["managerId"],
            outcome=fields["outcome"], note=fields["note"], handled_at=fields["handledAt"],
        )

    return await db.write(work)


async def set_findable(db: Database, viewer: Viewer, *, problem_id: str, findable: bool) -> bool:
    async def work(tx: AsyncManagedTransaction) -> bool:
        rows = await run(tx, SET_FINDABLE, problemId=problem_id, findable=findable,
                         **viewer.params())
        if not rows:
            raise NotFound(f"you have recorded no handling of problem {problem_id!r}",
                           field="problemId")
        return bool(rows[0]["findable"])

    return await db.write(work)


__all__ = [
    "by_ids", "count", "create", "handled_by", "handlers_of", "page", "raised_by",
    "record_handling", "session_ids_of", "set_findable",
]
