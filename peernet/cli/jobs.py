"""``peernet jobs list|run``: the NetworkX jobs, with a progress bar and a summary."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from peernet.graph.driver import Database
from peernet.jobs import registry
from peernet.jobs.runner import run_job

from .common import console, fail, run_with_db

app = typer.Typer(help="Suggestions, recurring problems and connection metrics.", no_args_is_help=True)


@app.command("list")
def list_jobs() -> None:
    """The jobs and their parameters."""
    table = Table("job", "parameters (defaults)", "what it does")
    for job in registry.all_jobs():
        table.add_row(job.name, ", ".join(f"{k}={v}" for k, v in job.defaults.items()), job.description)
    console.print(table)


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"--param takes key=value, got {pair!r}")
        params[key] = value
    return params


@app.command("run")
def run(
    name: str = typer.Argument(..., help="The job to run (see 'peernet jobs list')"),
    param: list[str] = typer.Option([], "--param", help="key=value, repeatable"),
) -> None:
    """Run a job now and record the run."""
    params = parse_params(param)

    async def work(db: Database):
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(f"{name}: starting", total=1.0)
            return await run_job(db, name, params, progress=lambda step, done: bar.update(
                task, completed=done, description=f"{name}: {step}"))

    result = run_with_db(work)
    timings = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
    counts = ", ".join(f"{v} {k}" for k, v in result.counts.items())
    console.print(f"{name}: {result.status} in {timings}; wrote {counts or 'nothing'}")


__all__ = ["app", "parse_params"]
