"""ASGI middleware: bearer authentication in front of the GraphQL endpoint, and the body size
limit. Their refusals are GraphQL error bodies in the media type the client accepts."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peernet.auth import AuthError, TokenVerifier, bearer_token
from peernet.media import error_response


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
            response = error_response(401, str(exc), accept=headers.get("accept"),
                                      headers={"www-authenticate": 'Bearer realm="peernet"'})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Answers 413 to a request whose body is larger than ``max_bytes``: at once when its
    Content-Length says so, else as soon as the bytes read pass the limit (chunked bodies)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooLarge:
            if started:
                raise
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        accept = dict(scope["headers"]).get(b"accept")
        response = error_response(413, f"the request body is larger than {self.max_bytes} bytes",
                                  accept=accept.decode("latin-1") if accept else None)
        await response(scope, receive, send)


__all__ = ["BearerAuth", "BodyLimit"]
