"""Give user-facing errors their codes and mask everything else.

A ``PeernetError`` keeps its message and gets ``extensions.code`` (and ``field``); GraphQL's
own syntax and validation errors keep their message and get the codes Apollo gives them
(GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED); variables that cannot be coerced get
BAD_USER_INPUT; any other exception becomes a bare "Internal server error" with code
INTERNAL_SERVER_ERROR, logged here with its stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from peernet.errors import PeernetError

log = logging.getLogger("peernet.graphql")


def _user_error(error: GraphQLError) -> PeernetError | None:
    cause: BaseException | None = error.original_error
    for _ in range(5):  # resolvers may wrap; a short chain is all we follow
        if cause is None or isinstance(cause, PeernetError):
            return cause
        cause = getattr(cause, "original_error", None) or cause.__cause__
    return None


def _give_code(errors: list[GraphQLError] | None, code: str) -> None:
    for error in errors or []:
        if not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": code}


class ErrorCodes(SchemaExtension):
    # Errors raised while parsing and while validating are told apart where they happen:
    # afterwards, a validation error and a variable coercion error look alike.
    def on_parse(self) -> Iterator[None]:
        yield
        _give_code(self.execution_context.pre_execution_errors, "GRAPHQL_PARSE_FAILED")

    def on_validate(self) -> Iterator[None]:
        yield
        _give_code(self.execution_context.pre_execution_errors, "GRAPHQL_VALIDATION_FAILED")

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if not result or not result.errors:
            return
        cleaned: list[GraphQLError] = []
        for error in result.errors:
            user = _user_error(error)
            if user is not None:
                error.message = user.message
                error.extensions = user.extensions
                cleaned.append(error)
            elif error.original_error is None:
                # A syntax or validation error has its code by now; one without a code and
                # without a path is a variable that could not be coerced (null for an ID!).
                if error.path is None:
                    _give_code([error], "BAD_USER_INPUT")
                cleaned.append(error)
            elif error.path is None:
                # A variable that could not be coerced (a missing input, "2020-02-30" as a
                # Date): raised before any resolver ran, so it is about the request itself.
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
                cleaned.append(error)
            else:
                log.error("unhandled error in resolver", exc_info=error.original_error)
                cleaned.append(GraphQLError(
                    "Internal server error", nodes=error.nodes, path=error.path,
                    extensions={"code": "INTERNAL_SERVER_ERROR"},
                ))
        result.errors = cleaned


__all__ = ["ErrorCodes"]
