"""A session's date falls within its cohort's start and end (issue 12): creating or moving a
session outside, or moving a cohort's dates past one of its sessions, is BAD_USER_INPUT naming
the field and the dates, and nothing is written."""

from __future__ import annotations

import pytest

from tests.conftest import cypher, cypher_write

PLANT = """
CREATE (c:Cohort {id: 'c-dates', name: 'Datum', start: date('2030-01-01'), end: date('2030-06-30')})
CREATE (:Session {id: 's-dates-1', number: 1, date: date('2030-03-01'), theme: 'Mitt'})
       -[:OF_COHORT]->(c)
"""
STATE = """
MATCH (c:Cohort {id: 'c-dates'}) OPTIONAL MATCH (s:Session)-[:OF_COHORT]->(c)
WITH c, s ORDER BY s.id
RETURN toString(c.start) AS start, toString(c.end) AS end,
       collect([s.id, toString(s.date)]) AS sessions
"""


@pytest.fixture
def cohort(demo_graph):
    cypher_write(PLANT)
    before = cypher(STATE)
    yield before
    cypher_write("MATCH (n) WHERE n.id IN ['c-dates', 's-dates-1', 's-dates-2'] DETACH DELETE n")


def _refused(body: dict, field: str, *dates: str) -> None:
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, error
    for date in dates:
        assert date in error["message"], error


@pytest.mark.parametrize("date", ["2029-12-31", "2030-07-01"])
def test_a_new_session_outside_its_cohort_is_refused(gql, cohort, date):
    body = gql(f'mutation {{ createSession(input: {{id: "s-dates-2", cohortId: "c-dates", '
               f'number: 2, date: "{date}"}}) {{ id }} }}', role="admin")
    _refused(body, "date", date, "2030-01-01", "2030-06-30")
    assert cypher(STATE) == cohort


@pytest.mark.parametrize("date", ["2030-01-01", "2030-06-30"])
def test_a_session_on_its_cohorts_first_or_last_day_is_accepted(gql, cohort, date):
    body = gql(f'mutation {{ createSession(input: {{id: "s-dates-2", cohortId: "c-dates", '
               f'number: 2, date: "{date}"}}) {{ date }} }}', role="admin")
    assert body.get("errors") is None and body["data"]["createSession"] == {"date": date}


def test_moving_a_session_outside_its_cohort_is_refused(gql, cohort):
    body = gql('mutation { updateSession(input: {id: "s-dates-1", date: "2030-08-01", '
               'theme: "Flyttad"}) { id } }', role="admin")
    _refused(body, "date", "2030-08-01", "2030-01-01", "2030-06-30")
    assert cypher(STATE) == cohort
    assert cypher("MATCH (s:Session {id: 's-dates-1'}) RETURN s.theme AS t") == [{"t": "Mitt"}]


@pytest.mark.parametrize(("change", "field"), [('start: "2030-03-02"', "start"),
                                               ('end: "2030-02-28"', "end")])
def test_moving_a_cohorts_dates_past_a_session_is_refused(gql, cohort, change, field):
    body = gql(f'mutation {{ updateCohort(input: {{id: "c-dates", name: "Ny", {change}}}) '
               f'{{ id }} }}', role="admin")
    _refused(body, field, "s-dates-1", "2030-03-01")
    assert cypher(STATE) == cohort
    assert cypher("MATCH (c:Cohort {id: 'c-dates'}) RETURN c.name AS n") == [{"n": "Datum"}]


def test_a_cohorts_dates_may_still_move_around_its_sessions(gql, cohort):
    body = gql('mutation { updateCohort(input: {id: "c-dates", start: "2030-03-01", '
               'end: "2030-03-01"}) { start end } }', role="admin")
    assert body.get("errors") is None, body
    assert body["data"]["updateCohort"] == {"start": "2030-03-01", "end": "2030-03-01"}
