"""Authorisation: the role rules, FORBIDDEN that leaks nothing, and a confidential problem's
text unreachable for other managers through every path of the schema while its raiser, its
handler and admins read it."""

from __future__ import annotations

import json
import uuid

import pytest

from peernet.seeds import demo as demo_data
from tests.conftest import _with_db, cypher, run
from tests.graph_checks import snapshot

ME = demo_data.DEMO_MANAGER_ID
SPONSOR = demo_data.DEMO_SPONSOR_ID
ADMIN = demo_data.DEMO_ADMIN_ID
RAISER, HANDLER, COHORT, SESSION = "m-020", "m-015", "c-3", "s-3-02"
MARK = f"SECRET{uuid.uuid4().hex[:8]}"
PROBLEM = f"p-secret-{uuid.uuid4().hex[:8]}"


def write(query: str, **params) -> None:
    async def work(db):
        async with db.driver.session(database=db.database) as session:
            await (await session.run(query, params)).consume()

    run(_with_db(work))


PLANT = """
MATCH (r:Manager {id: $raiser}), (h:Manager {id: $handler}), (s:Session {id: $session})
CREATE (r)-[:RAISED]->(p:Problem {id: $id, title: $mark + '-title',
  description: $mark + '-description', category: 'SUBSTANCE_ABUSE', confidential: true,
  createdAt: '2024-02-01T09:00:00Z', status: 'IN_PROGRESS'})-[:DISCUSSED_IN]->(s)
CREATE (h)-[:HANDLED {outcome: 'PARTLY', note: $mark + '-note',
  handledAt: '2024-02-03T09:00:00Z'}]->(p)
"""


@pytest.fixture(scope="module")
def planted(demo_graph):
    """A confidential problem with unmistakable text, raised by one of ME's contacts in ME's
    cohort and handled by another member of it; removed afterwards."""
    assert cypher(
        "MATCH (:Manager {id: $a})-[:KNOWS]-(:Manager {id: $b}) RETURN 1 AS x", a=ME, b=RAISER
    )
    write(PLANT, raiser=RAISER, handler=HANDLER, session=SESSION, id=PROBLEM, mark=MARK)
    department = cypher("MATCH (:Manager {id: $id})-[:WORKS_IN]->(d) RETURN d.id AS id",
                        id=RAISER)[0]["id"]
    yield {"department": department}
    write("MATCH (p:Problem {id: $id}) DETACH DELETE p", id=PROBLEM)


PROBLEM_FIELDS = (
    "id category restricted title description raisedBy { id } handlers { note manager { id } } "
    "sessions { id }"
)
LIST_FILTERS = [
    "", "category: SUBSTANCE_ABUSE", "status: IN_PROGRESS", 'departmentId: "DEPT"',
    f'raisedBy: "{RAISER}"', 'category: SUBSTANCE_ABUSE, status: IN_PROGRESS, departmentId: "DEPT"',
]
PATHS = {
    "problem by id": f'{{ problem(id: "{PROBLEM}") {{ {PROBLEM_FIELDS} }} }}',
    "raiser's raisedProblems": (
        f'{{ manager(id: "{RAISER}") {{ raisedProblems {{ {PROBLEM_FIELDS} }} }} }}'
    ),
    "handler's handledProblems": (
        f'{{ manager(id: "{HANDLER}") {{ handledProblems {{ note problem '
        f'{{ {PROBLEM_FIELDS} }} }} }} }}'
    ),
    "cohort members": (
        f'{{ cohort(id: "{COHORT}") {{ members {{ manager {{ '
        'raisedProblems { title description } '
        'handledProblems { note problem { title description handlers { note } } } } } } }'
    ),
    "session's cohort": (
        f'{{ session(id: "{SESSION}") {{ cohort {{ members {{ manager {{ raisedProblems {{ title '
        'description } handledProblems { note } } } } } }'
    ),
    "department managers": (
        '{ department(id: "DEPT") { managers { raisedProblems { title description } '
        'handledProblems { note problem { description } } } } }'
    ),
    "managers list": (
        '{ managers(first: 100, departmentId: "DEPT") { edges { node { raisedProblems { title '
        'description handlers { note } } } } } }'
    ),
    "my contacts": (
        "{ me { contacts { manager { raisedProblems { title description } handledProblems { note "
        "problem { title description } } } } } }"
    ),
    "findPeers search": (
        f'{{ findPeers(problem: "{MARK}-title {MARK}-description {MARK}-note '
        'missbruk medarbetare", first: 10) { peer { id } reasons matchedProblems '
        '{ note problem { id title description handlers { note } } } } }'
    ),
    "handling's problem's handlers": (
        f'{{ manager(id: "{HANDLER}") {{ handledProblems {{ problem {{ handlers {{ note manager {{ '
        'handledProblems { note } } } } } } }'
    ),
}


def _all_pages(gql, filters: str, **kwargs) -> list[str]:
    bodies, after = [], None
    while True:
        args = ", ".join(
            a for a in ("first: 100", filters, f'after: "{after}"' if after else "") if a
        )
        body = gql(f"{{ problems({args}) {{ edges {{ node {{ {PROBLEM_FIELDS} }} }} "
                   "pageInfo { hasNextPage endCursor } } }", **kwargs)
        assert "errors" not in body, body
        bodies.append(json.dumps(body))
        page = body["data"]["problems"]
        if not page["pageInfo"]["hasNextPage"]:
            return bodies
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("name", sorted(PATHS))
@pytest.mark.parametrize("role", ["manager", "sponsor"])
def test_no_path_reaches_confidential_text_for_other_managers(gql, planted, name, role):
    body = gql(PATHS[name].replace("DEPT", planted["department"]), role=role)
    assert "errors" not in body, body
    assert MARK not in json.dumps(body)


@pytest.mark.parametrize("filters", LIST_FILTERS)
def test_problem_lists_never_carry_confidential_text_for_other_managers(gql, planted, filters):
    for text in _all_pages(gql, filters.replace("DEPT", planted["department"]), role="manager"):
        assert MARK not in text


def test_the_problem_shows_that_it_exists_and_its_category_only(gql, planted):
    problem = gql(f'{{ problem(id: "{PROBLEM}") {{ {PROBLEM_FIELDS} }} }}')["data"]["problem"]
    assert problem["category"] == "SUBSTANCE_ABUSE" and problem["restricted"] is True
    assert problem["title"] is problem["description"] is problem["raisedBy"] is None
    # "Find a peer who handled this" still works: the handler is named, the note is not.
    assert problem["handlers"] == [{"note": None, "manager": {"id": HANDLER}}]


def test_listing_by_the_raiser_or_their_department_leaves_the_problem_out(gql, planted):
    by_raiser = "".join(_all_pages(gql, f'raisedBy: "{RAISER}"'))
    by_department = "".join(_all_pages(gql, f'departmentId: "{planted["department"]}"'))
    assert PROBLEM not in by_raiser and PROBLEM not in by_department
    assert PROBLEM in "".join(_all_pages(gql, "category: SUBSTANCE_ABUSE"))


@pytest.mark.parametrize("who", [
    {"role": "manager", "manager_id": RAISER}, {"role": "manager", "manager_id": HANDLER},
    {"role": "admin"},
], ids=["raiser", "handler", "admin"])
def test_the_raiser_the_handler_and_admins_read_it(gql, planted, who):
    body = gql(f'{{ problem(id: "{PROBLEM}") {{ {PROBLEM_FIELDS} }} }}', **who)
    problem = body["data"]["problem"]
    assert problem["restricted"] is False
    assert problem["title"] == f"{MARK}-title" and problem["description"] == f"{MARK}-description"
    assert problem["raisedBy"] == {"id": RAISER}
    assert problem["handlers"][0]["note"] == f"{MARK}-note"
    raised = gql(f'{{ manager(id: "{RAISER}") {{ raisedProblems {{ id description }} }} }}', **who)
    raised_problems = raised["data"]["manager"]["raisedProblems"]
    assert {"id": PROBLEM, "description": f"{MARK}-description"} in raised_problems


# --- role rules ----------------------------------------------------------------------------

ADMIN_ONLY = {
    "createDepartment": 'mutation { createDepartment(input: {id: "d-x", name: "X"}) { id } }',
    "updateDepartment": 'mutation { updateDepartment(input: {id: "d-vo", name: "X"}) { id } }',
    "deleteDepartment": 'mutation { deleteDepartment(id: "d-vo") }',
    "createManager": (
        'mutation { createManager(input: {id: "m-x", name: "X", departmentId: "d-vo"}) { id } }'
    ),
    "updateManager": f'mutation {{ updateManager(input: {{id: "{ME}", title: "Chef"}}) {{ id }} }}',
    "deleteManager": f'mutation {{ deleteManager(id: "{RAISER}") }}',
    "createCohort": (
        'mutation { createCohort(input: {id: "c-x", name: "X", start: "2027-01-01", '
        'end: "2027-06-01"}) { id } }'
    ),
    "updateCohort": 'mutation { updateCohort(input: {id: "c-3", name: "X"}) { id } }',
    "deleteCohort": 'mutation { deleteCohort(id: "c-3") }',
    "createSession": (
        'mutation { createSession(input: {id: "s-x", cohortId: "c-3", number: 99, '
        'date: "2027-01-01"}) { id } }'
    ),
    "updateSession": 'mutation { updateSession(input: {id: "s-3-01", theme: "X"}) { id } }',
    "deleteSession": 'mutation { deleteSession(id: "s-3-01") }',
    "addCohortMember": (
        f'mutation {{ addCohortMember(input: {{cohortId: "c-1", managerId: "{ME}"}}) {{ id }} }}'
    ),
    "removeCohortMember": (
        f'mutation {{ removeCohortMember(cohortId: "c-3", managerId: "{ME}") {{ id }} }}'
    ),
    "runJob": 'mutation { runJob(name: "retention") { id } }',
    "jobRuns": "{ jobRuns { id } }",
    "eraseManager": f'mutation {{ eraseManager(id: "{RAISER}") {{ managerId }} }}',
    "auditLog": "{ auditLog { totalCount edges { node { id } } } }",
    "exportManagerData (someone else)": f'{{ exportManagerData(id: "{RAISER}") }}',
    "recordHandling (for someone else)": (
        f'mutation {{ recordHandling(input: {{problemId: "{PROBLEM}", outcome: RESOLVED, '
        f'managerId: "{HANDLER}"}}) {{ outcome }} }}'
    ),
    "recordContact (for someone else)": (
        f'mutation {{ recordContact(input: {{otherId: "{ME}", managerId: "{RAISER}"}}) '
        '{ since } }'
    ),
}

def graph_without_audit():
    """Every node and relationship except the audit log (reads append to it)."""
    nodes, rels = snapshot()
    return [n for n in nodes if "AuditEntry" not in n[0]], rels


@pytest.mark.parametrize("role", ["manager", "sponsor"])
def test_admin_only_operations_are_forbidden_to_others_and_write_nothing(gql, planted, role):
    before = graph_without_audit()
    for name, operation in ADMIN_ONLY.items():
        body = gql(operation, role=role)
        assert [e["extensions"]["code"] for e in body.get("errors", [])] == ["FORBIDDEN"], name
        # Nothing about the target leaks: no data, no names, no confidential text.
        text = json.dumps(body)
        assert MARK not in text and "Lindqvist" not in text, name
        assert RAISER not in body["errors"][0]["message"], name
        assert not any((body.get("data") or {}).values()), name
    assert graph_without_audit() == before


def test_forbidden_export_does_not_reveal_whether_the_person_exists(gql, demo_graph):
    exists = gql(f'{{ exportManagerData(id: "{RAISER}") }}')
    missing = gql('{ exportManagerData(id: "m-nobody") }')
    assert exists["errors"][0]["message"] == missing["errors"][0]["message"]
    assert (
        exists["errors"][0]["extensions"]
        == missing["errors"][0]["extensions"]
        == {"code": "FORBIDDEN"}
    )


def test_a_manager_raises_problems_and_records_handling_and_contacts_as_themself(gql, fresh_demo):
    raised = gql('mutation { raiseProblem(input: {id: "p-own", title: "T", description: "D", '
                 'category: BUDGET}) { id raisedBy { id } } }')
    assert raised["data"]["raiseProblem"]["raisedBy"]["id"] == ME
    # A problem the manager may read (recording a handling makes one a reader of its text).
    readable = cypher(
        "MATCH (p:Problem {confidential: false}) WHERE NOT (:Manager {id: $me})-[:HANDLED]->(p) "
        "RETURN p.id AS id ORDER BY p.id LIMIT 1",
        me=ME,
    )[0]["id"]
    handled = gql(
        'mutation($p: ID!) { recordHandling(input: {problemId: $p, outcome: PARTLY, note: "n"}) '
        '{ manager { id } } }',
        {"p": readable},
    )
    assert handled["data"]["recordHandling"]["manager"]["id"] == ME
    contact = gql('mutation { recordContact(input: {otherId: "m-150"}) { manager { id } } }')
    assert contact["data"]["recordContact"]["manager"]["id"] == "m-150"
    assert cypher(
        "MATCH (:Manager {id: $me})-[:KNOWS]-(:Manager {id: 'm-150'}) RETURN 1 AS x", me=ME
    )


def test_admins_manage_the_organisation(gql, fresh_demo):
    body = gql(
        'mutation { createDepartment(input: {id: "d-new", name: "Ny"}) { id } '
        'updateManager(input: {id: "m-010", title: "Avdelningschef"}) { title } }',
        role="admin",
    )
    assert "errors" not in body, body
    assert body["data"]["updateManager"]["title"] == "Avdelningschef"
    admin_for_other = gql(
        f'mutation {{ recordContact(input: {{otherId: "m-150", managerId: "{RAISER}"}}) '
        '{ manager { id } } }',
        role="admin",
    )
    assert "errors" not in admin_for_other
