"""Cursor pagination against the real graph: walking every page gives every id exactly once,
in order; ``pageInfo`` and ``totalCount`` tell the truth on each page; ``first`` is capped."""

from __future__ import annotations

import pytest

from peernet.config import get_settings
from tests.conftest import cypher
from tests.graph_checks import execute

pytestmark = pytest.mark.usefixtures("demo_graph")

MANAGERS_PAGE = """
query($first: Int!, $after: String, $departmentId: ID) {
  managers(first: $first, after: $after, departmentId: $departmentId) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } }
  }
}
"""


def _page(first: int, after: str | None = None, **filters) -> dict:
    outcome = execute(MANAGERS_PAGE, {"first": first, "after": after, **filters})
    assert not outcome.errors, outcome.errors
    return outcome.data["managers"]


def _walk(first: int, **filters) -> tuple[list[str], list[dict]]:
    seen, pages, after = [], [], None
    while True:
        page = _page(first, after, **filters)
        pages.append(page)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen, pages
        after = page["pageInfo"]["endCursor"]


def test_walking_every_page_of_managers_gives_every_id_once_in_order():
    everyone = [r["id"] for r in cypher("MATCH (m:Manager) RETURN m.id AS id ORDER BY id")]
    seen, pages = _walk(7)
    assert seen == everyone
    assert len(pages) == -(-len(everyone) // 7)
    assert {page["totalCount"] for page in pages} == {len(everyone)}


def test_page_info_describes_each_page():
    seen, pages = _walk(40)
    assert pages[0]["pageInfo"]["hasPreviousPage"] is False
    assert all(page["pageInfo"]["hasPreviousPage"] for page in pages[1:])
    assert all(page["pageInfo"]["hasNextPage"] for page in pages[:-1])
    assert pages[-1]["pageInfo"]["hasNextPage"] is False
    for page in pages:
        cursors = [edge["cursor"] for edge in page["edges"]]
        assert page["pageInfo"]["startCursor"] == cursors[0]
        assert page["pageInfo"]["endCursor"] == cursors[-1]
    assert len(seen) == len(set(seen))


def test_a_filtered_walk_gives_exactly_the_filtered_set():
    in_department = [r["id"] for r in cypher(
        "MATCH (m:Manager)-[:WORKS_IN]->(:Department {id: 'd-vo'}) RETURN m.id AS id ORDER BY id")]
    seen, pages = _walk(5, departmentId="d-vo")
    assert seen == in_department
    assert {page["totalCount"] for page in pages} == {len(in_department)}


def test_a_page_after_the_last_item_is_empty():
    last = _walk(100)[1][-1]["pageInfo"]["endCursor"]
    page = _page(10, last)
    assert page["edges"] == []
    assert page["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True,
                                "startCursor": None, "endCursor": None}


def test_first_zero_asks_only_whether_there_is_anything():
    page = _page(0)
    assert page["edges"] == [] and page["pageInfo"]["hasNextPage"] is True
    assert page["totalCount"] > 0


@pytest.mark.parametrize("field", ["managers", "departments", "cohorts", "problems"])
def test_first_is_capped(field):
    cap = get_settings().max_page_size
    assert execute(f"{{ {field}(first: {cap}) {{ totalCount }} }}", role="admin").errors == []
    outcome = execute(f"{{ {field}(first: {cap + 1}) {{ totalCount }} }}", role="admin")
    assert outcome.codes == ["BAD_USER_INPUT"] and outcome.fields == ["first"]
    assert outcome.data is None
    assert str(cap) in outcome.errors[0]["message"]


def test_first_must_not_be_negative():
    outcome = execute("{ managers(first: -1) { totalCount } }")
    assert outcome.codes == ["BAD_USER_INPUT"] and outcome.fields == ["first"]


@pytest.mark.parametrize("cursor", ["not-a-cursor", "aWQ", "Zm9vOmJhcg=="])
def test_a_cursor_the_api_did_not_issue_is_refused(cursor):
    outcome = execute(MANAGERS_PAGE, {"first": 5, "after": cursor})
    assert outcome.codes == ["BAD_USER_INPUT"] and outcome.fields == ["after"]


def test_problems_walk_to_the_same_set_an_admin_counts():
    everything = [r["id"] for r in cypher("MATCH (p:Problem) RETURN p.id AS id ORDER BY id")]
    query = """query($after: String) { problems(first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
    seen, after = [], None
    while True:
        page = execute(query, {"after": after}, role="admin").data["problems"]
        assert page["totalCount"] == len(everything)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == everything
