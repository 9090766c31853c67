"""Cypher for managers, their departments and their contacts."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain import records as domain
from peernet.errors import BadUserInput, Conflict, NotFound

from . import records
from .departments import DEPARTMENT_MAP
from .driver import Database, run


def manager_map(var: str) -> str:
    """The map ``records.manager`` parses, for the manager bound to ``var``."""
    return (f"{var} {{.id, .name, .title, .level, .managerSince, "
            f"departmentId: head([({var})-[:WORKS_IN]->(d:Department) | d.id])}}")


MANAGER_MAP = manager_map("m")

# One record holding the list: a page of 50 asks for ~700 contacts' managers at once, and the
# async driver's per-record cost made 700 records 2-3x slower than one list of 700.
MANAGERS_BY_IDS = (
    f"UNWIND $ids AS id MATCH (m:Manager {{id: id}}) RETURN collect({MANAGER_MAP}) AS managers"
)

MANAGER_FILTER = """
WHERE ($departmentId IS NULL OR EXISTS { (m)-[:WORKS_IN]->(:Department {id: $departmentId}) })
  AND ($cohortId IS NULL OR EXISTS { (m)-[:MEMBER_OF]->(:Cohort {id: $cohortId}) })
  AND ($name IS NULL OR toLower(m.name) CONTAINS toLower($name))
"""
# The managers of a page, filtered, after the cursor (``filter_params`` gives the filters'
# parameters); the page's read and ``manager_bundles``' read both start here.
MANAGERS_PAGE_MATCH = f"MATCH (m:Manager) {MANAGER_FILTER} AND ($after IS NULL OR m.id > $after)"
MANAGERS_PAGE = f"""
{MANAGERS_PAGE_MATCH}
RETURN {MANAGER_MAP} AS manager ORDER BY m.id LIMIT $limit
"""
MANAGERS_COUNT = f"MATCH (m:Manager) {MANAGER_FILTER} RETURN count(m) AS n"

MANAGERS_BY_DEPARTMENTS = f"""
UNWIND $ids AS did MATCH (m:Manager)-[:WORKS_IN]->(:Department {{id: did}})
WITH did, m ORDER BY m.id
RETURN did AS key, collect({MANAGER_MAP}) AS managers
"""


def contact_map(manager_id: str, other_id: str, extra: str = "") -> str:
    """The map ``records.contact`` parses, for the ``KNOWS`` relationship bound to ``k``
    (plus ``extra`` entries, e.g. the other manager)."""
    return (f"{{managerId: {manager_id}, otherId: {other_id}, since: k.since, source: k.source, "
            f"cohortId: k.cohortId{extra}}}")


CONTACTS_OF = f"""
UNWIND $ids AS mid MATCH (:Manager {{id: mid}})-[k:KNOWS]-(o:Manager)
WITH mid, k, o ORDER BY o.id
RETURN mid AS key, collect({contact_map('mid', 'o.id')}) AS contacts
"""

# For a view that names managers and departments it knows by id (the metrics' brokers and
# departments): both in one read.
MANAGERS_AND_DEPARTMENTS = f"""
RETURN COLLECT {{
         UNWIND $managerIds AS id MATCH (m:Manager {{id: id}}) RETURN {MANAGER_MAP}
       }} AS managers,
       COLLECT {{
         UNWIND $departmentIds AS id MATCH (d:Department {{id: id}}) RETURN {DEPARTMENT_MAP}
       }} AS departments
"""

EXISTS = "MATCH (n:Manager {id: $id}) RETURN n.id AS id"
DEPARTMENT_EXISTS = "MATCH (d:Department {id: $id}) RETURN d.id AS id"
CREATE_MANAGER = f"""
MATCH (d:Department {{id: $departmentId}})
CREATE (m:Manager {{id: $id, name: $name, title: $title, level: $level,
                    managerSince: $managerSince}})-[:WORKS_IN]->(d)
RETURN {MANAGER_MAP} AS manager
"""
UPDATE_MANAGER = f"""
MATCH (m:Manager {{id: $id}}) SET m += $changes RETURN {MANAGER_MAP} AS manager
"""
MOVE_MANAGER = """
MATCH (m:Manager {id: $id})-[w:WORKS_IN]->() DELETE w
WITH DISTINCT m MATCH (d:Department {id: $departmentId}) CREATE (m)-[:WORKS_IN]->(d)
"""
DELETE_MANAGER = "MATCH (m:Manager {id: $id}) DETACH DELETE m"

CONTACT_EXISTS = """
MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) RETURN k.since AS since
"""
# Stored once, from the lower id to the higher, so an undirected contact has one relationship.
MERGE_CONTACT = f"""
MATCH (a:Manager {{id: $low}}), (b:Manager {{id: $high}})
MERGE (a)-[k:KNOWS]->(b)
ON CREATE SET k.since = $since, k.source = $source, k.cohortId = $cohortId
RETURN {contact_map('$managerId', '$otherId')} AS contact
"""


async def by_ids(db: Database, ids: list[str]) -> dict[str, domain.Manager]:
    rows = await db.read(MANAGERS_BY_IDS, ids=ids)
    return {m["id"]: records.manager(m) for m in (rows[0]["managers"] if rows else ())}


def filter_params(
    department_id: str | None, cohort_id: str | None, name: str | None,
) -> dict[str, Any]:
    """The parameters of ``MANAGER_FILTER``."""
    return {"departmentId": department_id, "cohortId": cohort_id, "name": name or None}


async def page(
    db: Database, *, after: str | None, limit: int, department_id: str | None = None,
    cohort_id: str | None = None, name: str | None = None,
) -> list[domain.Manager]:
    rows = await db.read(
        MANAGERS_PAGE, after=after, limit=limit, **filter_params(department_id, cohort_id, name)
    )
    return [records.manager(r["manager"]) for r in rows]


async def count(
    db: Database, *, department_id: str | None = None, cohort_id: str | None = None,
    name: str | None = None,
) -> int:
    rows = await db.read(MANAGERS_COUNT, **filter_params(department_id, cohort_id, name))
    n: int = rows[0]["n"]
    return n


async def by_departments(db: Database, ids: list[str]) -> dict[str, list[domain.Manager]]:
    rows = await db.read(MANAGERS_BY_DEPARTMENTS, ids=ids)
    return {r["key"]: [records.manager(m) for m in r["managers"]] for r in rows}


async def contacts_of(db: Database, ids: list[str]) -> dict[str, list[domain.Contact]]:
    rows = await db.read(CONTACTS_OF, ids=ids)
    return {r["key"]: [records.contact(c) for c in r["contacts"]] for r in rows}


async def with_departments(
    db: Database, manager_ids: list[str], department_ids: list[str]
) -> tuple[dict[str, domain.Manager], dict[str, domain.Department]]:
    rows = await db.read(
        MANAGERS_AND_DEPARTMENTS, managerIds=manager_ids, departmentIds=department_ids,
    )
    return ({m["id"]: records.manager(m) for m in rows[0]["managers"]},
            {d["id"]: records.department(d) for d in rows[0]["departments"]})


async def create(db: Database, **fields: Any) -> domain.Manager:
    async def work(tx: AsyncManagedTransaction) -> domain.Manager:
        if await run(tx, EXISTS, id=fields["id"]):
            raise Conflict(f"a manager with id {fields['id']!r} already exists", field="id")
        rows = await run(tx, CREATE_MANAGER, **fields)
        if not rows:
            raise NotFound(
                f"no department with id {fields['departmentId']!r}", field="departmentId",
            )
        return records.manager(rows[0]["manager"])

    return await db.write(work)


async def update(
    db: Database, *, id: str, changes: dict[str, Any], department_id: str | None
) -> domain.Manager:
    async def work(tx: AsyncManagedTransaction) -> domain.Manager:
        if not await run(tx, EXISTS, id=id):
            raise NotFound(f"no manager with id {id!r}", field="id")
        if department_id is not None and not await run(tx, DEPARTMENT_EXISTS, id=department_id):
            raise NotFound(f"no department with id {department_id!r}", field="departmentId")
        if department_id is not None:
            await run(tx, MOVE_MANAGER, id=id, departmentId=department_id)
        rows = await run(tx, UPDATE_MANAGER, id=id, changes=changes)
        return records.manager(rows[0]["manager"])

    return await db.write(work)


async def delete(db: Database, *, id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, EXISTS, id=id):
            raise NotFound(f"no manager with id {id!r}", field="id")
        await run(tx, DELETE_MANAGER, id=id)

    await db.write(work)


async def record_contact(
    db: Database, *, manager_id: str, other_id: str, since: str | None, source: str,
    cohort_id: str | None = None,
) -> domain.Contact:
    if manager_id == other_id:
        raise BadUserInput("a manager cannot be their own contact", field="otherId")
    low, high = sorted((manager_id, other_id))

    async def work(tx: AsyncManagedTransaction) -> domain.Contact:
        for field, mid in (("managerId", manager_id), ("otherId", other_id)):
            if not await run(tx, EXISTS, id=mid):
                raise NotFound(f"no manager with id {mid!r}", field=field)
        rows = await run(
            tx, MERGE_CONTACT, low=low, high=high, since=since, source=source,
            cohortId=cohort_id, managerId=manager_id, otherId=other_id,
        )
        return records.contact(rows[0]["contact"])

    return await db.write(work)


__all__ = [
    "CONTACTS_OF", "MANAGERS_PAGE_MATCH", "MANAGER_FILTER", "MANAGER_MAP", "by_departments",
    "by_ids", "contact_map", "contacts_of", "count", "create", "delete", "filter_params",
    "manager_map", "page", "record_contact", "update", "with_departments",
]
