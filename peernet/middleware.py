"""ASGI middleware: bearer authentication in front of the GraphQL endpoint."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from peernet.auth import AuthError, TokenVerifier, bearer_token


class BearerAuth:
    """Rejects requests to ``protected`` paths without a valid token (401), and puts the
    verified ``Viewer`` on ``request.state.viewer`` for the rest."""

    def __init__(
        self, app: ASGIApp, *, verifier: TokenVerifier, protected: tuple[str, ...],
        open_ide: bool = False,
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.protected = protected
        self.open_ide = open_ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.protected):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.open_ide and scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            # GraphiQL's page holds no data; the queries it sends carry the user's token.
            await self.app(scope, receive, send)
            return
        try:
            viewer = await self.verifier.verify(bearer_token(headers.get("authorization")))
        except AuthError as exc:
            await _unauthorized(send, str(exc))
            return
        scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)


async def _unauthorized(send: Send, message: str) -> None:
    body = json.dumps(
        {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}
    ).encode()
    await send({
        "type": "http.response.start", "status": 401,
        "headers": [
            (b"content-type", b"application/json"),
            (b"www-authenticate", b'Bearer realm="peernet"'),
            (b"content-length", str(len(body)).encode()),
        ],
    })
    await send({"type": "http.response.body", "body": body})


__all__ = ["BearerAuth"]
