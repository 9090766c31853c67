"""The GraphQL endpoint: strawberry's ASGI view with peernet's context and status codes."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.asgi import GraphQL

from peernet.graph.visibility import Viewer
from peernet.resolvers.context import Context


class PeernetGraphQL(GraphQL):
    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        app_state = request.app.state
        viewer: Viewer = request.state.viewer
        return Context(
            db=app_state.db.scoped(), viewer=viewer, settings=app_state.settings,
            request=request, response=response,
        )

    def create_response(self, response_data: Any, sub_response: Response) -> Response:  # type: ignore[override]
        response = super().create_response(response_data, sub_response)
        errors = response_data.get("errors") if isinstance(response_data, dict) else None
        codes = {(e.get("extensions") or {}).get("code") for e in errors or []}
        if "DB_UNAVAILABLE" in codes:
            # Load balancers and clients retry a 503; the body still carries the GraphQL error.
            response.status_code = 503
            response.headers["Retry-After"] = "2"
        return response


__all__ = ["PeernetGraphQL"]
