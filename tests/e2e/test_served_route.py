"""Authentication holds on the route that is served, not on a raw path: behind a proxy with a
root path (`uvicorn --root-path /peernet`) and mounted under a prefix, an unauthenticated
request to the GraphQL endpoint is refused; and the GraphQL view itself never serves a
request without a verified viewer (there is no anonymous viewer to fall back to)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import get_settings
from peernet.http_view import PeernetGraphQL
from peernet.schema import build_schema
from tests.conftest import make_token

QUERY = {"query": "{ managers(first: 1) { totalCount } }"}


def _assert_refused(response) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert "data" not in body and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _assert_served(response) -> None:
    assert response.status_code == 200, response.text
    assert response.json()["data"]["managers"]["totalCount"] > 0


def test_behind_a_root_path_the_endpoint_needs_a_token(demo_graph):
    # As uvicorn --root-path /peernet passes it on: the full path, and the root path.
    with TestClient(create_app(get_settings()), root_path="/peernet") as client:
        _assert_refused(client.post("/peernet/graphql", json=QUERY))
        _assert_served(client.post("/peernet/graphql", json=QUERY,
                                   headers={"Authorization": f"Bearer {make_token()}"}))


def test_mounted_under_a_prefix_the_endpoint_needs_a_token(demo_graph):
    inner = create_app(get_settings())

    @contextlib.asynccontextmanager
    async def lifespan(outer: Starlette) -> AsyncIterator[None]:
        async with inner.router.lifespan_context(inner):
            yield

    outer = Starlette(routes=[Mount("/peernet", app=inner)], lifespan=lifespan)
    with TestClient(outer) as client:
        _assert_refused(client.post("/peernet/graphql", json=QUERY))
        _assert_refused(client.post("/peernet/graphql/", json=QUERY))
        _assert_served(client.post("/peernet/graphql", json=QUERY,
                                   headers={"Authorization": f"Bearer {make_token()}"}))


def test_the_graphql_view_refuses_a_request_without_a_verified_viewer(demo_graph):
    """Whatever wraps it, or forgets to: the view has no anonymous viewer."""
    settings = get_settings()
    bare = Starlette(routes=[Route("/graphql", PeernetGraphQL(build_schema(settings)))])
    bare.state.settings = settings
    with TestClient(bare) as client:
        _assert_refused(client.post("/graphql", json=QUERY))
        _assert_refused(client.post("/graphql", json=QUERY,
                                    headers={"Authorization": f"Bearer {make_token()}"}))
