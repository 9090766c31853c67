"""No N+1: nested fields are batched per request, so the number of Cypher round trips a query
costs depends on its shape, not on how many parents it lists. Executed through the schema
with a Context whose database handle counts every read and write."""

from __future__ import annotations

import pytest

from tests.graph_checks import execute

pytestmark = pytest.mark.usefixtures("demo_graph")

MANAGERS_WITH_NESTED = """
query($first: Int!) { managers(first: $first) { edges { node {
  department { name }
  cohorts { role cohort { name } }
  raisedProblems { id }
} } } }
"""
EVERYTHING_ABOUT_MANAGERS = """
query($first: Int!) { managers(first: $first) { totalCount edges { node {
  department { name managers { id } }
  cohorts { role cohort { name sessions { number } } }
  contacts { since manager { name } cohort { name } }
  raisedProblems { title handlers { outcome manager { name } } sessions { date } }
  handledProblems { outcome problem { title raisedBy { name } } }
} } } }
"""
PROBLEMS_WITH_NESTED = """
query($first: Int!) { problems(first: $first) { edges { node {
  raisedBy { name department { name } }
  handlers { outcome manager { name } }
  sessions { number cohort { name } }
} } } }
"""


def _cost(query: str, first: int, role: str = "manager", *, look_ahead: bool = True) -> int:
    outcome = execute(query, {"first": first}, role=role, look_ahead=look_ahead)
    assert not outcome.errors, outcome.errors
    (connection,) = outcome.data.values()
    assert len(connection["edges"]) == first  # the demo has more than 100 of each
    return outcome.queries


def test_the_issues_query_costs_the_same_for_10_and_100_managers():
    ten, hundred = _cost(MANAGERS_WITH_NESTED, 10), _cost(MANAGERS_WITH_NESTED, 100)
    assert ten == hundred
    # The page read with its departments, memberships and cohorts (the look-ahead), then one
    # batch of problems (read per level, for the viewer's visibility).
    assert hundred == 2


def test_without_look_ahead_each_level_costs_one_batch():
    ten = _cost(MANAGERS_WITH_NESTED, 10, look_ahead=False)
    hundred = _cost(MANAGERS_WITH_NESTED, 100, look_ahead=False)
    # One page, then one batch per level: departments, memberships, their cohorts, problems.
    assert ten == hundred == 5


# Each nested field below costs at most one batch: 16 fields plus the page and its count.
# When one loader serves several fields (``manager`` under contacts, handlers and raisedBy)
# the event loop may merge or split their batches, so the exact number varies by one or two
# between runs; an N+1 would cost hundreds.
EVERYTHING_BOUND = 2 + 16 + 2
PROBLEMS_BOUND = 1 + 7


@pytest.mark.parametrize("look_ahead", [True, False])
@pytest.mark.parametrize("first", [1, 10, 100])
def test_every_nested_manager_field_is_batched(first, look_ahead):
    assert (
        _cost(EVERYTHING_ABOUT_MANAGERS, first, "admin", look_ahead=look_ahead) <= EVERYTHING_BOUND
    )


@pytest.mark.parametrize("first", [1, 10, 100])
def test_nested_problem_fields_are_batched(first):
    assert _cost(PROBLEMS_WITH_NESTED, first, "admin") <= PROBLEMS_BOUND


def test_one_level_costs_one_query_whatever_the_count():
    one = execute('{ manager(id: "m-001") { department { name } } }', look_ahead=False)
    assert not one.errors and one.queries == 2


def test_a_manager_view_is_one_read():
    """The manager with department, cohorts and their cohorts, contacts and their managers,
    and (for the manager themself) open suggestions and their managers: all in one read."""
    view = execute("""{ me { name department { name } cohorts { role cohort { name } }
        contacts { since manager { name department { id } } }
        suggestedContacts(first: 3) { manager { name } score } } }""")
    assert not view.errors, view.errors
    assert view.data["me"]["contacts"] and view.data["me"]["cohorts"]
    # ``department { id }`` of a contact's manager is read per level: one more batch.
    assert view.queries == 2
