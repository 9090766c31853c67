"""/metrics in the Prometheus format and the request id on every response."""

from __future__ import annotations


def _metric(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


def test_metrics_count_operations_and_error_codes(client, gql):
    before = client.get("/metrics").text
    ok_key = 'peernet_graphql_seconds_count{operation="Me"}'
    err_key = 'peernet_graphql_errors_total{code="NOT_FOUND"}'
    gql("query Me { me { id } }")
    gql.post('mutation { deleteDepartment(id: "no-such-department") }', role="admin")
    after = client.get("/metrics")
    assert after.headers["content-type"].startswith("text/plain")
    assert _metric(after.text, ok_key) == _metric(before, ok_key) + 1
    assert _metric(after.text, err_key) == _metric(before, err_key) + 1


def test_every_response_carries_a_request_id(client):
    given = client.get("/health/live", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made_up = client.get("/health/live").headers["x-request-id"]
    assert len(made_up) == 32 and made_up != client.get("/health/live").headers["x-request-id"]
