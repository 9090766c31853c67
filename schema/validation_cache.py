"""Validate each query text once per schema, not once per request.

The result of validation depends only on the document, the schema and the schema's fixed
rules (including the depth and alias limits), and for the small queries clients repeat it cost
more than executing them: ~3-18 ms per request against a few ms of resolving (BENCHMARKS.md).
strawberry's own ``ValidationCache`` keys on the rule classes, which ``QueryDepthLimiter``
creates anew for every request, so it never hits here.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode, validate
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext


class ValidationResults:
    """A bounded LRU of query text → validation errors, one per schema."""

    def __init__(self, maxsize: int = 512) -> None:
        self.maxsize = maxsize
        self._results: OrderedDict[str, list[GraphQLError]] = OrderedDict()

    def get(self, query: str) -> list[GraphQLError] | None:
        found = self._results.get(query)
        if found is not None:
            self._results.move_to_end(query)
        return found

    def put(self, query: str, errors: list[GraphQLError]) -> None:
        self._results[query] = errors
        if len(self._results) > self.maxsize:
            self._results.popitem(last=False)


class CachedValidation(SchemaExtension):
    def __init__(self, results: ValidationResults) -> None:
        super().__init__()
        self.results = results

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is not None and context.pre_execution_errors is None:
            errors = self.results.get(context.query)
            if errors is None:
                errors = validate(context.schema._schema, context.graphql_document,
                                  context.validation_rules)
                self.results.put(context.query, errors)
            # Set before strawberry's own validation, which then sees it done and skips.
            context.pre_execution_errors = list(errors) or _unchosen_operation(context)
        yield


def _unchosen_operation(context: ExecutionContext) -> list[GraphQLError]:
    """GraphQL's GetOperation: several operations and no operationName is an error. strawberry
    would run the first one instead. Not cached: it depends on the request, not the text."""
    if getattr(context, "_provided_operation_name", None) is not None:
        return []
    operations = [d for d in context.graphql_document.definitions  # type: ignore[union-attr]
                  if isinstance(d, OperationDefinitionNode)]
    if len(operations) < 2:
        return []
    return [GraphQLError("Must provide operation name if query contains multiple operations.",
                         extensions={"code": "OPERATION_RESOLUTION_FAILURE"})]


__all__ = ["CachedValidation", "ValidationResults"]
