"""Content negotiation for GraphQL over HTTP.

The GraphQL-over-HTTP specification defines ``application/graphql-response+json``: with it,
a request that fails before execution (unparsable or invalid document, variables that cannot
be coerced) is answered with 400 and no ``data`` entry, so clients and proxies can tell a bad
request from a partial result. Legacy clients ask for ``application/json`` and keep getting
200 for well-formed requests. A missing ``Accept``, ``*/*`` or ``application/*`` gets
``application/json`` (what the specification's audit suite expects); the new type is chosen
only when a client names it at least as highly as ``application/json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.responses import Response

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts neither."""
    if accept is None or not accept.strip():
        return JSON
    ranges = _ranges(accept)
    explicit = {media: q for media, q in ranges}
    q_graphql = explicit.get(GRAPHQL_RESPONSE, 0.0)
    q_json = explicit.get(JSON, explicit.get("application/*", explicit.get("*/*", 0.0)))
    if q_graphql > 0 and q_graphql >= q_json:
        return GRAPHQL_RESPONSE
    if q_json > 0:
        return JSON
    return None


def is_request_error(response: object) -> bool:
    """True for a result with errors and no data whose errors have no path: the request
    failed before execution began (parse, validation, variable coercion)."""
    if not isinstance(response, dict) or response.get("data") is not None:
        return False
    errors = response.get("errors") or []
    return bool(errors) and all("path" not in e for e in errors)


# Apollo's names where it has one, so clients can branch on HTTP-level refusals the same way
# as on GraphQL errors.
HTTP_ERROR_CODES = {
    400: "BAD_REQUEST", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED", 406: "NOT_ACCEPTABLE", 413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def error_response(
    status: int, message: str, *, accept: str | None, code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An HTTP-level refusal as a GraphQL response body (``errors`` with ``extensions.code``,
    no ``data``), in the media type the client accepts; JSON when it accepts neither."""
    code = code or HTTP_ERROR_CODES.get(status, "BAD_REQUEST")
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    media = negotiate(accept) or JSON
    return Response(body, status_code=status,
                    headers={"content-type": f"{media}; charset=utf-8", **(headers or {})})


__all__ = [
    "GRAPHQL_RESPONSE", "HTTP_ERROR_CODES", "JSON", "error_response", "is_request_error",
    "negotiate",
]
