"""What the README promises works: its example queries run on the demo data over HTTP, its
curl request is valid, and every command it lists exists."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README, flags=re.S)


def _leaves(value) -> list:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def test_the_readme_has_three_example_queries():
    assert len(EXAMPLES) == 3


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example {i + 1}" for i in range(len(EXAMPLES))])
def test_each_example_query_answers_on_the_demo_data(gql, query):
    body = gql(query)  # as the demo manager, as the README says
    assert body.get("errors") is None, body["errors"]
    leaves = _leaves(body["data"])
    assert leaves and all(leaf is not None for leaf in leaves if not isinstance(leaf, bool))


def test_the_curl_example_sends_a_query_that_answers(gql, demo_graph):
    command = re.search(r"```sh\n(TOKEN=.*?)```", README, flags=re.S)[1]
    payload = json.loads(shlex.split(command.split("-d ", 1)[1])[0])
    body = gql(payload["query"])
    assert body.get("errors") is None
    assert body["data"]["me"]["name"]


def test_every_command_the_readme_lists_exists():
    rows = re.findall(r"^\| `peernet ([^`]+)`(.*?)\|", README, flags=re.M)
    commands = []
    for first, rest in rows:
        words = first.split()
        commands.append(words[:2] if words[0] in ("db", "jobs") else words[:1])
        # "`peernet db start` / `stop` / `status`" lists siblings of the first command.
        commands += [[words[0], extra.split()[0]] for extra in re.findall(r"`([^`]+)`", rest)
                     if words[0] in ("db", "jobs") and not extra.startswith("-")]
    assert len(commands) >= 12
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
