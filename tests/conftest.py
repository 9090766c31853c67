"""Test fixtures. The suite runs against its own real Neo4j instance (port 7688, its own data
directory), started here if it is not running, and refuses to wipe any database that does not
carry the test-instance marker."""

from __future__ import annotations

import asyncio
import fcntl
import os

# Point everything at the test instance before any settings are read.
os.environ.update({
    "PEERNET_MODE": "test",
    "PEERNET_NEO4J_URI": f"bolt://127.0.0.1:{os.environ.get('PEERNET_TEST_BOLT_PORT', '7688')}",
    "PEERNET_NEO4J_PASSWORD": "peernet-test-password",
})

import pytest
from starlette.testclient import TestClient

from peernet import neo4j_launcher as launcher
from peernet.app import create_app
from peernet.auth import issue_dev_token
from peernet.config import get_settings
from peernet.graph import local_instance
from peernet.graph.driver import Database, create_driver
from peernet.graph.driver import run as tx_run
from peernet.graph.migrations import migrate
from peernet.seeds import demo as demo_data
from peernet.seeds.loader import load

WIPE = local_instance.WIPE_TEST_INSTANCE
IS_TEST_INSTANCE = local_instance.IS_TEST_INSTANCE


class NotTheTestInstance(RuntimeError):
    pass


def run(coro):
    return asyncio.run(coro)


async def _with_db(work):
    settings = get_settings()
    driver = create_driver(settings)
    try:
        return await work(Database(driver, settings.neo4j_database))
    finally:
        await driver.close()


async def wipe(db: Database) -> None:
    marked = (await db.read(IS_TEST_INSTANCE))[0]["n"]
    if not marked:
        raise NotTheTestInstance(
            f"{db.driver} is not marked as the test instance; refusing to wipe it"
        )
    async with db.driver.session(database=db.database) as session:
        await (await session.run(WIPE)).consume()


async def reseed(db: Database) -> None:
    await wipe(db)
    await migrate(db.driver, db.database)
    await load(db, demo_data.build_demo())


def cypher(query: str, **params):
    """Run Cypher against the test instance and return the rows (for assertions)."""
    return run(_with_db(lambda db: db.read(query, **params)))


def cypher_write(query: str, **params):
    """Run a writing Cypher statement against the test instance (to plant data) in one
    transaction, and return its rows."""
    return run(_with_db(lambda db: db.write(lambda tx: tx_run(tx, query, **params))))


@pytest.fixture(scope="session")
def neo4j_test_instance():
    """The test Neo4j, held under an exclusive lock for the whole session: two test runs at
    once (two terminals, two worktrees) would otherwise wipe each other's data mid-test."""
    settings = get_settings()
    instance = launcher.instance_for(settings, "test")
    instance.home.mkdir(parents=True, exist_ok=True)
    with open(instance.home.parent / "test-instance.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("\nwaiting for another test run to release the test Neo4j…", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        launcher.start(instance, timeout=settings.neo4j_start_timeout)
        yield instance


@pytest.fixture(scope="session")
def demo_graph(neo4j_test_instance):
    """The demo municipality, loaded once per session. Tests that write must clean up after
    themselves or use ``fresh_demo``."""
    run(_with_db(reseed))
    return demo_data


@pytest.fixture
def fresh_demo(neo4j_test_instance):
    """The demo data reloaded from scratch, for tests that change it; reloaded after too."""
    run(_with_db(reseed))
    yield demo_data
    run(_with_db(reseed))


@pytest.fixture(scope="session")
def app(demo_graph):
    return create_app(get_settings())


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client


def make_token(role: str = "manager", manager_id: str | None = None, **kwargs) -> str:
    default = {"admin": demo_data.DEMO_ADMIN_ID, "sponsor": demo_data.DEMO_SPONSOR_ID}.get(
        role, demo_data.DEMO_MANAGER_ID
    )
    roles = sorted({"manager", role})
    return issue_dev_token(get_settings(), manager_id=manager_id or default, roles=roles, **kwargs)


class GraphQLClient:
    def __init__(self, client: TestClient) -> None:
        self.client = client

    def post(self, query: str, variables: dict | None = None, *, role: str = "manager",
             manager_id: str | None = None, token: str | None = None):
        headers = {"Authorization": f"Bearer {token or make_token(role, manager_id)}"}
        return self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                headers=headers)

    def __call__(self, query: str, variables: dict | None = None, **kwargs) -> dict:
        response = self.post(query, variables, **kwargs)
        body = response.json()
        assert response.status_code == 200, body
        return body


@pytest.fixture
def gql(client) -> GraphQLClient:
    return GraphQLClient(client)
