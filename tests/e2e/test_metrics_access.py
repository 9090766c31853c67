"""/metrics: client-chosen operation names add no label series, and access can be limited with
PEERNET_METRICS_TOKEN; in production it is not served unauthenticated unless allowed."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import Settings


def _metric(text: str, line_prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(line_prefix)]
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


def test_unknown_operation_names_are_counted_as_other(client, gql):
    other = 'peernet_graphql_seconds_count{operation="other"}'
    known = 'peernet_graphql_seconds_count{operation="Me"}'
    before = client.get("/metrics").text
    for i in range(5):
        gql(f"query Probe{i}x7q {{ __typename }}")
    gql("query Me { me { id } }")
    after = client.get("/metrics").text
    assert "Probe" not in after
    assert _metric(after, other) == _metric(before, other) + 5
    assert _metric(after, known) == _metric(before, known) + 1


@pytest.fixture
def token_client(demo_graph):
    with TestClient(create_app(Settings(metrics_token="scrape-me-0123456789"))) as client:
        yield client


def test_with_a_token_set_metrics_need_it(token_client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic c2NyYXBlLW1l"}):
        response = token_client.get("/metrics", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "peernet_graphql_seconds" not in response.text
    served = token_client.get("/metrics", headers={"Authorization": "Bearer scrape-me-0123456789"})
    assert served.status_code == 200 and "peernet_graphql_seconds" in served.text


def _production(**extra) -> Settings:
    return Settings(mode="production", jwt_algorithm="RS256",
                    jwt_jwks_url="http://127.0.0.1:9/jwks.json", **extra)


def test_production_refuses_unauthenticated_metrics_by_default(demo_graph):
    with TestClient(create_app(_production())) as client:
        response = client.get("/metrics")
    assert response.status_code == 403
    assert "PEERNET_METRICS_TOKEN" in response.json()["errors"][0]["message"]


def test_production_serves_metrics_with_the_token_or_when_allowed(demo_graph):
    with TestClient(create_app(_production(metrics_token="t0ken-for-the-scraper"))) as client:
        assert client.get("/metrics").status_code == 401
        assert (
            client.get(
                "/metrics", headers={"Authorization": "Bearer t0ken-for-the-scraper"}
            ).status_code
            == 200
        )
    with TestClient(create_app(_production(metrics_public=True))) as client:
        assert client.get("/metrics").status_code == 200


def test_outside_production_metrics_are_open_without_a_token(client):
    assert client.get("/metrics").status_code == 200
