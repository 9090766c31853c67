"""Production mode: development-only endpoints and commands are unreachable, and the first
production start marks the database so that `peernet db reset` and `peernet seed` refuse it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import Settings
from peernet.graph.local_instance import MARK_TEST_INSTANCE
from tests.conftest import _with_db, cypher, run
from tests.jwks import AUDIENCE, ISSUER, idp  # noqa: F401 (a fixture)

PEERNET = Path(sys.executable).with_name("peernet")
PRODUCTION_ENV = {
    "PEERNET_MODE": "production", "PEERNET_JWT_ALGORITHM": "RS256",
    "PEERNET_JWT_JWKS_URL": "https://login.example.test/keys",
    "PEERNET_JWT_ISSUER": ISSUER, "PEERNET_JWT_AUDIENCE": AUDIENCE,
}
MARKERS = "MATCH (p:ProductionMarker) RETURN count(p) AS n, max(p.since) AS since"


def _peernet(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PEERNET), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def _production(url: str) -> Settings:
    return Settings(mode="production", jwt_algorithm="RS256", jwt_jwks_url=url,
                    jwt_issuer=ISSUER, jwt_audience=AUDIENCE)


def test_development_endpoints_do_not_exist_in_production(idp, demo_graph):
    app = create_app(_production(idp.url))
    paths = {route.path for route in app.routes if isinstance(route, Route)}
    assert "/auth/demo" not in paths and "/graphql" in paths
    with TestClient(app) as client:
        assert client.post("/auth/demo", json={"role": "admin"}).status_code == 404
        page = client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 401 and "graphiql" not in page.text.lower()


@pytest.mark.parametrize("command", [["token", "--role", "admin"], ["seed"], ["demo", "--no-serve"],
                                     ["db", "reset", "--yes"]])
def test_development_commands_refuse_in_production(command):
    done = _peernet(*command, **PRODUCTION_ENV)
    assert done.returncode != 0
    assert "production" in done.stderr
    assert not any(line.count(".") == 2 and len(line) > 40 for line in done.stdout.splitlines())


def test_the_first_production_start_marks_the_database_and_reset_and_seed_refuse_it(
        idp, fresh_demo):
    assert cypher(MARKERS)[0]["n"] == 0
    with TestClient(create_app(_production(idp.url))):
        pass
    first = cypher(MARKERS)[0]
    assert first["n"] == 1 and first["since"]
    with TestClient(create_app(_production(idp.url))):
        pass
    assert cypher(MARKERS)[0] == first  # marked once; its date stays

    managers = cypher("MATCH (m:Manager) RETURN count(m) AS n")[0]["n"]
    for command in (["db", "reset", "--yes"], ["seed"]):  # from a development set-up
        done = _peernet(*command, PEERNET_MODE="development")
        assert done.returncode == 1, done.stdout + done.stderr
        assert "holds production data" in done.stderr and first["since"] in done.stderr
    assert cypher("MATCH (m:Manager) RETURN count(m) AS n")[0]["n"] == managers


def test_reset_empties_an_unmarked_development_database(fresh_demo):
    done = _peernet("db", "reset", "--yes", PEERNET_MODE="development")
    # reset takes the test instance's own marker too: put it back before anything else.
    run(_with_db(lambda db: db.driver.execute_query(MARK_TEST_INSTANCE, database_=db.database)))
    assert done.returncode == 0, done.stderr
    assert cypher("MATCH (n) WHERE NOT n:PeernetTestInstance RETURN count(n) AS n")[0]["n"] == 0


def test_serving_on_a_network_address_without_a_mode_is_production():
    env = {k: v for k, v in os.environ.items() if k != "PEERNET_MODE"}
    done = subprocess.run([str(PEERNET), "serve", "--host", "0.0.0.0", "--port", "1"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    said, refused = " ".join(done.stdout.split()), " ".join(done.stderr.split())  # rich wraps
    assert "serving in production mode" in said
    assert "production mode refuses to start" in refused
    assert "PEERNET_JWT_JWKS_URL is required" in refused
