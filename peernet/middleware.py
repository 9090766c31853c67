"""ASGI wrappers: bearer authentication around the GraphQL endpoint, and the body size
limit. Their refusals are GraphQL error bodies in the media type the client accepts."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peernet.auth import Authenticator, AuthError
from peernet.errors import DbUnavailable
from peernet.media import error_response


class BearerAuth:
    """Wraps the app it protects (the GraphQL endpoint's route), so it holds on the route that
    is served whatever prefix it is served under (``--root-path``, a ``Mount``): a request
    without a valid token for a real, current person is refused (401); the rest carry the
    verified ``Viewer`` on ``request.state.viewer``."""

    def __init__(
        self, app: ASGIApp, *, authenticator: Authenticator, open_ide: bool = False,
    ) -> None:
        self.app = app
        self.authenticator = authenticator
        self.open_ide = open_ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.open_ide and scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            # GraphiQL's page holds no data and runs no operation (the view answers a GET
            # with a query 405); the queries it sends carry the user's token. Development only.
            await self.app(scope, receive, send)
            return
        accept = headers.get("accept")
        try:
            viewer = await self.authenticator.viewer(scope["app"].state.db,
                                                     headers.get("authorization"))
        except AuthError as exc:
            response = error_response(401, str(exc), accept=accept,
                                      headers={"www-authenticate": 'Bearer realm="peernet"'})
            await response(scope, receive, send)
            return
        except DbUnavailable as exc:  # who is asking cannot be known: neither yes nor no
            response = error_response(503, exc.message, accept=accept,
                                      code=DbUnavailable.code, headers={"retry-after": "2"})
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
