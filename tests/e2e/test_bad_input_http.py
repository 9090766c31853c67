"""Bad input never gets a 500: a body that is not a JSON object, bytes that are not UTF-8,
variables nested past what the JSON parser can follow, and a document with several operations
and no ``operationName`` each get 400 with a JSON error, and the same client's next request is
served as usual."""

from __future__ import annotations

import json

import pytest

from peernet.media import GRAPHQL_RESPONSE
from tests.conftest import make_token

NESTING = 100_000
NESTED_VARIABLES = (
    '{"query": "query($v: [Int]) { __typename }", "variables": {"v": '
    + "[" * NESTING + "]" * NESTING + "}}"
).encode()

BAD_BODIES = {
    "number": b"123",
    "null": b"null",
    "string": b'"x"',
    "true": b"true",
    "empty array": b"[]",
    "batch": b'[{"query": "{ __typename }"}, {"query": "{ __typename }"}]',
    "array of numbers": b"[1, 2]",
    "invalid utf-8": b'{"query": "{ __typename }", "x": "\xff\xfe"}',
    "utf-8 surrogate": b'{"query": "{ __typename }", "x": "\xed\xa0\x80"}',
    "nested variables": NESTED_VARIABLES,
    "nested extensions": b'{"query": "{ __typename }", "extensions": '
                         + b'{"a":' * 50_000 + b"1" + b"}" * 50_001,
}


def _headers(accept: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {make_token()}", "Content-Type": "application/json"}
    if accept:
        headers["Accept"] = accept
    return headers


def _still_serves(client) -> None:
    follow_up = client.post("/graphql", json={"query": "{ me { id } }"}, headers=_headers())
    assert follow_up.status_code == 200 and follow_up.json()["data"]["me"]["id"]


@pytest.mark.parametrize("name", list(BAD_BODIES))
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
def test_a_bad_body_gets_400_with_a_json_error(client, demo_graph, name, accept):
    response = client.post("/graphql", content=BAD_BODIES[name], headers=_headers(accept))
    assert response.status_code == 400, response.text[:200]
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    error = response.json()["errors"][0]
    assert error["message"] and error["extensions"]["code"] == "BAD_REQUEST"
    assert "data" not in response.json()
    _still_serves(client)


def test_batches_are_still_refused_with_a_reason(client, demo_graph):
    response = client.post("/graphql", content=BAD_BODIES["batch"], headers=_headers())
    assert "batching" in response.json()["errors"][0]["message"].lower()


def test_variables_nested_within_what_json_can_follow_are_a_coercion_error(client, demo_graph):
    depth = 500
    body = {"query": "query($v: Boolean!) { __typename @include(if: $v) }",
            "variables": {"v": json.loads("[" * depth + "]" * depth)}}
    response = client.post("/graphql", json=body, headers=_headers(GRAPHQL_RESPONSE))
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    _still_serves(client)


# --- several operations ---------------------------------------------------------------------

TWO_OPERATIONS = "query First { me { id } } query Second { __typename }"


def test_several_operations_without_an_operation_name_are_refused(client, demo_graph):
    for accept, status in (("application/json", 200), (GRAPHQL_RESPONSE, 400)):
        response = client.post("/graphql", json={"query": TWO_OPERATIONS}, headers=_headers(accept))
        assert response.status_code == status
        body = response.json()
        assert "data" not in body
        assert body["errors"] == [{
            "message": "Must provide operation name if query contains multiple operations.",
            "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
        }]


def test_the_named_operation_of_several_runs(client, demo_graph):
    for name, data in (("First", {"me": {"id": "m-001"}}), ("Second", {"__typename": "Query"})):
        response = client.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": name},
                               headers=_headers())
        assert response.json() == {"data": data}


def test_an_unknown_operation_name_is_a_json_error(client, demo_graph):
    response = client.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": "Third"},
                           headers=_headers(GRAPHQL_RESPONSE))
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert "Third" in error["message"]
    assert error["extensions"]["code"] == "OPERATION_RESOLUTION_FAILURE"


def test_a_single_operation_needs_no_name(client, demo_graph):
    response = client.post(
        "/graphql", json={"query": "query Only { __typename }"}, headers=_headers()
    )
    assert response.json() == {"data": {"__typename": "Query"}}
