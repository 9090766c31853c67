"""Cypher for cohorts, their members and their sessions."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain import records as domain
from peernet.errors import BadUserInput, Conflict, NotFound

from . import records
from .driver import Database, run

COHORT_MAP = "c {.id, .name, start: toString(c.start), end: toString(c.end)}"
SESSION_MAP = (
    "s {.id, .number, .theme, date: toString(s.date), "
    "cohortId: head([(s)-[:OF_COHORT]->(c:Cohort) | c.id])}"
)

COHORTS_BY_IDS = f"UNWIND $ids AS id MATCH (c:Cohort {{id: id}}) RETURN {COHORT_MAP} AS cohort"
COHORTS_PAGE = f"""
MATCH (c:Cohort) WHERE $after IS NULL OR c.id > $after
RETURN {COHORT_MAP} AS cohort ORDER BY c.id LIMIT $limit
"""
COHORTS_COUNT = "MATCH (c:Cohort) RETURN count(c) AS n"


def membership_map(manager_id: str, cohort_id: str, extra: str = "") -> str:
    """The map ``records.membership`` parses, for the ``MEMBER_OF`` relationship bound to
    ``r`` (plus ``extra`` entries, e.g. the cohort)."""
    return f"{{managerId: {manager_id}, cohortId: {cohort_id}, role: r.role{extra}}}"


MEMBERSHIPS_BY_MANAGERS = f"""
UNWIND $ids AS mid MATCH (:Manager {{id: mid}})-[r:MEMBER_OF]->(c:Cohort)
WITH mid, r, c ORDER BY c.id
RETURN mid AS key, collect({membership_map('mid', 'c.id')}) AS memberships
"""
MEMBERSHIPS_BY_COHORTS = f"""
UNWIND $ids AS cid MATCH (m:Manager)-[r:MEMBER_OF]->(:Cohort {{id: cid}})
WITH cid, r, m ORDER BY r.role DESC, m.id
RETURN cid AS key, collect({membership_map('m.id', 'cid')}) AS memberships
"""
SESSIONS_BY_IDS = f"UNWIND $ids AS id MATCH (s:Session {{id: id}}) RETURN {SESSION_MAP} AS session"
SESSIONS_BY_COHORTS = f"""
UNWIND $ids AS cid MATCH (s:Session)-[:OF_COHORT]->(:Cohort {{id: cid}})
WITH cid, s ORDER BY s.number
RETURN cid AS key, collect({SESSION_MAP}) AS sessions
"""

COHORT_EXISTS = (
    "MATCH (c:Cohort {id: $id}) "
    "RETURN c.id AS id, toString(c.start) AS start, toString(c.end) AS end"
)
# A session's date must fall within its cohort's dates. Each write that could break that rule
# (a session's date, a cohort's start or end) first write-locks the cohort — a no-op SET and
# REMOVE — so a concurrent write to the same cohort waits and then checks committed data.
LOCK_COHORT = (
    "MATCH (c:Cohort {id: $id}) SET c._lock = true REMOVE c._lock "
    "RETURN c.id AS id, toString(c.start) AS start, toString(c.end) AS end"
)
LOCK_SESSION_COHORT = """
MATCH (s:Session {id: $id})-[:OF_COHORT]->(c:Cohort) SET c._lock = true REMOVE c._lock
RETURN c.id AS id, toString(c.start) AS start, toString(c.end) AS end, toString(s.date) AS date
"""
SESSIONS_OUTSIDE = """
MATCH (s:Session)-[:OF_COHORT]->(:Cohort {id: $id})
WHERE s.date < date($start) OR s.date > date($end)
RETURN s.id AS id, toString(s.date) AS date ORDER BY s.date, s.id LIMIT 1
"""
SESSION_EXISTS = "MATCH (s:Session {id: $id}) RETURN s.id AS id"
MANAGER_EXISTS = "MATCH (m:Manager {id: $id}) RETURN m.id AS id"
CREATE_COHORT = f"""
CREATE (c:Cohort {{id: $id, name: $name, start: date($start), end: date($end)}})
RETURN {COHORT_MAP} AS cohort
"""
UPDATE_COHORT = f"""
MATCH (c:Cohort {{id: $id}})
SET c.name = coalesce($name, c.name), c.start = date(coalesce($start, toString(c.start))),
    c.end = date(coalesce($end, toString(c.end)))
RETURN {COHORT_MAP} AS cohort
"""
DELETE_COHORT = """
MATCH (c:Cohort {id: $id})
OPTIONAL MATCH (s:Session)-[:OF_COHORT]->(c)
DETACH DELETE s, c
"""
ADD_MEMBER = """
MATCH (m:Manager {id: $managerId}), (c:Cohort {id: $cohortId})
CREATE (m)-[:MEMBER_OF {role: $role}]->(c)
"""
MEMBER_EXISTS = (
    "MATCH (:Manager {id: $managerId})-[r:MEMBER_OF]->(:Cohort {id: $cohortId}) "
    "RETURN r.role AS role"
)
REMOVE_MEMBER = (
    "MATCH (:Manager {id: $managerId})-[r:MEMBER_OF]->(:Cohort {id: $cohortId}) DELETE r"
)
SESSION_NUMBER_TAKEN = """
MATCH (s:Session)-[:OF_COHORT]->(:Cohort {id: $cohortId})
WHERE s.number = $number AND s.id <> $id RETURN s.id AS id
"""
SIBLING_NUMBER_TAKEN = """
MATCH (s:Session {id: $id})-[:OF_COHORT]->(:Cohort)<-[:OF_COHORT]-(o:Session)
WHERE o.number = $number AND o.id <> $id RETURN o.id AS id
"""
CREATE_SESSION = f"""
MATCH (c:Cohort {{id: $cohortId}})
CREATE (s:Session {{id: $id, number: $number, date: date($date), theme: $theme}})-[:OF_COHORT]->(c)
RETURN {SESSION_MAP} AS session
"""
UPDATE_SESSION = f"""
MATCH (s:Session {{id: $id}})
SET s.number = coalesce($number, s.number), s.theme = coalesce($theme, s.theme),
    s.date = date(coalesce($date, toString(s.date)))
RETURN {SESSION_MAP} AS session
"""
DELETE_SESSION = "MATCH (s:Session {id: $id}) DETACH DELETE s"
ATTEND = """
MATCH (m:Manager {id: $managerId}), (s:Session {id: $sessionId}) MERGE (m)-[:ATTENDED]->(s)
"""


async def by_ids(db: Database, ids: list[str]) -> dict[str, domain.Cohort]:
    rows = await db.read(COHORTS_BY_IDS, ids=ids)
    return {r["cohort"]["id"]: records.cohort(r["cohort"]) for r in rows}


async def page(db: Database, *, after: str | None, limit: int) -> list[domain.Cohort]:
    rows = await db.read(COHORTS_PAGE, after=after, limit=limit)
    return [records.cohort(r["cohort"]) for r in rows]


async def count(db: Database) -> int:
    n: int = (await db.read(COHORTS_COUNT))[0]["n"]
    return n


async def memberships_of_managers(
    db: Database, ids: list[str],
) -> dict[str, list[domain.Membership]]:
    rows = await db.read(MEMBERSHIPS_BY_MANAGERS, ids=ids)
    return {r["key"]: [records.membership(m) for m in r["memberships"]] for r in rows}


async def memberships_of_cohorts(
    db: Database, ids: list[str],
) -> dict[str, list[domain.Membership]]:
    rows = await db.read(MEMBERSHIPS_BY_COHORTS, ids=ids)
    return {r["key"]: [records.membership(m) for m in r["memberships"]] for r in rows}


async def sessions_by_ids(db: Database, ids: list[str]) -> dict[str, domain.Session]:
    rows = await db.read(SESSIONS_BY_IDS, ids=ids)
    return {r["session"]["id"]: records.session(r["session"]) for r in rows}


async def sessions_of_cohorts(db: Database, ids: list[str]) -> dict[str, list[domain.Session]]:
    rows = await db.read(SESSIONS_BY_COHORTS, ids=ids)
    return {r["key"]: [records.session(s) for s in r["sessions"]] for r in rows}


def _check_dates(start: str, end: str) -> None:
    if end < start:
        raise BadUserInput(f"end ({end}) is before start ({start})", field="end")


def _check_session_date(date: str, cohort: dict[str, Any]) -> None:
    """ISO dates compare as text; ``cohort`` is a LOCK_COHORT row."""
    if not cohort["start"] <= date <= cohort["end"]:
        raise BadUserInput(
            f"date ({date}) is outside cohort {cohort['id']!r}, "
            f"which runs from {cohort['start']} to {cohort['end']}",
            field="date",
        )


async def _check_sessions_inside(
    tx: AsyncManagedTransaction, id: str, start: str, end: str,
) -> None:
    outside = await run(tx, SESSIONS_OUTSIDE, id=id, start=start, end=end)
    if outside:
        session, date = outside[0]["id"], outside[0]["date"]
        field = "start" if date < start else "end"
        raise BadUserInput(
            f"session {session!r} is on {date}, outside the cohort's new dates "
            f"{start} to {end}; move or delete it first",
            field=field,
        )


async def create(db: Database, *, id: str, name: str, start: str, end: str) -> domain.Cohort:
    _check_dates(start, end)

    async def work(tx: AsyncManagedTransaction) -> domain.Cohort:
        if await run(tx, COHORT_EXISTS, id=id):
            raise Conflict(f"a cohort with id {id!r} already exists", field="id")
        rows = await run(tx, CREATE_COHORT, id=id, name=name, start=start, end=end)
        return records.cohort(rows[0]["cohort"])

    return await db.write(work)


async def update(
    db: Database, *, id: str, name: str | None, start: str | None, end: str | None,
) -> domain.Cohort:
    async def work(tx: AsyncManagedTransaction) -> domain.Cohort:
        found = await run(tx, LOCK_COHORT, id=id)
        if not found:
            raise NotFound(f"no cohort with id {id!r}", field="id")
        new_start, new_end = start or found[0]["start"], end or found[0]["end"]
        _check_dates(new_start, new_end)
        if start or end:
            await _check_sessions_inside(tx, id, new_start, new_end)
        rows = await run(tx, UPDATE_COHORT, id=id, name=name, start=start, end=end)
        return records.cohort(rows[0]["cohort"])

    return await db.write(work)


async def delete(db: Database, *, id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, COHORT_EXISTS, id=id):
            raise NotFound(f"no cohort with id {id!r}", field="id")
        await run(tx, DELETE_COHORT, id=id)

    await db.write(work)


async def add_member(db: Database, *, cohort_id: str, manager_id: str, role: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, COHORT_EXISTS, id=cohort_id):
            raise NotFound(f"no cohort with id {cohort_id!r}", field="cohortId")
        if not await run(tx, MANAGER_EXISTS, id=manager_id):
            raise NotFound(f"no manager with id {manager_id!r}", field="managerId")
        if await run(tx, MEMBER_EXISTS, managerId=manager_id, cohortId=cohort_id):
            raise Conflict(
                f"manager {manager_id!r} is already a member of cohort {cohort_id!r}",
                field="managerId",
            )
        await run(tx, ADD_MEMBER, managerId=manager_id, cohortId=cohort_id, role=role)

    await db.write(work)


async def remove_member(db: Database, *, cohort_id: str, manager_id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, COHORT_EXISTS, id=cohort_id):
            raise NotFound(f"no cohort with id {cohort_id!r}", field="cohortId")
        if not await run(tx, MEMBER_EXISTS, managerId=manager_id, cohortId=cohort_id):
            raise NotFound(
                f"manager {manager_id!r} is not a member of cohort {cohort_id!r}", field="managerId"
            )
        await run(tx, REMOVE_MEMBER, managerId=manager_id, cohortId=cohort_id)

    await db.write(work)


async def create_session(db: Database, **fields: Any) -> domain.Session:
    async def work(tx: AsyncManagedTransaction) -> domain.Session:
        if await run(tx, SESSION_EXISTS, id=fields["id"]):
            raise Conflict(f"a session with id {fields['id']!r} already exists", field="id")
        cohort = await run(tx, LOCK_COHORT, id=fields["cohortId"])
        if not cohort:
            raise NotFound(f"no cohort with id {fields['cohortId']!r}", field="cohortId")
        _check_session_date(fields["date"], cohort[0])
        if await run(tx, SESSION_NUMBER_TAKEN, **fields):
            raise Conflict(
                f"cohort {fields['cohortId']!r} already has a session number {fields['number']}",
                field="number",
            )
        return records.session((await run(tx, CREATE_SESSION, **fields))[0]["session"])

    return await db.write(work)


async def update_session(db: Database, **fields: Any) -> domain.Session:
    async def work(tx: AsyncManagedTransaction) -> domain.Session:
        if not await run(tx, SESSION_EXISTS, id=fields["id"]):
            raise NotFound(f"no session with id {fields['id']!r}", field="id")
        if fields.get("date") is not None:
            cohort = await run(tx, LOCK_SESSION_COHORT, id=fields["id"])
            if cohort:  # a session always has its cohort; the guard keeps a stray one editable
                _check_session_date(fields["date"], cohort[0])
        if fields.get("number") is not None and await run(tx, SIBLING_NUMBER_TAKEN, **fields):
            raise Conflict(
                f"this session's cohort already has a session number {fields['number']}",
                field="number",
            )
        return records.session((await run(tx, UPDATE_SESSION, **fields))[0]["session"])

    return await db.write(work)


async def delete_session(db: Database, *, id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, SESSION_EXISTS, id=id):
            raise NotFound(f"no session with id {id!r}", field="id")
        await run(tx, DELETE_SESSION, id=id)

    await db.write(work)


__all__ = [
    "COHORT_MAP", "SESSION_MAP", "add_member", "by_ids", "count", "create", "create_session",
    "delete", "delete_session", "membership_map", "memberships_of_cohorts",
    "memberships_of_managers", "page", "remove_member", "sessions_by_ids", "sessions_of_cohorts",
    "update", "update_session",
]
