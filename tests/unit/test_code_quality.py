"""The direction of imports between the rooms is a test: the import-linter contracts in
pyproject.toml (schema -> resolvers -> graph -> domain, jobs -> graph -> domain, domain pure).

import-linter reads the package from the tree of symlinks ``tools/package_tree.py`` lays out
(the rooms are separate folders mapped into ``peernet.*``), so these tests also prove that the
tree holds the rooms and that a contract fails when a room imports the wrong way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peernet.config import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    built = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "tools" / "package_tree.py"), str(tmp_path / "tree")],
        capture_output=True, text=True, check=True,
    )
    return Path(built.stdout.strip())


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # From inside the tree: lint-imports puts its working directory first on sys.path, and the
    # project root's own peernet/ folder (without the rooms) would shadow the tree.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(PROJECT_ROOT / "pyproject.toml")],
        cwd=tree, capture_output=True, text=True, timeout=120,
    )


def test_the_tree_maps_every_room_to_its_folder(tree: Path) -> None:
    for room in ("domain", "graph", "resolvers", "schema", "jobs", "seeds"):
        init = tree / "peernet" / room / "__init__.py"
        assert init.resolve() == (PROJECT_ROOT / room / "__init__.py").resolve()
    assert (tree / "peernet" / "app.py").resolve() == (PROJECT_ROOT / "peernet" / "app.py")


def test_the_rooms_import_in_the_designed_direction(tree: Path) -> None:
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_module_importing_the_graph_breaks_a_contract(tree: Path) -> None:
    # A real file in the tree's domain folder (not in the project): the check must see it
    # as peernet.domain and name the import it forbids.
    (tree / "peernet" / "domain" / "_probe.py").write_text(
        "def load() -> None:\n    from peernet.graph import driver  # noqa: F401\n"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "peernet.domain._probe -> peernet.graph.driver" in result.stdout
