"""Parse each query text once per process, not once per request.

Clients repeat a few query texts, and parsing one is a fixed cost of every request. The parse
options (the token limit set by ``MaxTokensLimiter``) are part of the cache key. A text that
does not parse is not cached here: the document is left unset, so strawberry's own parse runs
next and reports the error as it always does. strawberry's ``ParserCache`` would raise it from
inside its hook instead, where strawberry does not turn it into a request error.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension

_parse = lru_cache(maxsize=512)(parse)


class CachedParse(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            try:
                context.graphql_document = _parse(context.query, **context.parse_options)
            except GraphQLError:
                pass
        yield


__all__ = ["CachedParse"]
