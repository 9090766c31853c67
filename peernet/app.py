"""The ASGI application: GraphQL at /graphql, health checks, one Neo4j driver per process."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from peernet.auth import Authenticator, TokenVerifier
from peernet.config import Settings, get_settings
from peernet.graph import maintenance
from peernet.graph.driver import Database, create_driver
from peernet.http_view import PeernetGraphQL
from peernet.middleware import BearerAuth, BodyLimit
from peernet.observability import RequestLog, configure_logging, metrics_endpoint
from peernet.schema import build_schema
from peernet.web import web_routes


async def live(request: Request) -> JSONResponse:
    return JSONResponse({"status": "live"})


async def ready(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    try:
        await asyncio.wait_for(db.driver.verify_connectivity(), timeout=2.0)
    except Exception:  # any failure means "not ready"; the reason is in Neo4j's own logs
        return JSONResponse({"status": "unavailable", "neo4j": False}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": True})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = create_driver(settings)
        app.state.db = Database(driver, settings.neo4j_database,
                                timeout=settings.neo4j_request_timeout)
        if settings.production:
            # From now on `peernet db reset` and `peernet seed` refuse this database.
            await maintenance.mark_production(app.state.db.unbounded())
        try:
            yield
        finally:
            await driver.close()

    graphql = PeernetGraphQL(
        build_schema(settings),
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=False,
    )
    configure_logging()
    middleware = [
        Middleware(RequestLog),
        Middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["POST"],
            allow_headers=["authorization", "content-type"],
        ),
        Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
    ]
    authenticator = Authenticator(TokenVerifier(settings))
    # Authentication wraps the endpoint's route, not a path prefix: it holds on the route
    # that is served, behind `--root-path` or mounted under any prefix.
    protected_graphql = BearerAuth(graphql, authenticator=authenticator,
                                   open_ide=not settings.production)
    app = Starlette(
        routes=[
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/metrics", metrics_endpoint),
            # The view answers other methods with a JSON 405.
            Route("/graphql", protected_graphql),
            *web_routes(settings, authenticator),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


__all__ = ["create_app"]
