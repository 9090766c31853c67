"""``peernet schema``: the GraphQL schema as SDL, for intranet client developers.

``schema.graphql`` at the repository root is committed, and a test fails when it differs from
the schema the code builds. After adding or changing a type, field or argument, run
``peernet schema`` to regenerate the file, and commit it with the change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import typer

from peernet.config import PROJECT_ROOT

from .common import console, fail

SDL_FILE = PROJECT_ROOT / "schema.graphql"
REGENERATE = "peernet schema"


def sdl() -> str:
    """The SDL printed from the code's schema, ending in one newline."""
    from peernet.schema import build_schema  # imported here: building it loads every feature

    return str(build_schema()).rstrip("\n") + "\n"


def diff(committed: str, current: str, *, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(
        committed.splitlines(), current.splitlines(), "schema.graphql (committed)",
        "schema (from the code)", lineterm="", n=1,
    ))
    more = f"\n… and {len(lines) - limit} more lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def schema(
    output: Path = typer.Option(SDL_FILE, "--output", "-o",
                                help="The file to write; '-' prints the SDL"),
    check: bool = typer.Option(False, "--check",
                               help="Write nothing; exit 1 if the file is out of date"),
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql."""
    current = sdl()
    if str(output) == "-":
        print(current, end="")
        return
    committed = output.read_text() if output.exists() else ""
    if check:
        if committed != current:
            typer.echo(diff(committed, current), err=True)  # plain: rich would wrap and mark up
            fail(f"{output} is out of date; run '{REGENERATE}' to regenerate it")
        console.print(f"{output} is up to date.")
        return
    output.write_text(current)
    state = "unchanged" if committed == current else "written"
    console.print(f"{output}: {state} ({current.count(chr(10))} lines).")


__all__ = ["REGENERATE", "SDL_FILE", "diff", "schema", "sdl"]
