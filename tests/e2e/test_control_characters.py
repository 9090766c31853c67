"""Names and free texts refuse control characters (issue 12): a NUL, an escape or a bidi
override in a name, title or theme, or anything but newline, carriage return and tab in a free
text, is BAD_USER_INPUT naming the field and the character — never a 500 — and nothing is
written."""

from __future__ import annotations

import pytest

from tests.conftest import cypher, cypher_write

pytestmark = pytest.mark.usefixtures("demo_graph")

# mutation: (document, role, field); each writes the name or text it is given as $t.
NAMED = {
    "createDepartment": ("mutation($t: String!) { createDepartment(input: "
                         "{id: \"d-cc\", name: $t}) { id } }", "admin", "name"),
    "updateDepartment": ("mutation($t: String) { updateDepartment(input: "
                         "{id: \"d-vo\", name: $t}) { id } }", "admin", "name"),
    "createManager": ("mutation($t: String!) { createManager(input: {id: \"m-cc\", name: $t, "
                      "departmentId: \"d-vo\"}) { id } }", "admin", "name"),
    "createManager title": ("mutation($t: String) { createManager(input: {id: \"m-cc\", "
                            "name: \"Ok\", title: $t, departmentId: \"d-vo\"}) { id } }",
                            "admin", "title"),
    "createCohort": ("mutation($t: String!) { createCohort(input: {id: \"c-cc\", name: $t, "
                     "start: \"2030-01-01\", end: \"2030-12-31\"}) { id } }", "admin", "name"),
    "updateCohort": ("mutation($t: String) { updateCohort(input: {id: \"c-1\", name: $t}) "
                     "{ id } }", "admin", "name"),
    "createSession theme": ("mutation($t: String) { createSession(input: {id: \"s-cc\", "
                            "cohortId: \"c-1\", number: 99, date: \"2020-01-01\", theme: $t}) "
                            "{ id } }", "admin", "theme"),
    "updateSession theme": ("mutation($t: String) { updateSession(input: {id: \"s-1-01\", "
                            "theme: $t}) { id } }", "admin", "theme"),
    "raiseProblem title": ("mutation($t: String!) { raiseProblem(input: {id: \"p-cc\", "
                           "title: $t, description: \"ok\", category: OTHER}) { id } }",
                           "manager", "title"),
}
FREE = {
    "raiseProblem description": ("mutation($t: String!) { raiseProblem(input: {id: \"p-cc\", "
                                 "title: \"ok\", description: $t, category: OTHER}) { id } }",
                                 "manager", "description"),
    # The text is checked before the recurring problem is looked up: no such id is needed.
    "escalateRecurringProblem note": ("mutation($t: String!) { escalateRecurringProblem("
                                      "id: \"rp-none\", note: $t) { status } }",
                                      "sponsor", "note"),
    "recordRecurringProblemAction action": ("mutation($t: String!) { "
                                            "recordRecurringProblemAction(id: \"rp-none\", "
                                            "action: $t, status: PLANNED) { status } }",
                                            "sponsor", "action"),
}
# Every id the mutations above would create, and the texts they would change.
WRITTEN = """
OPTIONAL MATCH (n) WHERE n.id IN ['d-cc', 'm-cc', 'c-cc', 's-cc', 'p-cc']
WITH count(n) AS created
MATCH (d:Department {id: 'd-vo'}), (c:Cohort {id: 'c-1'}), (s:Session {id: 's-1-01'})
RETURN created, d.name AS department, c.name AS cohort, s.theme AS theme
"""


def _refused(body: dict, field: str, code_point: str) -> None:
    assert body["data"] is None or all(v is None for v in body["data"].values()), body
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, error
    assert "control character" in error["message"] and code_point in error["message"], error


@pytest.mark.parametrize("bad", ["Ann\x00a", "Ann\x1b[31m", "line\nbreak", "tab\there",
                                 "evil\u202etxt.exe", "\u2028sep"])
@pytest.mark.parametrize("mutation", list(NAMED))
def test_a_name_with_a_control_character_is_refused_and_nothing_is_written(gql, mutation, bad):
    before = cypher(WRITTEN)
    query, role, field = NAMED[mutation]
    bad_char = next(c for c in bad if not (c.isalnum() or c in " [."))
    _refused(gql(query, {"t": bad}, role=role), field, f"U+{ord(bad_char):04X}")
    assert cypher(WRITTEN) == before
    assert before[0]["created"] == 0


@pytest.mark.parametrize("bad", ["a\x00b", "a\x07b", "a\x7fb", "a\x85b", "a\u202eb"])
@pytest.mark.parametrize("mutation", list(FREE))
def test_a_free_text_refuses_control_characters_but_newline(gql, mutation, bad):
    query, role, field = FREE[mutation]
    body = gql(query, {"t": bad}, role=role)
    _refused(body, field, f"U+{ord(bad[1]):04X}")
    assert "other than newline" in body["errors"][0]["message"]
    assert cypher(WRITTEN)[0]["created"] == 0


def test_handling_note_refuses_a_nul_and_records_nothing(gql):
    problem = cypher("MATCH (p:Problem {confidential: false}) RETURN p.id AS id LIMIT 1")[0]["id"]
    count = "MATCH (:Manager)-[h:HANDLED]->(:Problem {id: $id}) RETURN count(h) AS n"
    before = cypher(count, id=problem)
    body = gql("mutation($p: ID!, $t: String) { recordHandling(input: {problemId: $p, "
               "outcome: RESOLVED, note: $t}) { outcome } }", {"p": problem, "t": "x\x00y"})
    _refused(body, "note", "U+0000")
    assert cypher(count, id=problem) == before


def test_free_text_keeps_newlines_carriage_returns_and_tabs(gql):
    text = "First line\r\nSecond\tline\nthird"
    body = gql("mutation($t: String!) { raiseProblem(input: {id: \"p-cc-ok\", title: \"Lines\", "
               "description: $t, category: OTHER}) { id } }", {"t": text})
    try:
        assert body.get("errors") is None, body
        stored = cypher("MATCH (p:Problem {id: 'p-cc-ok'}) RETURN p.description AS d")
        assert stored == [{"d": text}]
    finally:
        cypher_write("MATCH (p:Problem {id: 'p-cc-ok'}) DETACH DELETE p")


def test_a_find_peers_question_may_have_lines_but_not_a_nul(gql):
    query = "query($t: String!) { findPeers(problem: $t) { __typename } }"
    assert gql(query, {"t": "sjukskrivning\nrehabilitering"}).get("errors") is None
    _refused(gql(query, {"t": "sjuk\x00"}), "problem", "U+0000")
