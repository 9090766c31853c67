"""Identity is real and current (issue 11): a token is accepted only for an existing, active
manager when it carries the manager or sponsor role; an admin-only token may belong to someone
who is not a manager (admin rights, no personal features); everything else is 401. An erased,
deleted or deactivated manager's very next request with the same (remembered) token is 401.
Deactivated managers are not suggested."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.auth import issue_dev_token
from peernet.config import get_settings
from tests.conftest import cypher, make_token

ME = "{ me { id } }"
ADMIN_QUERY = "{ managers(first: 1) { totalCount } }"
VICTIM = "m-150"
RUN_SUGGESTIONS = 'mutation { runJob(name: "suggest-contacts") { status } }'
SUGGESTED = ("query($id: ID!) { manager(id: $id) { "
             "suggestedContacts(first: 100) { manager { id } } } }")


def _post(client: TestClient, token: str, query: str = ME, variables: dict | None = None):
    return client.post("/graphql", json={"query": query, "variables": variables or {}},
                       headers={"Authorization": f"Bearer {token}"})


def _assert_401(response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json()


def _code(body: dict) -> str:
    return body["errors"][0]["extensions"]["code"]


# --- who may sign in -------------------------------------------------------------------------

@pytest.mark.parametrize("roles", [["manager"], ["manager", "sponsor"], ["sponsor"],
                                   ["manager", "admin"]])
def test_a_token_for_an_unknown_manager_is_refused(client, roles):
    token = issue_dev_token(get_settings(), manager_id="m-does-not-exist", roles=roles)
    _assert_401(_post(client, token, ADMIN_QUERY))
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_token_without_a_known_role_is_refused(client):
    _assert_401(_post(client, issue_dev_token(get_settings(), manager_id="m-001", roles=[])))


def test_an_admin_only_token_for_a_non_manager_has_admin_rights_without_personal_features(client):
    it_staff = issue_dev_token(get_settings(), manager_id="it-staff-7", roles=["admin"])
    admin = _post(client, it_staff, ADMIN_QUERY)
    assert admin.status_code == 200 and admin.json()["data"]["managers"]["totalCount"] > 0
    audit = _post(client, it_staff, "{ auditLog(first: 1) { totalCount } }").json()
    assert "errors" not in audit
    me = _post(client, it_staff).json()
    assert me["data"] == {"me": None} and _code(me) == "FORBIDDEN"
    raised = _post(client, it_staff, 'mutation { raiseProblem(input: {title: "t", '
                   'description: "d", category: BUDGET}) { id } }').json()
    assert _code(raised) == "FORBIDDEN"
    whoami = client.get("/auth/me", headers={"Authorization": f"Bearer {it_staff}"}).json()
    assert whoami == {"managerId": None, "roles": ["admin"]}


def test_an_admin_only_token_for_a_manager_is_that_manager(client, demo_graph):
    token = issue_dev_token(get_settings(), manager_id=demo_graph.DEMO_ADMIN_ID, roles=["admin"])
    assert _post(client, token).json() == {"data": {"me": {"id": demo_graph.DEMO_ADMIN_ID}}}


def test_the_subject_claim_is_a_setting(demo_graph):
    settings = get_settings().model_copy(update={"jwt_subject_claim": "oid"})
    now = dt.datetime.now(dt.UTC)
    base = {"roles": ["manager"], "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
            "exp": now + dt.timedelta(minutes=5)}
    with_oid = jwt.encode({**base, "sub": "opaque-pairwise-id", "oid": "m-001"},
                          settings.jwt_secret, algorithm="HS256")
    without_oid = jwt.encode({**base, "sub": "m-001"}, settings.jwt_secret, algorithm="HS256")
    with TestClient(create_app(settings)) as client:
        assert _post(client, with_oid).json() == {"data": {"me": {"id": "m-001"}}}
        _assert_401(_post(client, without_oid))


# --- the lifecycle: erased, deleted or deactivated is refused at once --------------------------

REMOVALS = {
    "erased": 'mutation { eraseManager(id: "%s") { managerId } }',
    "deleted": 'mutation { deleteManager(id: "%s") }',
    "deactivated": 'mutation { deactivateManager(id: "%s") { id active } }',
}


@pytest.mark.parametrize("how", sorted(REMOVALS))
def test_a_removed_managers_next_request_is_refused(client, fresh_demo, how):
    token = make_token(manager_id=VICTIM)
    for _ in range(2):  # the second is served from the verified-token cache
        assert _post(client, token).json() == {"data": {"me": {"id": VICTIM}}}
    removed = _post(client, make_token("admin"), REMOVALS[how] % VICTIM).json()
    assert "errors" not in removed, removed
    _assert_401(_post(client, token))
    _assert_401(_post(client, token, ADMIN_QUERY))
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_deactivated_manager_can_be_reactivated(gql, fresh_demo):
    token = make_token(manager_id=VICTIM)
    off = gql(f'mutation {{ deactivateManager(id: "{VICTIM}") {{ id active }} }}', role="admin")
    assert off["data"]["deactivateManager"] == {"id": VICTIM, "active": False}
    assert gql.post(ME, token=token).status_code == 401
    seen = gql(f'{{ manager(id: "{VICTIM}") {{ active }} }}')
    assert seen["data"]["manager"] == {"active": False}
    on = gql(f'mutation {{ reactivateManager(id: "{VICTIM}") {{ active }} }}', role="admin")
    assert on["data"]["reactivateManager"] == {"active": True}
    assert gql(ME, token=token)["data"]["me"]["id"] == VICTIM
    actions = [r["action"] for r in cypher(
        "MATCH (a:AuditEntry {targetId: $id}) RETURN a.action AS action ORDER BY a.at", id=VICTIM)]
    assert actions == ["DEACTIVATE_MANAGER", "REACTIVATE_MANAGER"]


def test_only_admins_deactivate_and_unknown_ids_are_not_found(gql, demo_graph):
    for mutation in ("deactivateManager", "reactivateManager"):
        denied = gql(f'mutation {{ {mutation}(id: "m-002") {{ id }} }}')
        assert _code(denied) == "FORBIDDEN"
        missing = gql(f'mutation {{ {mutation}(id: "m-nobody") {{ id }} }}', role="admin")
        assert _code(missing) == "NOT_FOUND"
    assert gql('{ manager(id: "m-002") { active } }')["data"]["manager"] == {"active": True}


# --- deactivated managers are not suggested -------------------------------------------------------

def _suggested(gql, manager_id: str) -> set[str]:
    body = gql(SUGGESTED, {"id": manager_id}, role="admin")
    return {s["manager"]["id"] for s in body["data"]["manager"]["suggestedContacts"]}


def test_a_deactivated_manager_is_not_suggested(gql, fresh_demo):
    assert gql(RUN_SUGGESTIONS, role="admin")["data"]["runJob"]["status"] == "SUCCEEDED"
    [row] = cypher("MATCH (a:Manager)-[:SUGGESTED]->(b:Manager) "
                   "RETURN a.id AS a, b.id AS b ORDER BY a.id, b.id LIMIT 1")
    receiver, gone = row["a"], row["b"]
    assert gone in _suggested(gql, receiver)

    gql(f'mutation {{ deactivateManager(id: "{gone}") {{ id }} }}', role="admin")
    # Filtered on read: the stored run still points at them, but nobody is shown them.
    assert gone not in _suggested(gql, receiver)
    # The next run leaves them out altogether: not suggested to anyone, nothing for them.
    assert gql(RUN_SUGGESTIONS, role="admin")["data"]["runJob"]["status"] == "SUCCEEDED"
    stored = cypher("MATCH (state:SuggestionState {id: 'current'}) "
                    "MATCH (a:Manager)-[x:SUGGESTED {runId: state.runId}]->(b:Manager) "
                    "WHERE a.id = $id OR b.id = $id RETURN count(x) AS n", id=gone)
    assert stored == [{"n": 0}]
    assert cypher("MATCH ()-[x:SUGGESTED]->() RETURN count(x) AS n")[0]["n"] > 0
