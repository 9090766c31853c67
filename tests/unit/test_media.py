"""Content negotiation for GraphQL over HTTP (pure functions)."""

import pytest

from peernet.media import GRAPHQL_RESPONSE, JSON, is_request_error, negotiate


@pytest.mark.parametrize("accept, expected", [
    (None, JSON), ("", JSON), ("*/*", JSON), ("application/*", JSON), (JSON, JSON),
    (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
    (f"{JSON}, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),  # equal preference: the newer type
    (f"{GRAPHQL_RESPONSE};q=0.2, {JSON}", JSON),
    (f"{GRAPHQL_RESPONSE};q=0, */*", JSON),
    ("text/html", None), (f"{JSON};q=0", None), (f"{JSON};q=abc", None),
    (f"text/html, {GRAPHQL_RESPONSE};charset=utf-8", GRAPHQL_RESPONSE),
])
def test_negotiate(accept, expected):
    assert negotiate(accept) == expected


def test_request_errors_are_errors_without_data_and_without_a_path():
    parse_error = {"data": None, "errors": [{"message": "Syntax Error", "locations": []}]}
    field_error = {"data": None, "errors": [{"message": "Forbidden", "path": ["jobRuns"]}]}
    assert is_request_error(parse_error)
    assert not is_request_error(field_error)
    assert not is_request_error({"data": {"me": None}, "errors": [{"message": "x"}]})
    assert not is_request_error({"data": None})
