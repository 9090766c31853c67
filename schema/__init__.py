"""The GraphQL schema: the core types plus each feature's own Query and Mutation parts."""

from __future__ import annotations

from collections.abc import Callable

from strawberry import Schema
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from peernet.config import Settings, get_settings
from peernet.observability import OperationMetrics
from peernet.resolvers.audit import audit_admin_mutations

from .errors import ErrorCodes
from .find_peers import FindPeersMutation, FindPeersQuery
from .gdpr import GdprMutation, GdprQuery
from .jobs import JobMutation, JobQuery
from .metrics import MetricsQuery
from .mutation import CoreMutation
from .parse_cache import cached_parse
from .query import CoreQuery
from .recurring import RecurringMutation, RecurringQuery
from .suggestions import SuggestionMutation
from .validation_cache import CachedValidation, ValidationResults

QUERY_PARTS: tuple[type, ...] = (
    CoreQuery, JobQuery, GdprQuery, FindPeersQuery, MetricsQuery, RecurringQuery,
)
MUTATION_PARTS: tuple[type, ...] = (
    CoreMutation, JobMutation, GdprMutation, SuggestionMutation, RecurringMutation,
    FindPeersMutation,
)

Query = merge_types("Query", QUERY_PARTS)
Mutation = merge_types("Mutation", MUTATION_PARTS)


def build_schema(settings: Settings | None = None) -> Schema:
    settings = settings or get_settings()
    # OperationMetrics comes first so it closes last and sees the errors' final codes.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        OperationMetrics,
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        cached_parse(settings),  # after MaxTokensLimiter, whose limit it parses with
        ErrorCodes,
    ]
    if settings.production:
        extensions.append(DisableIntrospection)
    validated = ValidationResults(settings.validation_cache_bytes)  # per schema: fixed rules
    extensions.append(lambda: CachedValidation(validated))
    schema = Schema(
        query=Query, mutation=Mutation, extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )
    audit_admin_mutations(schema._schema)
    return schema


__all__ = ["Mutation", "Query", "build_schema"]
