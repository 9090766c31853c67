"""The operation label of /metrics is bounded: the names the project's own pages send (and the
README's examples) keep their own series, any other client-chosen name is counted as "other"."""

from __future__ import annotations

import re

from peernet.config import PROJECT_ROOT
from peernet.observability import KNOWN_OPERATIONS, operation_label

# An operation definition with a name: `query Name(`, `mutation Name {`, `query Name @dir`.
NAMED_OPERATION = re.compile(
    r"\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)\s*[({@]"
)


def committed_operation_names() -> set[str]:
    files = [
        *sorted((PROJECT_ROOT / "web" / "static" / "js").rglob("*.js")),
        PROJECT_ROOT / "README.md",
    ]
    return {name for path in files for name in NAMED_OPERATION.findall(path.read_text())}


def test_the_known_operations_are_exactly_those_the_pages_and_readme_send():
    names = committed_operation_names()
    assert len(names) >= 10  # the pattern still finds the pages' documents
    assert names == KNOWN_OPERATIONS


def test_known_names_keep_their_label():
    for name in KNOWN_OPERATIONS:
        assert operation_label(name) == name


def test_other_names_collapse_into_one_label():
    assert operation_label(None) == "anonymous"
    labels = {operation_label(f"Probe{i}") for i in range(1_000)}
    assert labels == {"other"}
    assert operation_label("me") == "other"  # names are case-sensitive in GraphQL
    assert operation_label("x" * 10_000) == "other"
