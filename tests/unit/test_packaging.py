"""The distribution holds every package in the tree. ``pyproject.toml`` lists packages by
hand (the rooms are mapped into ``peernet.*``), so a new sub-package that is not listed works
in the editable development install and is missing from the Docker image."""

from __future__ import annotations

import tomllib

from peernet.config import PROJECT_ROOT


def test_every_package_folder_is_in_the_distribution():
    tool = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(tool["packages"])
    folders = {name: PROJECT_ROOT / path for name, path in tool["package-dir"].items()}
    found = set()
    for name, folder in folders.items():
        for init in folder.rglob("__init__.py"):
            if "__pycache__" in init.parts or "node_modules" in init.parts:
                continue
            relative = init.parent.relative_to(folder).parts
            found.add(".".join((name, *relative)))
    missing = sorted(found - listed)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_the_command_and_the_launchers_maven_project_ship():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["peernet"] == "peernet.cli:main"
    data = project["tool"]["setuptools"]["package-data"]["peernet"]
    assert "neo4j_launcher/pom.xml" in data
    assert (PROJECT_ROOT / "peernet" / "neo4j_launcher" / "pom.xml").is_file()
