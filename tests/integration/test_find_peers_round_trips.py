"""What ``findPeers`` and ``similarProblems`` cost in Cypher round trips, executed through the
schema with a counting database handle: a fixed number, whatever ``first`` is."""

from __future__ import annotations

import pytest

from tests.graph_checks import execute

pytestmark = pytest.mark.usefixtures("demo_graph")

FIND = """
query($first: Int!) { findPeers(problem: "IT-supporten svarar inte", first: $first) {
  peer { id name level } department { id name } score reasons
  matchedProblems { outcome handledAt problem { id category restricted } }
  connection { length steps { via manager { id name } cohort { id name } } }
} }
"""
SIMILAR = """
query($first: Int!) { problems(first: $first) { edges { node {
  id restricted similarProblems(first: 3) { id category restricted }
} } } }
"""


@pytest.mark.parametrize("first", [1, 5, 20])
def test_find_peers_is_two_reads(first):
    outcome = execute(FIND, {"first": first})
    assert not outcome.errors, outcome.errors
    assert len(outcome.data["findPeers"]) == first
    assert outcome.queries == 2  # the scored hits; then details and paths for the chosen


def test_similar_problems_of_a_page_is_one_batch():
    ten, forty = execute(SIMILAR, {"first": 10}), execute(SIMILAR, {"first": 40})
    assert not ten.errors and not forty.errors
    assert ten.queries == forty.queries == 2  # the page, then one batch of neighbours
    for edge in forty.data["problems"]["edges"]:
        similar = edge["node"]["similarProblems"]
        # A problem the viewer may not read has no neighbours (its text would choose them).
        assert len(similar) == (0 if edge["node"]["restricted"] else 3)
        assert edge["node"]["id"] not in {s["id"] for s in similar}
