"""Validate each query text once per schema, not once per request.

The result of validation depends only on the document, the schema and the schema's fixed
rules (including the depth and alias limits), and for the small queries clients repeat it cost
more than executing them: ~3-18 ms per request against a few ms of resolving (BENCHMARKS.md).
strawberry's own ``ValidationCache`` keys on the rule classes, which ``QueryDepthLimiter``
creates anew for every request, so it never hits here.

The results are bounded by bytes: an entry is charged its text and, when it has errors, the
whole parsed document too (an error keeps its nodes, and they keep every token alive).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, validate
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from .parse_cache import BYTES_PER_TOKEN, ByteBudgetLRU, document_bytes, text_bytes

DEFAULT_BUDGET_BYTES = 16 * 2**20


class ValidationResults(ByteBudgetLRU[list[GraphQLError]]):
    """Query text → validation errors, one per schema, within a byte budget."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        super().__init__(budget_bytes)

    def remember(self, query: str, document: DocumentNode, errors: list[GraphQLError]) -> None:
        size = text_bytes(query) + sys.getsizeof(errors)
        if errors:
            size += document_bytes(document, query) + sum(
                BYTES_PER_TOKEN + 2 * text_bytes(e.message) for e in errors)
        self.put(query, errors, size)


class CachedValidation(SchemaExtension):
    def __init__(self, results: ValidationResults) -> None:
        super().__init__()
        self.results = results

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if (
            context.query
            and context.graphql_document is not None
            and context.pre_execution_errors is None
        ):
            errors = self.results.get(context.query)
            if errors is None:
                errors = validate(context.schema._schema, context.graphql_document,
                                  context.validation_rules)
                self.results.remember(context.query, context.graphql_document, errors)
            # Set before strawberry's own validation, which then sees it done and skips.
            context.pre_execution_errors = list(errors) or _unchosen_operation(
                context, context.graphql_document
            )
        yield


def _unchosen_operation(
    context: ExecutionContext, document: DocumentNode
) -> list[GraphQLError]:
    """GraphQL's GetOperation: several operations and no operationName is an error. strawberry
    would run the first one instead. Not cached: it depends on the request, not the text."""
    if getattr(context, "_provided_operation_name", None) is not None:
        return []
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) < 2:
        return []
    return [GraphQLError("Must provide operation name if query contains multiple operations.",
                         extensions={"code": "OPERATION_RESOLUTION_FAILURE"})]


__all__ = ["CachedValidation", "ValidationResults"]
