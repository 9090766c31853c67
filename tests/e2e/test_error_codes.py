"""Every error body is JSON with ``extensions.code``: GraphQL's own errors under Apollo's names
(GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT for variables), and the
HTTP-level refusals (400, 401, 405, 406, 413, 415) too, in the media type the client accepts
(GraphQL over HTTP: ``application/graphql-response+json`` or ``application/json``)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import Settings, get_settings
from peernet.media import GRAPHQL_RESPONSE, JSON
from tests.conftest import make_token

SETTINGS = get_settings()
ACCEPTS = [JSON, GRAPHQL_RESPONSE]


def _headers(accept: str | None, **extra: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {make_token()}", "Content-Type": JSON, **extra}
    if accept is not None:
        headers["Accept"] = accept
    return headers


def _codes(response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


GRAPHQL_ERRORS = {
    "syntax": ("{ me { id ", None, "GRAPHQL_PARSE_FAILED"),
    "too many tokens": (
        "{ me { " + "id " * SETTINGS.max_tokens + "} }",
        None,
        "GRAPHQL_PARSE_FAILED",
    ),
    "unknown field": ("{ me { noSuchField } }", None, "GRAPHQL_VALIDATION_FAILED"),
    "unused variable": ("query($v: Int) { __typename }", None, "GRAPHQL_VALIDATION_FAILED"),
    "too deep": (
        "{ me { " + "contacts { manager { " * 6 + "id" + " } }" * 6 + " } }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "too many aliases": (
        "{ " + " ".join(f"a{i}: __typename" for i in range(SETTINGS.max_aliases + 1)) + " }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "over the size limit": (
        "{ __typename" + " " * SETTINGS.max_query_bytes + "}",
        None,
        "QUERY_TOO_LARGE",
    ),
    "null for ID!": ("query($id: ID!) { manager(id: $id) { id } }", {"id": None}, "BAD_USER_INPUT"),
}


@pytest.mark.parametrize("name", list(GRAPHQL_ERRORS))
@pytest.mark.parametrize("accept", ACCEPTS)
def test_graphql_request_errors_carry_apollos_codes(client, demo_graph, name, accept):
    query, variables, code = GRAPHQL_ERRORS[name]
    for _ in range(2):  # the second answer comes from the parse and validation caches
        response = client.post("/graphql", json={"query": query, "variables": variables},
                               headers=_headers(accept))
        assert response.status_code == (400 if accept == GRAPHQL_RESPONSE else 200)
        assert response.headers["content-type"] == f"{accept}; charset=utf-8"
        assert set(_codes(response)) == {code}, response.json()


def _http_errors(client, accept):
    """(status, code, response) of each HTTP-level refusal."""
    auth = _headers(accept)
    yield 400, "BAD_REQUEST", client.post("/graphql", content=b"{not json", headers=auth)
    yield 400, "BAD_REQUEST", client.post("/graphql", json={"variables": {}}, headers=auth)
    yield 405, "METHOD_NOT_ALLOWED", client.get("/graphql", params={"query": "{ __typename }"},
                                                headers=auth)
    yield 405, "METHOD_NOT_ALLOWED", client.put("/graphql", json={"query": "{ __typename }"},
                                                headers=auth)
    yield (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        client.post(
            "/graphql",
            content=b"query=%7B%7D",
            headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
        ),
    )
    no_token = {k: v for k, v in auth.items() if k != "Authorization"}
    yield (
        401,
        "UNAUTHENTICATED",
        client.post("/graphql", json={"query": "{ __typename }"}, headers=no_token),
    )
    yield 401, "UNAUTHENTICATED", client.post("/graphql", json={"query": "{ __typename }"},
                                              headers={**auth, "Authorization": "Bearer not-a-jwt"})


@pytest.mark.parametrize("accept", ACCEPTS)
def test_http_refusals_are_graphql_error_bodies_in_the_accepted_media_type(
    client, demo_graph, accept
):
    for status, code, response in _http_errors(client, accept):
        assert response.status_code == status, (status, response.text)
        assert response.headers["content-type"] == f"{accept}; charset=utf-8", status
        body = response.json()
        assert "data" not in body and _codes(response) == [code], body
        assert body["errors"][0]["message"]
        if status == 405:
            assert response.headers["allow"] == "GET, POST"
        if status == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_client_that_accepts_neither_type_gets_406_as_json(client, demo_graph):
    response = client.post(
        "/graphql", json={"query": "{ __typename }"}, headers=_headers("text/html")
    )
    assert response.status_code == 406
    assert response.headers["content-type"] == f"{JSON}; charset=utf-8"
    assert _codes(response) == ["NOT_ACCEPTABLE"]


def test_without_accept_refusals_are_application_json(client, demo_graph):
    response = client.post("/graphql", content=b"{not json", headers=_headers(None))
    assert response.status_code == 400
    assert response.headers["content-type"] == f"{JSON}; charset=utf-8"
    assert _codes(response) == ["BAD_REQUEST"]


@pytest.fixture
def small_bodies(demo_graph):
    with TestClient(create_app(Settings(max_body_bytes=2048))) as client:
        yield client


@pytest.mark.parametrize("accept", ACCEPTS)
def test_a_body_over_the_limit_is_413_in_the_accepted_media_type(small_bodies, accept):
    response = small_bodies.post("/graphql", json={"query": "{ __typename }", "pad": "x" * 3000},
                                 headers=_headers(accept))
    assert response.status_code == 413
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    assert _codes(response) == ["PAYLOAD_TOO_LARGE"]
