"""The ``peernet`` command. Each group of subcommands lives in its own module."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from . import backup, db, demo, gdpr, import_cmd, jobs, schema_cmd, serve, token
from .common import err

app = typer.Typer(
    name="peernet", help="Peer-network graph service for an organisation's managers.",
    no_args_is_help=True, add_completion=False,
)
app.add_typer(db.app, name="db")
app.add_typer(jobs.app, name="jobs")
app.command("serve")(serve.serve)
app.command("seed")(demo.seed)
app.command("demo")(demo.demo)
app.command("token")(token.token)
app.command("schema")(schema_cmd.schema)
app.command("import")(import_cmd.import_)
app.command("export")(backup.export)
app.command("import-dump")(backup.import_dump)
app.command("export-person")(gdpr.export_person)
app.command("erase")(gdpr.erase)


def main() -> None:
    try:
        app()
    except ValidationError as exc:  # the settings: say what to set, without a traceback
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            err.print(f"[red]error:[/red] {where + ': ' if where else ''}{error['msg']}")
        raise SystemExit(2) from None


__all__ = ["app", "main"]
