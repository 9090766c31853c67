"""The GraphQL endpoint: strawberry's ASGI view with peernet's context, and GraphQL over HTTP
as its specification says (media types, status codes; see ``peernet.media``)."""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError

from peernet.domain.viewer import Viewer
from peernet.media import GRAPHQL_RESPONSE, JSON, error_response, is_request_error, negotiate
from peernet.resolvers.context import Context

NOT_AN_OBJECT = "the request body must be a JSON object with a query (batches are not accepted)"


class PeernetGraphQL(GraphQL[Context, None]):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            # strawberry answers these in plain text; a GraphQL client reads errors[].
            response = _refusal(request, exc)
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        try:
            # Strict UTF-8: json.loads alone lets encoded surrogates through (surrogatepass).
            value = json.loads(data.decode("utf-8-sig") if isinstance(data, bytes) else data)
        except (UnicodeDecodeError, RecursionError) as exc:
            # Bytes that are not UTF-8, or nesting deeper than the parser follows (100,000
            # nested arrays in variables), are unparsable bodies like any other, not a 500.
            reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else "nested too deeply"
            raise HTTPException(400, f"Unable to parse request body as JSON: {reason}") from exc
        if not isinstance(value, (dict, list)):  # a list goes on to strawberry's batch refusal
            raise HTTPException(400, NOT_AN_OBJECT)
        return value

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        app_state = request.app.state
        # Only GraphiQL's page arrives without a viewer (BearerAuth lets it through); it runs
        # no operation, and every request it sends carries the user's token.
        viewer: Viewer = getattr(request.state, "viewer", None) or Viewer(manager_id=None)
        return Context(
            db=app_state.db.scoped(), viewer=viewer, settings=app_state.settings,
            request=request, response=response,
        )

    # strawberry.asgi types the request as Request | WebSocket, but calls this for HTTP only
    # (its run() casts to Request first), as AsyncBaseHTTPView declares it.
    async def get_sub_response(self, request: Request) -> Response:  # type: ignore[override]
        # Runs before anything else for a request: refuse what we will not answer, and keep
        # the negotiated media type for create_response, which does not see the request.
        if request.method == "GET" and "query" in request.query_params:
            raise HTTPException(405, "GraphQL operations are sent with POST")
        media = negotiate(request.headers.get("accept"))
        if request.method == "POST":
            if media is None:
                raise HTTPException(406, f"this endpoint answers with {GRAPHQL_RESPONSE} or {JSON}")
            content_type, params = parse_content_type(request.headers.get("content-type", ""))
            charset = params.get("charset", "utf-8").lower()
            if content_type != JSON or charset not in ("utf-8", "utf8"):
                raise HTTPException(415, f"send the request as {JSON} (UTF-8)")
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = media or JSON
        return sub_response

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        media = sub_response.media_type or JSON
        request_error = is_request_error(response_data)
        if request_error:
            # Execution never began, so there is no data entry (GraphQL spec, "Response").
            response_data = {k: v for k, v in response_data.items() if k != "data"}
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = f"{media}; charset=utf-8"
        errors = response_data.get("errors") if isinstance(response_data, dict) else None
        codes = {(e.get("extensions") or {}).get("code") for e in errors or []}
        if "DB_UNAVAILABLE" in codes:
            # Load balancers and clients retry a 503; the body still carries the GraphQL error.
            response.status_code = 503
            response.headers["Retry-After"] = "2"
        elif request_error and media == GRAPHQL_RESPONSE:
            response.status_code = 400
        return response


def _refusal(request: Request, exc: HTTPException) -> Response:
    code = None
    if isinstance(exc.__cause__, CannotGetOperationTypeError):
        code = "OPERATION_RESOLUTION_FAILURE"  # Apollo's code: no operation of that name
    headers = {"allow": "GET, POST"} if exc.status_code == 405 else None
    return error_response(exc.status_code, exc.reason, accept=request.headers.get("accept"),
                          code=code, headers=headers)


__all__ = ["PeernetGraphQL"]
