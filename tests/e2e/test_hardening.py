"""Hardening: each limit rejects an over-limit query, errors are masked, production mode has
no introspection and no GraphiQL, operations only as POST with JSON, a body size limit, CORS
only for configured origins, and GraphQL over HTTP's media types and status codes."""

from __future__ import annotations

import datetime as dt

import pytest
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import Settings, get_settings
from peernet.graph import managers
from peernet.media import GRAPHQL_RESPONSE
from tests.conftest import make_token
from tests.jwks import AUDIENCE, ISSUER, idp  # noqa: F401 (a fixture)

SETTINGS = get_settings()


def _auth(role: str = "manager") -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(role)}"}


def _errors(body: dict) -> list[str]:
    return [e["message"] for e in body.get("errors", [])]


# --- limits ---------------------------------------------------------------------------------

def _nested(depth: int) -> str:
    inner = "id"
    for _ in range(depth):
        inner = f"contacts {{ manager {{ {inner} }} }}"
    return f"{{ me {{ {inner} }} }}"


def test_a_query_within_the_depth_limit_runs(gql, demo_graph):
    assert "errors" not in gql(_nested(3))


def test_a_too_deep_query_is_rejected_before_it_runs(gql, demo_graph):
    body = gql.post(_nested(SETTINGS.max_query_depth)).json()
    assert "data" not in body
    assert any("exceeds maximum operation depth" in m for m in _errors(body))


def test_too_many_aliases_are_rejected(gql, demo_graph):
    aliases = " ".join(f"a{i}: me {{ id }}" for i in range(SETTINGS.max_aliases + 1))
    body = gql.post(f"{{ {aliases} }}").json()
    assert "data" not in body and any("aliases" in m.lower() for m in _errors(body))


def test_too_many_tokens_are_rejected(gql, demo_graph):
    body = gql.post("{ me { " + "id " * SETTINGS.max_tokens + "} }").json()
    assert "data" not in body and any("tokens" in m.lower() for m in _errors(body))


@pytest.mark.parametrize("field", ["problems", "managers", "cohorts", "departments"])
def test_pages_above_the_cap_are_refused(gql, demo_graph, field):
    body = gql(f"{{ {field}(first: {SETTINGS.max_page_size + 1}) {{ totalCount }} }}")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
    assert (
        gql(f"{{ {field}(first: {SETTINGS.max_page_size}) {{ totalCount }} }}").get("errors")
        is None
    )


def test_batched_requests_are_refused(client, demo_graph):
    response = client.post("/graphql", json=[{"query": "{ me { id } }"}] * 2, headers=_auth())
    assert response.status_code == 400


# --- masked errors --------------------------------------------------------------------------

def test_internal_errors_are_masked(gql, demo_graph, monkeypatch):
    async def broken(db, ids):
        raise RuntimeError(
            "bolt://neo4j:hunter2@db.internal failed at /srv/peernet/graph/managers.py"
        )

    monkeypatch.setattr(managers, "by_ids", broken)
    response = gql.post("{ me { id name } }")
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [
        {
            "message": "Internal server error",
            "locations": [{"line": 1, "column": 3}],
            "path": ["me"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    for leak in ("hunter2", "db.internal", "RuntimeError", "Traceback", "managers.py"):
        assert leak not in response.text


def test_user_errors_keep_their_code_and_message(gql, demo_graph):
    body = gql(
        'mutation { raiseProblem(input: {title: "", description: "d", category: BUDGET}) { id } }'
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "title"}
    assert body["errors"][0]["message"] == "title must not be empty"


# --- production mode ------------------------------------------------------------------------

@pytest.fixture
def production(idp, demo_graph):
    settings = Settings(mode="production", jwt_algorithm="RS256", jwt_jwks_url=idp.url,
                        jwt_issuer=ISSUER, jwt_audience=AUDIENCE)
    now = dt.datetime.now(dt.UTC)
    token = idp.sign({"sub": "m-001", "roles": ["manager"], "iss": ISSUER, "aud": AUDIENCE,
                      "exp": now + dt.timedelta(minutes=5)})
    with TestClient(create_app(settings)) as client:
        yield client, {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("query", [
    "{ __schema { queryType { name } } }", '{ __type(name: "Problem") { fields { name } } }',
])
def test_introspection_is_off_in_production(production, query):
    client, auth = production
    body = client.post("/graphql", json={"query": query}, headers=auth).json()
    assert "data" not in body and any("introspection" in m.lower() for m in _errors(body))
    ordinary = client.post("/graphql", json={"query": "{ me { id } }"}, headers=auth).json()
    assert ordinary == {"data": {"me": {"id": "m-001"}}}


def test_graphiql_is_off_in_production(production):
    client, auth = production
    assert client.get("/graphql", headers={"Accept": "text/html"}).status_code == 401
    page = client.get("/graphql", headers={"Accept": "text/html", **auth})
    assert page.status_code == 404 and "graphiql" not in page.text.lower()


def test_graphiql_is_served_in_development(client, demo_graph):
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    body = client.post(
        "/graphql", json={"query": "{ __schema { queryType { name } } }"}, headers=_auth()
    )
    assert body.json()["data"]["__schema"]["queryType"]["name"] == "Query"


# --- transport ------------------------------------------------------------------------------

def test_operations_are_not_accepted_over_get(client, demo_graph):
    for query in (
        "{ me { id } }",
        'mutation { recordContact(input: {otherId: "m-150"}) { since } }',
    ):
        response = client.get("/graphql", params={"query": query}, headers=_auth())
        assert response.status_code == 405


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", "query=%7B%20me%20%7B%20id%20%7D%20%7D"),
        ("text/plain", '{"query": "{ me { id } }"}'),
        (
            "multipart/form-data; boundary=x",
            '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ me { id } }\r\n--x--',
        ),
        ("application/json; charset=latin-1", '{"query": "{ me { id } }"}'),
    ],
    ids=["form", "text", "multipart", "latin-1"],
)
def test_only_json_bodies_are_accepted(client, demo_graph, content_type, body):
    response = client.post(
        "/graphql", content=body, headers={"Content-Type": content_type, **_auth()}
    )
    assert response.status_code == 415


@pytest.fixture
def small_bodies(demo_graph):
    with TestClient(create_app(Settings(max_body_bytes=2048))) as client:
        yield client


def test_a_body_over_the_limit_gets_413(small_bodies):
    padding = "x" * 3000
    response = small_bodies.post(
        "/graphql", json={"query": "{ me { id } }", "extensions": {"pad": padding}}, headers=_auth()
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_a_chunked_body_over_the_limit_gets_413(small_bodies):
    def chunks():
        yield b'{"query": "{ me { id } }", "pad": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    response = small_bodies.post("/graphql", content=chunks(),
                                 headers={"Content-Type": "application/json", **_auth()})
    assert response.status_code == 413


def test_a_body_within_the_limit_is_served(small_bodies):
    response = small_bodies.post("/graphql", json={"query": "{ me { id } }"}, headers=_auth())
    assert response.status_code == 200


@pytest.fixture
def cors_client(demo_graph):
    with TestClient(
        create_app(Settings(cors_origins=["https://intranet.kommun.example"]))
    ) as client:
        yield client


def _preflight(client: TestClient, origin: str):
    return client.options("/graphql", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    })


def test_cors_allows_the_configured_intranet_origin(cors_client):
    preflight = _preflight(cors_client, "https://intranet.kommun.example")
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://intranet.kommun.example"
    response = cors_client.post("/graphql", json={"query": "{ me { id } }"},
                                headers={"Origin": "https://intranet.kommun.example", **_auth()})
    assert response.headers["access-control-allow-origin"] == "https://intranet.kommun.example"


def test_cors_refuses_other_origins(cors_client):
    preflight = _preflight(cors_client, "https://evil.example")
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    response = cors_client.post("/graphql", json={"query": "{ me { id } }"},
                                headers={"Origin": "https://evil.example", **_auth()})
    assert "access-control-allow-origin" not in response.headers


def test_without_configured_origins_no_cross_origin_request_is_allowed(client, demo_graph):
    assert "access-control-allow-origin" not in _preflight(client, "https://intranet.kommun.example").headers


# --- GraphQL over HTTP: media types and status codes ---------------------------------------

def _post(client, query, accept: str | None, variables=None):
    headers = {"Content-Type": "application/json", **_auth()}
    if accept is not None:
        headers["Accept"] = accept
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


BAD_REQUESTS = {
    "unparsable": ("{ me { id ", None),
    "invalid": ("{ me { noSuchField } }", None),
    "coercion": ("query($id: ID!) { manager(id: $id) { id } }", {"id": None}),
    "too deep": (_nested(SETTINGS.max_query_depth), None),
}


@pytest.mark.parametrize("name", sorted(BAD_REQUESTS))
def test_request_errors_get_400_with_the_graphql_response_media_type(client, demo_graph, name):
    query, variables = BAD_REQUESTS[name]
    response = _post(client, query, GRAPHQL_RESPONSE, variables)
    assert response.status_code == 400
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert "data" not in response.json() and response.json()["errors"]


@pytest.mark.parametrize("name", sorted(BAD_REQUESTS))
def test_request_errors_get_200_for_legacy_json_clients(client, demo_graph, name):
    query, variables = BAD_REQUESTS[name]
    response = _post(client, query, "application/json", variables)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert "data" not in response.json() and response.json()["errors"]


def test_field_errors_are_200_with_data_in_either_media_type(client, demo_graph):
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        response = _post(client, "{ me { id } jobRuns { id } }", accept)
        assert response.status_code == 200
        body = response.json()
        assert body["data"] is None and body["errors"][0]["path"] == ["jobRuns"]


@pytest.mark.parametrize("accept, media", [
    (None, "application/json"), ("*/*", "application/json"), ("application/*", "application/json"),
    ("application/json", "application/json"), (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE};q=0.5, application/json", "application/json"),
])
def test_the_response_media_type_follows_accept(client, demo_graph, accept, media):
    response = _post(client, "{ me { id } }", accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media}; charset=utf-8"


def test_an_unacceptable_accept_gets_406(client, demo_graph):
    assert _post(client, "{ me { id } }", "text/html").status_code == 406
