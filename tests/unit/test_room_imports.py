"""The direction of imports between the API's rooms, as a test: ``schema`` may import
``resolvers``, never the reverse, and no import hides inside a function to dodge a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules(room: str) -> list[Path]:
    return sorted((ROOT / room).glob("*.py"))


def _imported(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


@pytest.mark.parametrize("path", _modules("resolvers"), ids=lambda p: p.name)
def test_resolvers_never_import_the_schema(path):
    found = [n for n in _imported(ast.parse(path.read_text()))
             if n.startswith("peernet.schema") or n.startswith("..schema")]
    assert found == []


@pytest.mark.parametrize("path", _modules("resolvers") + _modules("schema"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_import_inside_a_function(path):
    tree = ast.parse(path.read_text())
    inside = [
        f"line {node.lineno}"
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]
    assert inside == []


@pytest.mark.parametrize("path", _modules("schema"), ids=lambda p: p.name)
def test_schema_reads_no_dataloader_itself(path):
    assert "loaders." not in path.read_text()


def test_the_rule_finds_a_backward_import():
    # The check above must notice the pattern it forbids.
    tree = ast.parse("def f():\n    from peernet.schema.types import Contact\n")
    assert "peernet.schema.types" in _imported(tree)
