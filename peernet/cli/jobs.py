"""``peernet jobs list|run``: the NetworkX jobs, with a progress bar and a summary."""

from __future__ import annotations

from typing import Any

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from peernet.graph import job_runs
from peernet.graph.driver import Database
from peernet.jobs import registry
from peernet.jobs.retention import preview as retention_preview
from peernet.jobs.runner import run_job

from .common import console, fail, run_with_db

app = typer.Typer(help="Suggestions, recurring problems and connection metrics.",
                  no_args_is_help=True)


@app.command("list")
def list_jobs() -> None:
    """The jobs and their parameters."""
    table = Table("job", "parameters (defaults)", "what it does")
    for job in registry.all_jobs():
        defaults = ", ".join(f"{k}={v}" for k, v in job.defaults.items())
        table.add_row(job.name, defaults, job.description)
    console.print(table)


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"--param takes key=value, got {pair!r}")
        params[key] = value
    return params


def job_bar() -> Progress:
    """The bar a running job shows: its step, how far along, and the time so far (the admin
    page shows the same three, read from the run recorded in the graph)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


async def run_with_bar(db: Database, bar: Progress, name: str,
                       params: dict[str, Any] | None = None) -> job_runs.JobRun:
    task = bar.add_task(f"{name}: starting", total=1.0)
    try:
        return await run_job(db, name, params, progress=lambda step, done: bar.update(
            task, completed=done, description=f"{name}: {step}"))
    finally:
        bar.remove_task(task)


def summary(run: job_runs.JobRun) -> str:
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in run.timings.items())
    counts = ", ".join(f"{v} {k}" for k, v in run.counts.items())
    return f"{run.job}: {run.status} in {timings or '0 s'}; wrote {counts or 'nothing'}"


@app.command("run")
def run(
    name: str = typer.Argument(..., help="The job to run (see 'peernet jobs list')"),
    param: list[str] = typer.Option([], "--param", help="key=value, repeatable"),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="retention only: say what it would anonymise; write nothing"),
) -> None:
    """Run a job now and record the run."""
    params = parse_params(param)
    if dry_run:
        if name != "retention":
            fail("only the retention job has a dry run")
        days = int(registry.get(name).params(params)["days"])
        console.print(retention_preview.describe(run_with_db(
            lambda db: retention_preview.preview(db, days))))
        return

    async def work(db: Database) -> job_runs.JobRun:
        with job_bar() as bar:
            return await run_with_bar(db, bar, name, params)

    console.print(summary(run_with_db(work)))


__all__ = ["app", "job_bar", "parse_params", "run_with_bar", "summary"]
