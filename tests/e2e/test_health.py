"""Health endpoints, and failing fast with 503 / DB_UNAVAILABLE when Neo4j cannot be reached
(the fault test in tests/integration/test_fault.py kills a real Neo4j mid-load)."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import Settings
from tests.conftest import make_token
from tests.servers import free_port


def test_live_and_ready_with_neo4j_up(client, demo_graph):
    assert client.get("/health/live").json() == {"status": "live"}
    assert client.get("/health/ready").json() == {"status": "ready", "neo4j": True}


def test_without_neo4j_requests_fail_fast_with_503_and_readiness_is_false():
    nowhere = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}")
    with TestClient(create_app(nowhere)) as client:
        assert client.get("/health/live").status_code == 200
        started = time.monotonic()
        ready = client.get("/health/ready")
        assert ready.status_code == 503 and ready.json()["neo4j"] is False
        assert time.monotonic() - started < 5.0

        started = time.monotonic()
        response = client.post("/graphql", json={"query": "{ me { id name } }"},
                               headers={"Authorization": f"Bearer {make_token()}"})
        assert time.monotonic() - started < nowhere.neo4j_request_timeout + 2
        assert response.status_code == 503 and response.headers["retry-after"]
        assert {e["extensions"]["code"] for e in response.json()["errors"]} == {"DB_UNAVAILABLE"}
