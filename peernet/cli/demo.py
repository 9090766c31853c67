"""``peernet seed`` and ``peernet demo``: the fictional municipality, ready to explore."""

from __future__ import annotations

import typer
from rich.progress import Progress

from peernet import neo4j_launcher as launcher
from peernet.auth import issue_dev_token
from peernet.config import get_settings
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from peernet.seeds import demo as demo_data
from peernet.seeds.loader import STEPS, load

from .common import console, fail, run_with_db
from .serve import serve


def seed() -> None:
    """Load the demo municipality (idempotent: loading twice gives the same graph)."""
    data = demo_data.build_demo()

    async def work(db: Database) -> dict[str, int]:
        await migrate(db.driver, db.database)
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Seeding", total=len(STEPS))
            counts = await load(db, data, progress=lambda name, n: progress.update(
                task, advance=1, description=f"Seeding {name}"))
        return counts

    counts = run_with_db(work)
    console.print("Seeded: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


# Run after seeding so a new user sees suggestions, recurring problems and metrics at once.
DEMO_JOBS = ("suggest-contacts", "recurring-problems", "network-metrics")


def run_demo_jobs() -> None:
    known = {job.name for job in registry.all_jobs()}

    async def work(db: Database) -> None:
        for name in DEMO_JOBS:
            if name in known:
                run = await run_job(db, name)
                console.print(f"Job {name}: {run.status} ({sum(run.timings.values()):.1f} s)")

    run_with_db(work)


def _print_tokens() -> None:
    settings = get_settings()
    users = (
        ("manager", demo_data.DEMO_MANAGER_ID, ["manager"]),
        ("sponsor", demo_data.DEMO_SPONSOR_ID, ["manager", "sponsor"]),
        ("admin", demo_data.DEMO_ADMIN_ID, ["manager", "admin"]),
    )
    console.print("\n[bold]Demo tokens[/bold] (valid 12 h; send as 'Authorization: Bearer <token>'):")
    for label, manager_id, roles in users:
        signed = issue_dev_token(settings, manager_id=manager_id, roles=roles)
        console.print(f"\n[bold]{label}[/bold] ({manager_id}):")
        print(signed)


def demo(
    port: int = typer.Option(None, help="Port (default from PEERNET_PORT)"),
    serve_too: bool = typer.Option(True, "--serve/--no-serve", help="Serve after setting up"),
) -> None:
    """Start the local Neo4j, migrate, load the demo data, run the jobs, and serve."""
    settings = get_settings()
    if settings.production:
        fail("the demo runs in development mode only")
    try:
        launcher.start(launcher.instance_for(settings, "dev"), timeout=settings.neo4j_start_timeout, echo=console.print)
    except launcher.LauncherError as exc:
        fail(str(exc))
    seed()
    run_demo_jobs()
    _print_tokens()
    url = f"http://{settings.host}:{port or settings.port}"
    console.print(f"\nPages: [bold]{url}/[/bold] (sign in as a demo user)")
    console.print(f"GraphQL: [bold]{url}/graphql[/bold] (GraphiQL in a browser; add the token under Headers)")
    if serve_too:
        serve(host=None, port=port, workers=1)


__all__ = ["demo", "seed"]
