"""User-facing errors, each with the machine-readable code GraphQL clients branch on.

Anything raised that is not one of these is an internal error: the API masks it so no stack
trace or internal message reaches a client.
"""

from __future__ import annotations


class PeernetError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def extensions(self) -> dict[str, str]:
        ext = {"code": self.code}
        if self.field:
            ext["field"] = self.field
        return ext


class NotFound(PeernetError):
    code = "NOT_FOUND"


class BadUserInput(PeernetError):
    code = "BAD_USER_INPUT"


class Conflict(PeernetError):
    code = "CONFLICT"


class Forbidden(PeernetError):
    code = "FORBIDDEN"


class Unauthenticated(PeernetError):
    code = "UNAUTHENTICATED"


class DbUnavailable(PeernetError):
    code = "DB_UNAVAILABLE"


__all__ = [
    "BadUserInput", "Conflict", "DbUnavailable", "Forbidden", "NotFound", "PeernetError",
    "Unauthenticated",
]
