"""Cypher for departments."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from peernet.domain import records as domain
from peernet.errors import Conflict, NotFound

from . import records
from .driver import Database, run

# The map ``records.department`` parses, for the department bound to ``d``.
DEPARTMENT_MAP = "d {.id, .name}"

DEPARTMENTS_BY_IDS = f"""
UNWIND $ids AS id MATCH (d:Department {{id: id}}) RETURN {DEPARTMENT_MAP} AS department
"""
DEPARTMENTS_PAGE = f"""
MATCH (d:Department) WHERE $after IS NULL OR d.id > $after
RETURN {DEPARTMENT_MAP} AS department ORDER BY d.id LIMIT $limit
"""
DEPARTMENTS_COUNT = "MATCH (d:Department) RETURN count(d) AS n"
CREATE_DEPARTMENT = (
    f"CREATE (d:Department {{id: $id, name: $name}}) RETURN {DEPARTMENT_MAP} AS department"
)
UPDATE_DEPARTMENT = f"""
MATCH (d:Department {{id: $id}}) SET d.name = coalesce($name, d.name)
RETURN {DEPARTMENT_MAP} AS department
"""
DEPARTMENT_MANAGER_COUNT = """
MATCH (d:Department {id: $id}) RETURN COUNT { (:Manager)-[:WORKS_IN]->(d) } AS n
"""
DELETE_DEPARTMENT = "MATCH (d:Department {id: $id}) DETACH DELETE d"
EXISTS = "MATCH (n:Department {id: $id}) RETURN n.id AS id"


async def by_ids(db: Database, ids: list[str]) -> dict[str, domain.Department]:
    rows = await db.read(DEPARTMENTS_BY_IDS, ids=ids)
    return {r["department"]["id"]: records.department(r["department"]) for r in rows}


async def page(db: Database, *, after: str | None, limit: int) -> list[domain.Department]:
    rows = await db.read(DEPARTMENTS_PAGE, after=after, limit=limit)
    return [records.department(r["department"]) for r in rows]


async def count(db: Database) -> int:
    n: int = (await db.read(DEPARTMENTS_COUNT))[0]["n"]
    return n


async def create(db: Database, *, id: str, name: str) -> domain.Department:
    async def work(tx: AsyncManagedTransaction) -> domain.Department:
        if await run(tx, EXISTS, id=id):
            raise Conflict(f"a department with id {id!r} already exists", field="id")
        rows = await run(tx, CREATE_DEPARTMENT, id=id, name=name)
        return records.department(rows[0]["department"])

    return await db.write(work)


async def update(db: Database, *, id: str, name: str | None) -> domain.Department:
    async def work(tx: AsyncManagedTransaction) -> domain.Department:
        rows = await run(tx, UPDATE_DEPARTMENT, id=id, name=name)
        if not rows:
            raise NotFound(f"no department with id {id!r}", field="id")
        return records.department(rows[0]["department"])

    return await db.write(work)


async def delete(db: Database, *, id: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        rows = await run(tx, DEPARTMENT_MANAGER_COUNT, id=id)
        if not rows:
            raise NotFound(f"no department with id {id!r}", field="id")
        if rows[0]["n"]:
            raise Conflict(
                f"department {id!r} still has {rows[0]['n']} managers; move them first",
                field="id",
            )
        await run(tx, DELETE_DEPARTMENT, id=id)

    await db.write(work)


__all__ = ["DEPARTMENT_MAP", "by_ids", "count", "create", "delete", "page", "update"]
