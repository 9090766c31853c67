"""The process's one async Neo4j driver, and ``Database``: the handle every function in
graph/ takes (``run`` is for the statements inside its write transactions).

The app opens the driver in its lifespan, bounds its handle by the request timeout and gives
each request a ``scoped()`` copy; a job started through the API runs on an ``unbounded()`` one.
A CLI command (``peernet seed``, ``import``, ``jobs``, ``db``, …) opens a driver and an
unbounded handle for its own run.

Timeouts are short on purpose: when Neo4j goes away, a request should fail fast with
DB_UNAVAILABLE rather than hang for the driver's 30–60 s defaults.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, RoutingControl
from neo4j.exceptions import (
    ConstraintError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from peernet.config import Settings
from peernet.errors import Conflict, DbUnavailable

T = TypeVar("T")

# TransientError covers a database that is starting or stopping (DatabaseUnavailable) once
# the driver's own retries are spent: the caller should come back, not see a crash.
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, TransientError, ConnectionError, OSError)


def create_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_timeout=settings.neo4j_connection_timeout,
        connection_acquisition_timeout=settings.neo4j_acquisition_timeout,
        max_connection_pool_size=settings.neo4j_pool_size,
        max_transaction_retry_time=settings.neo4j_acquisition_timeout,
        # Server notices (unknown labels on an empty graph, deprecations) are for developers
        # reading query plans, not for the service's logs.
        notifications_min_severity="OFF",
    )


class Database:
    """What the rest of the app sees of Neo4j: parameterised reads and retryable writes.

    ``queries`` counts round trips so tests can prove that nested fields are batched.
    """

    def __init__(self, driver: AsyncDriver, database: str, *, timeout: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.queries = 0
        # A client-side bound on one read or write, retries included. The driver bounds
        # connecting, but a server that accepts a connection while it is still starting
        # would otherwise hold a request for as long as it takes to start.
        self.timeout = timeout

    async def _bounded(self, work: Awaitable[T]) -> T:
        if self.timeout is None:
            return await work
        try:
            return await asyncio.wait_for(work, self.timeout)
        except TimeoutError as exc:
            raise DbUnavailable("the database is unavailable; try again shortly") from exc

    async def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return [record.data() for record in await self._read(query, params)]

    async def read_values(self, query: str, **params: Any) -> list[list[Any]]:
        """Like :meth:`read`, each record as its list of values, as the driver decoded them.

        For a record holding a large collected list: ``record.data()`` copies nested lists
        value by value in Python, which costs more than the query itself; this copies nothing.
        """
        return [list(record) for record in await self._read(query, params)]

    async def _read(self, query: str, params: dict[str, Any]) -> list[Any]:
        self.queries += 1
        try:
            records, _, _ = await self._bounded(self.driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.READ
            ))
        except _UNAVAILABLE as exc:
            raise DbUnavailable("the database is unavailable; try again shortly") from exc
        except DriverError as exc:
            raise DbUnavailable("the database is unavailable; try again shortly") from exc
        return records

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run ``work`` in one managed transaction; the driver retries it on transient errors,
        so ``work`` must be safe to run again (MERGE, or checks inside the transaction)."""
        self.queries += 1

        async def write() -> T:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(work)

        try:
            return await self._bounded(write())
        except ConstraintError as exc:
            # Two requests created the same id at once: the existence check inside `work`
            # passed for both, and the unique constraint stopped the second.
            raise Conflict("that id is already taken", field="id") from exc
        except (*_UNAVAILABLE, DriverError) as exc:
            raise DbUnavailable("the database is unavailable; try again shortly") from exc

    def scoped(self) -> Database:
        """A handle sharing the driver with its own query counter (one per request)."""
        return Database(self.driver, self.database, timeout=self.timeout)

    def unbounded(self) -> Database:
        """The same handle without the time bound, for long work such as a job run."""
        return Database(self.driver, self.database)


async def run(tx: AsyncManagedTransaction, query: str, **params: Any) -> list[dict[str, Any]]:
    result = await tx.run(query, params)
    return [record.data() async for record in result]


__all__ = ["Database", "create_driver", "run"]
