"""``peernet seed`` and ``peernet demo``: the fictional municipality, ready to explore."""

from __future__ import annotations

import datetime as dt
from typing import Any

import typer
from rich.progress import Progress

from peernet import neo4j_launcher as launcher
from peernet.auth import issue_dev_token
from peernet.config import get_settings
from peernet.graph import maintenance, metrics_store
from peernet.graph.driver import Database
from peernet.graph.migrations import migrate
from peernet.jobs import registry
from peernet.seeds import demo as demo_data
from peernet.seeds.loader import STEPS, load

from .common import console, fail, run_with_db
from .jobs import job_bar, run_with_bar, summary
from .serve import serve


def seed() -> None:
    """Load the demo municipality (idempotent: loading twice gives the same graph). Refused
    in production mode and for a database a production start has marked."""
    if get_settings().production:
        fail("seed loads fictional demo data and is refused in production mode "
             "(unset PEERNET_MODE or set it to development, against a development database)")
    data = demo_data.build_demo()

    async def work(db: Database) -> dict[str, int]:
        await maintenance.refuse_production_data(db, "seed")
        await migrate(db.driver, db.database)
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Seeding", total=len(STEPS))
            counts = await load(db, data, progress=lambda name, n: progress.update(
                task, advance=1, description=f"Seeding {name}"))
        return counts

    counts = run_with_db(work)
    console.print("Seeded: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


# Run after seeding so a new user opens onto suggestions, the sponsors' board and the
# dashboard with data.
DEMO_JOBS = ("suggest-contacts", "recurring-problems", "network-metrics")


def look_back_days(data: demo_data.DemoData) -> list[str]:
    """The day before each cohort began: the network each cohort walked into. network-metrics
    computes these from the contacts' ``since`` dates (its ``as_of``), so the dashboard's trend
    starts with the demo's real history rather than one point for today."""
    return sorted((dt.date.fromisoformat(c["start"]) - dt.timedelta(days=1)).isoformat()
                  for c in data.cohorts)


async def demo_job_list(
    db: Database, data: demo_data.DemoData,
) -> list[tuple[str, dict[str, Any]]]:
    """The jobs to run, with their parameters. Suggestions, the board and today's metrics are
    recomputed every time (each replaces or dates its own result); a look back is computed
    only if missing, so running the demo again adds no duplicate history."""
    known = {job.name for job in registry.all_jobs()}
    wanted: list[tuple[str, dict[str, Any]]] = [(name, {}) for name in DEMO_JOBS if name in known]
    if "network-metrics" in known:
        wanted += [("network-metrics", {"as_of": day}) for day in look_back_days(data)
                   if await metrics_store.latest(db, day) is None]
    return wanted


def run_demo_jobs(data: demo_data.DemoData | None = None) -> None:
    data = data or demo_data.build_demo()

    async def work(db: Database) -> int:
        todo = await demo_job_list(db, data)
        failed = 0
        with job_bar() as bar:
            overall = bar.add_task("Jobs", total=len(todo))
            for name, params in todo:
                label = name + (f" as of {params['as_of']}" if params.get("as_of") else "")
                bar.update(overall, description=f"Jobs: {label}")
                try:
                    run = await run_with_bar(db, bar, name, params)
                    as_of = f" (as of {params['as_of']})" if params else ""
                    bar.console.print(summary(run) + as_of)
                except Exception as exc:  # one failed job should not keep the pages from opening
                    failed += 1
                    bar.console.print(f"[red]{label}: failed[/red] ({exc})")
                bar.advance(overall)
        return failed

    failed = run_with_db(work)
    if failed:
        console.print(f"[yellow]{failed} job(s) failed; the pages they feed stay empty "
                      "(see 'peernet jobs run').[/yellow]")


def _print_tokens() -> None:
    settings = get_settings()
    users = (
        ("manager", demo_data.DEMO_MANAGER_ID, ["manager"]),
        ("sponsor", demo_data.DEMO_SPONSOR_ID, ["manager", "sponsor"]),
        ("admin", demo_data.DEMO_ADMIN_ID, ["manager", "admin"]),
    )
    console.print("\n[bold]Demo tokens[/bold] "
                  "(valid 12 h; send as 'Authorization: Bearer <token>'):")
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
        fail("the demo is refused in production mode: it runs in development mode only")
    try:
        launcher.start(launcher.instance_for(settings, "dev"),
                       timeout=settings.neo4j_start_timeout, echo=console.print)
    except launcher.LauncherError as exc:
        fail(str(exc))
    seed()
    run_demo_jobs()
    _print_tokens()
    url = f"http://{settings.host}:{port or settings.port}"
    console.print(f"\nPages: [bold]{url}/[/bold] (sign in as a demo user)")
    console.print(f"GraphQL: [bold]{url}/graphql[/bold] "
                  "(GraphiQL in a browser; add the token under Headers)")
    if serve_too:
        serve(host=None, port=port, workers=1)


__all__ = ["demo", "seed"]
