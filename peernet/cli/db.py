"""``peernet db start|stop|status|migrate|reset``: the local Neo4j and its schema."""

from __future__ import annotations

import typer

from peernet import neo4j_launcher as launcher
from peernet.config import get_settings
from peernet.graph import maintenance
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate as run_migrations

from .common import console, fail, run_with_db

app = typer.Typer(help="The local Neo4j server and the graph's schema.", no_args_is_help=True)

InstanceOpt = typer.Option(
    "dev", "--instance", help="dev (the demo data) or test (the test suite's own)",
)


def _instance(name: str) -> launcher.Instance:
    try:
        return launcher.instance_for(get_settings(), name)
    except launcher.LauncherError as exc:
        fail(str(exc))
        raise


@app.command()
def start(instance: str = InstanceOpt) -> None:
    """Start Neo4j on 127.0.0.1 (no-op when it already runs) and wait until it answers."""
    if get_settings().production:
        fail("in production Neo4j runs as its own service (see docker-compose.yml)")
    try:
        launcher.start(
            _instance(instance), timeout=get_settings().neo4j_start_timeout, echo=console.print,
        )
    except launcher.LauncherError as exc:
        fail(str(exc))


@app.command()
def stop(instance: str = InstanceOpt) -> None:
    """Stop the local Neo4j cleanly."""
    launcher.stop(_instance(instance), echo=console.print)


@app.command()
def status(instance: str = InstanceOpt) -> None:
    """Say whether the local Neo4j is running."""
    state = launcher.status(_instance(instance))
    console.print(f"Neo4j ({instance}): {state}")
    if state != "running":
        raise typer.Exit(3)


@app.command()
def migrate() -> None:
    """Create constraints and indexes (idempotent)."""

    async def work(db: Database) -> list[str]:
        return await run_migrations(db.driver, db.database)

    statements = run_with_db(work)
    console.print(f"Applied {len(statements)} migrations (constraints and indexes).")


@app.command()
def reset(yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation.")) -> None:
    """Delete every node and relationship. Refused in production."""
    settings = get_settings()
    if settings.production:
        fail("reset is refused in production mode")
    if not yes and not typer.confirm(f"Delete everything in {settings.neo4j_uri}?"):
        raise typer.Exit(1)

    run_with_db(maintenance.reset)
    console.print("The database is empty.")


__all__ = ["app"]
