"""Bad input gets a GraphQL error with a machine-readable code and the field that was wrong,
and a failed mutation writes nothing: after every case, a snapshot of the whole graph (every
node, relationship and property) must equal the one taken before the first."""

from __future__ import annotations

import pytest

from peernet.seeds.demo import DEMO_ADMIN_ID as ADMIN
from peernet.seeds.demo import DEMO_MANAGER_ID as ME
from peernet.seeds.demo import build_demo
from tests.graph_checks import execute, snapshot

pytestmark = pytest.mark.usefixtures("demo_graph")

DEMO = build_demo()
MEMBER = DEMO.memberships[0]
HANDLED = DEMO.handled[0]
SESSION = DEMO.sessions[0]
OTHER_SESSION = next(s for s in DEMO.sessions
                     if s["cohortId"] == SESSION["cohortId"] and s["id"] != SESSION["id"])
LONG_NAME = "x" * 201
LONG_TEXT = "x" * 5001

CREATE_DEPARTMENT = "mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }"
UPDATE_DEPARTMENT = "mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { id } }"
DELETE_DEPARTMENT = "mutation($id: ID!) { deleteDepartment(id: $id) }"
CREATE_MANAGER = "mutation($i: CreateManagerInput!) { createManager(input: $i) { id } }"
UPDATE_MANAGER = "mutation($i: UpdateManagerInput!) { updateManager(input: $i) { id } }"
DELETE_MANAGER = "mutation($id: ID!) { deleteManager(id: $id) }"
CREATE_COHORT = "mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }"
UPDATE_COHORT = "mutation($i: UpdateCohortInput!) { updateCohort(input: $i) { id } }"
DELETE_COHORT = "mutation($id: ID!) { deleteCohort(id: $id) }"
CREATE_SESSION = "mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }"
UPDATE_SESSION = "mutation($i: UpdateSessionInput!) { updateSession(input: $i) { id } }"
DELETE_SESSION = "mutation($id: ID!) { deleteSession(id: $id) }"
ADD_MEMBER = "mutation($i: CohortMemberInput!) { addCohortMember(input: $i) { id } }"
REMOVE_MEMBER = ("mutation($c: ID!, $m: ID!) { removeCohortMember(cohortId: $c, managerId: $m) "
                 "{ id } }")
RAISE = "mutation($i: RaiseProblemInput!) { raiseProblem(input: $i) { id } }"
HANDLE = "mutation($i: RecordHandlingInput!) { recordHandling(input: $i) { outcome } }"
CONTACT = "mutation($i: RecordContactInput!) { recordContact(input: $i) { since } }"

DEPT = {"name": "Ny förvaltning"}
MANAGER = {"name": "Ny Chef", "departmentId": "d-vo"}
COHORT = {"name": "Kohort 9", "start": "2030-01-01", "end": "2031-01-01"}
# Inside its cohort's dates (a session outside them is refused: tests/e2e/test_session_dates.py).
NEW_SESSION = {"cohortId": SESSION["cohortId"], "number": 99, "date": str(SESSION["date"])}
PROBLEM = {"title": "Ett problem", "description": "Beskrivning", "category": "BUDGET"}

# (query, variables, role, code, field)
NOT_FOUND = {
    "update an unknown department": (UPDATE_DEPARTMENT, {"i": {"id": "d-none", "name": "X"}}, "id"),
    "delete an unknown department": (DELETE_DEPARTMENT, {"id": "d-none"}, "id"),
    "create a manager in an unknown department": (
        CREATE_MANAGER, {"i": {**MANAGER, "departmentId": "d-none"}}, "departmentId"),
    "update an unknown manager": (UPDATE_MANAGER, {"i": {"id": "m-none", "name": "X"}}, "id"),
    "move a manager to an unknown department": (
        UPDATE_MANAGER, {"i": {"id": ME, "departmentId": "d-none"}}, "departmentId"),
    "delete an unknown manager": (DELETE_MANAGER, {"id": "m-none"}, "id"),
    "update an unknown cohort": (UPDATE_COHORT, {"i": {"id": "c-none", "name": "X"}}, "id"),
    "delete an unknown cohort": (DELETE_COHORT, {"id": "c-none"}, "id"),
    "create a session in an unknown cohort": (
        CREATE_SESSION, {"i": {**NEW_SESSION, "cohortId": "c-none"}}, "cohortId"),
    "update an unknown session": (UPDATE_SESSION, {"i": {"id": "s-none", "theme": "X"}}, "id"),
    "delete an unknown session": (DELETE_SESSION, {"id": "s-none"}, "id"),
    "add a member to an unknown cohort": (
        ADD_MEMBER, {"i": {"cohortId": "c-none", "managerId": ME}}, "cohortId"),
    "add an unknown manager to a cohort": (
        ADD_MEMBER, {"i": {"cohortId": "c-1", "managerId": "m-none"}}, "managerId"),
    "remove a member from an unknown cohort": (REMOVE_MEMBER, {"c": "c-none", "m": ME}, "cohortId"),
    "remove someone who is not a member": (REMOVE_MEMBER, {"c": "c-1", "m": "m-none"}, "managerId"),
    "raise a problem discussed in an unknown session": (
        RAISE, {"i": {**PROBLEM, "sessionIds": [SESSION["id"], "s-none"]}}, "sessionIds"),
    "handle an unknown problem": (HANDLE, {"i": {"problemId": "p-none", "outcome": "RESOLVED"}},
                                  "problemId"),
    "handle for an unknown manager": (
        HANDLE, {"i": {"problemId": "p-0001", "outcome": "RESOLVED", "managerId": "m-none"}},
        "managerId"),
    "know an unknown manager": (CONTACT, {"i": {"otherId": "m-none"}}, "otherId"),
}
BAD_USER_INPUT = {
    "an empty department name": (CREATE_DEPARTMENT, {"i": {"name": ""}}, "name"),
    "a blank department name": (CREATE_DEPARTMENT, {"i": {"name": "   "}}, "name"),
    "an over-long department name": (CREATE_DEPARTMENT, {"i": {"name": LONG_NAME}}, "name"),
    "renaming a department to nothing": (
        UPDATE_DEPARTMENT,
        {"i": {"id": "d-vo", "name": ""}},
        "name",
    ),
    "an id with spaces": (CREATE_DEPARTMENT, {"i": {"name": "X", "id": "bad id"}}, "id"),
    "an empty manager name": (CREATE_MANAGER, {"i": {**MANAGER, "name": ""}}, "name"),
    "an over-long manager name": (CREATE_MANAGER, {"i": {**MANAGER, "name": LONG_NAME}}, "name"),
    "an over-long title": (CREATE_MANAGER, {"i": {**MANAGER, "title": LONG_NAME}}, "title"),
    "a manager since before 1950": (
        CREATE_MANAGER,
        {"i": {**MANAGER, "managerSince": 1900}},
        "managerSince",
    ),
    "renaming a manager to nothing": (UPDATE_MANAGER, {"i": {"id": ME, "name": " "}}, "name"),
    "an empty cohort name": (CREATE_COHORT, {"i": {**COHORT, "name": ""}}, "name"),
    "an over-long cohort name": (CREATE_COHORT, {"i": {**COHORT, "name": LONG_NAME}}, "name"),
    "a cohort ending before it starts": (
        CREATE_COHORT,
        {"i": {**COHORT, "end": "2029-12-31"}},
        "end",
    ),
    "moving a cohort's end before its start": (
        UPDATE_COHORT,
        {"i": {"id": "c-1", "end": "2000-01-01"}},
        "end",
    ),
    "moving a cohort's start after its end": (
        UPDATE_COHORT,
        {"i": {"id": "c-1", "start": "2099-01-01"}},
        "end",
    ),
    "a date that does not exist": (CREATE_COHORT, {"i": {**COHORT, "start": "2030-02-30"}}, None),
    "a session numbered 0": (CREATE_SESSION, {"i": {**NEW_SESSION, "number": 0}}, "number"),
    "an over-long session theme": (
        CREATE_SESSION,
        {"i": {**NEW_SESSION, "theme": LONG_NAME}},
        "theme",
    ),
    "an empty problem title": (RAISE, {"i": {**PROBLEM, "title": ""}}, "title"),
    "an over-long problem title": (RAISE, {"i": {**PROBLEM, "title": LONG_NAME}}, "title"),
    "an over-long description": (
        RAISE,
        {"i": {**PROBLEM, "description": LONG_TEXT}},
        "description",
    ),
    "an over-long handling note": (
        HANDLE,
        {"i": {"problemId": "p-0001", "outcome": "PARTLY", "note": LONG_TEXT}},
        "note",
    ),
    "a contact with oneself": (CONTACT, {"i": {"otherId": ADMIN}}, "otherId"),
    "a contact with oneself, named by an admin": (
        CONTACT,
        {"i": {"otherId": ME, "managerId": ME}},
        "otherId",
    ),
}
CONFLICT = {
    "a duplicate department id": (CREATE_DEPARTMENT, {"i": {"name": "X", "id": "d-vo"}}, "id"),
    "a duplicate manager id": (CREATE_MANAGER, {"i": {**MANAGER, "id": ME}}, "id"),
    "a duplicate cohort id": (CREATE_COHORT, {"i": {**COHORT, "id": "c-1"}}, "id"),
    "a duplicate session id": (CREATE_SESSION, {"i": {**NEW_SESSION, "id": SESSION["id"]}}, "id"),
    "a duplicate session number": (
        CREATE_SESSION, {"i": {**NEW_SESSION, "number": SESSION["number"]}}, "number"),
    "renumbering a session onto another": (
        UPDATE_SESSION, {"i": {"id": OTHER_SESSION["id"], "number": SESSION["number"]}}, "number"),
    "a duplicate problem id": (RAISE, {"i": {**PROBLEM, "id": "p-0001"}}, "id"),
    "a manager added twice to a cohort": (
        ADD_MEMBER, {"i": {"cohortId": MEMBER["cohortId"], "managerId": MEMBER["managerId"]}},
        "managerId"),
    "handling recorded twice": (
        HANDLE, {"i": {"problemId": HANDLED["problemId"], "outcome": "RESOLVED",
                       "managerId": HANDLED["managerId"]}}, "problemId"),
    "deleting a department that still has managers": (DELETE_DEPARTMENT, {"id": "d-vo"}, "id"),
}
CASES = [
    pytest.param(query, variables, code, field, id=f"{code}: {name}")
    for code, table in (("NOT_FOUND", NOT_FOUND), ("BAD_USER_INPUT", BAD_USER_INPUT),
                        ("CONFLICT", CONFLICT))
    for name, (query, variables, field) in table.items()
]


@pytest.fixture(scope="module")
def before(demo_graph):
    """The graph as every case finds it; a case that wrote anything differs from it."""
    return snapshot()


@pytest.mark.parametrize(("query", "variables", "code", "field"), CASES)
def test_bad_input_is_refused_with_its_code_and_field_and_writes_nothing(
    before, query, variables, code, field,
):
    # Admins may do everything, so only the input can be at fault. Raising and contacts are
    # done by the admin as themself, or for ME where the input names a manager.
    outcome = execute(query, variables, role="admin")
    assert outcome.codes == [code], outcome.errors
    if field is not None:
        assert outcome.fields == [field], outcome.errors
    assert outcome.errors[0]["message"]
    assert outcome.data is None
    assert snapshot() == before


def test_an_unparseable_date_says_which_input_field_was_wrong():
    outcome = execute(CREATE_COHORT, {"i": {**COHORT, "start": "2030-02-30"}}, role="admin")
    assert outcome.codes == ["BAD_USER_INPUT"]
    assert ".start" in outcome.errors[0]["message"]


def test_a_missing_required_input_is_bad_user_input():
    outcome = execute(CREATE_COHORT, {}, role="admin")
    assert outcome.codes == ["BAD_USER_INPUT"]
    assert "$i" in outcome.errors[0]["message"]


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (CREATE_DEPARTMENT, {"i": DEPT}),
        (CREATE_MANAGER, {"i": MANAGER}),
        (CREATE_COHORT, {"i": COHORT}),
        (CREATE_SESSION, {"i": NEW_SESSION}),
        (ADD_MEMBER, {"i": {"cohortId": "c-1", "managerId": ME}}),
        (DELETE_MANAGER, {"id": ME}),
        (
            HANDLE,
            {
                "i": {
                    "problemId": "p-0001",
                    "outcome": "RESOLVED",
                    "managerId": HANDLED["managerId"],
                }
            },
        ),
        (CONTACT, {"i": {"otherId": "m-010", "managerId": "m-011"}}),
    ],
)
def test_organisation_management_and_acting_for_others_is_for_admins(before, query, variables):
    outcome = execute(query, variables, role="manager")
    assert outcome.codes == ["FORBIDDEN"], outcome.errors
    assert snapshot() == before
