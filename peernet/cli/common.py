"""What the CLI's commands share: settings, a console, and a database handle."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from peernet.config import Settings, get_settings
from peernet.errors import PeernetError
from peernet.graph.driver import Database, create_driver

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)
T = TypeVar("T")


@contextlib.asynccontextmanager
async def database(settings: Settings | None = None) -> AsyncIterator[Database]:
    settings = settings or get_settings()
    driver = create_driver(settings)
    try:
        yield Database(driver, settings.neo4j_database)
    finally:
        await driver.close()


def run_with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    async def main() -> T:
        async with database() as db:
            return await work(db)

    try:
        return asyncio.run(main())
    except PeernetError as exc:
        err.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from exc


def fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


__all__ = ["console", "database", "err", "fail", "run_with_db"]
