"""Lay out the installed package ``peernet`` as one folder tree of symlinks, for the static tools.

The rooms live in folders of their own (``graph/`` is ``peernet.graph``; see
``[tool.setuptools.package-dir]`` in pyproject.toml). The editable install maps them with an
import hook, which Python runs but mypy and import-linter do not: they look for
``peernet/graph/`` on disk. This tree gives them that, pointing back at the real files, so
what they check is the code as it is imported. Rebuilt on every run (it is cheap), so a new
module is never missed.

Usage: ``python tools/package_tree.py [TARGET]`` (default ``build/package-tree``); prints the
folder to put on ``MYPYPATH`` / ``PYTHONPATH``.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARGET = ROOT / "build" / "package-tree"
SKIPPED = {"__pycache__"}


def package_dirs(pyproject: Path) -> dict[str, Path]:
    """Each mapped package's import name and its folder, parents before children."""
    mapping = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-dir"]
    return {name: (pyproject.parent / folder).resolve() for name, folder in sorted(mapping.items())}


def build(target: Path = DEFAULT_TARGET, pyproject: Path = ROOT / "pyproject.toml") -> Path:
    if target.exists():
        shutil.rmtree(target)
    mapped = package_dirs(pyproject)
    for name, folder in mapped.items():
        here = target.joinpath(*name.split("."))
        here.mkdir(parents=True, exist_ok=True)
        # A folder that is also a mapped package of its own gets its own entry in the loop.
        children = {n.rsplit(".", 1)[1] for n in mapped if n.rpartition(".")[0] == name}
        for entry in sorted(folder.iterdir()):
            if entry.name in SKIPPED or entry.name in children:
                continue
            (here / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEFAULT_TARGET))
