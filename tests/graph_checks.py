"""Helpers for tests that look at the graph itself: GraphQL executed through the schema with a
``Context`` whose database handle counts Cypher round trips, and a snapshot of every node and
relationship so a test can prove that a failed mutation wrote nothing.

Import this after ``tests.conftest`` has pointed the settings at the test instance (pytest
loads the conftest first)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from strawberry import Schema

from peernet.config import get_settings
from peernet.domain.viewer import Viewer
from peernet.graph.driver import Database, create_driver
from peernet.resolvers.context import Context
from peernet.schema import build_schema
from peernet.seeds import demo as demo_data

NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS fromLabels, a.id AS fromId, labels(b) AS toLabels,
       b.id AS toId, properties(r) AS props
"""
LABEL_COUNTS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
TYPE_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"


@dataclass
class Outcome:
    """What one GraphQL execution returned, and how many Cypher round trips it cost."""

    data: dict[str, Any] | None
    errors: list[dict[str, Any]] = field(default_factory=list)
    queries: int = 0

    @property
    def codes(self) -> list[str | None]:
        return [(e.get("extensions") or {}).get("code") for e in self.errors]

    @property
    def fields(self) -> list[str | None]:
        return [(e.get("extensions") or {}).get("field") for e in self.errors]


@lru_cache(maxsize=1)
def schema() -> Schema:
    return build_schema(get_settings())


def viewer_for(role: str = "manager", manager_id: str | None = None) -> Viewer:
    """The viewer a conftest token for ``role`` would give (admins and sponsors are managers)."""
    default = {"admin": demo_data.DEMO_ADMIN_ID, "sponsor": demo_data.DEMO_SPONSOR_ID}.get(
        role, demo_data.DEMO_MANAGER_ID
    )
    return Viewer(manager_id=manager_id or default, roles=frozenset({"manager", role}))


async def _execute(query: str, variables: dict | None, viewer: Viewer, look_ahead: bool) -> Outcome:
    settings = get_settings()
    driver = create_driver(settings)
    try:
        db = Database(driver, settings.neo4j_database)
        context = Context(db=db, viewer=viewer, settings=settings, look_ahead=look_ahead)
        result = await schema().execute(query, variable_values=variables, context_value=context)
        errors = [e.formatted for e in result.errors or []]
        return Outcome(data=result.data, errors=errors, queries=db.queries)
    finally:
        await driver.close()


def execute(
    query: str, variables: dict | None = None, *, role: str = "manager",
    manager_id: str | None = None, look_ahead: bool = True,
) -> Outcome:
    """Run ``query`` through the schema directly (no HTTP), as ``role``; ``look_ahead=False``
    resolves every nested field through its DataLoader (``resolvers.look_ahead``)."""
    return asyncio.run(_execute(query, variables, viewer_for(role, manager_id), look_ahead))


async def _read(query: str, **params: Any) -> list[dict[str, Any]]:
    settings = get_settings()
    driver = create_driver(settings)
    try:
        return await Database(driver, settings.neo4j_database).read(query, **params)
    finally:
        await driver.close()


def _frozen(props: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    # str() so Neo4j dates compare by value; sorted so property order does not matter.
    return tuple(sorted((k, repr(v) if isinstance(v, (bool, int, float)) else str(v))
                        for k, v in props.items()))


def snapshot() -> tuple[list[tuple], list[tuple]]:
    """Every node (labels, properties) and relationship (type, ends, properties), sorted."""
    nodes = asyncio.run(_read(NODES))
    rels = asyncio.run(_read(RELATIONSHIPS))
    return (
        sorted((tuple(sorted(n["labels"])), _frozen(n["props"])) for n in nodes),
        sorted(
            (r["type"], tuple(sorted(r["fromLabels"])), str(r["fromId"]),
             tuple(sorted(r["toLabels"])), str(r["toId"]), _frozen(r["props"]))
            for r in rels
        ),
    )


def counts() -> dict[str, int]:
    """Nodes per label and relationships per type, e.g. ``{":Manager": 150, "KNOWS": 1045}``."""
    labels = asyncio.run(_read(LABEL_COUNTS))
    types = asyncio.run(_read(TYPE_COUNTS))
    return {**{f":{r['label']}": r["n"] for r in labels}, **{r["type"]: r["n"] for r in types}}


__all__ = ["Outcome", "counts", "execute", "schema", "snapshot", "viewer_for"]
