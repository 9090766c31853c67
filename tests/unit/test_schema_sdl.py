"""The committed ``schema.graphql`` is the schema the code builds. Intranet client developers
build against the file, so it must change whenever the API does."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from peernet.cli import app
from peernet.cli.schema_cmd import REGENERATE, SDL_FILE, diff, sdl


def test_the_committed_schema_matches_the_code():
    committed = SDL_FILE.read_text() if SDL_FILE.exists() else ""
    current = sdl()
    if committed != current:
        pytest.fail(
            f"schema.graphql differs from the schema the code builds. If you changed the API "
            f"on purpose, regenerate the file with `.venv/bin/{REGENERATE}` and commit it.\n\n"
            + diff(committed, current),
            pytrace=False,
        )


def test_the_sdl_names_the_core_api():
    current = sdl()
    for needle in ("type Query", "type Mutation", "type Manager", "type ManagerConnection",
                   "managers(first: Int! = 20, after: String = null", "raiseProblem(",
                   "recordHandling(", "recordContact(", "addCohortMember("):
        assert needle in current, needle


def test_peernet_schema_writes_the_file_and_check_notices_a_stale_one(tmp_path):
    target = tmp_path / "schema.graphql"
    runner = CliRunner()
    written = runner.invoke(app, ["schema", "--output", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text() == sdl()
    assert runner.invoke(app, ["schema", "--check", "--output", str(target)]).exit_code == 0

    target.write_text(sdl().replace("type Manager {", "type Manager {\n  gone: String", 1))
    stale = runner.invoke(app, ["schema", "--check", "--output", str(target)])
    assert stale.exit_code == 1
    assert REGENERATE in stale.output
    assert target.read_text() != sdl()  # --check never writes


def test_peernet_schema_prints_with_a_dash():
    printed = CliRunner().invoke(app, ["schema", "--output", "-"])
    assert printed.exit_code == 0 and printed.output == sdl()
