"""Parse each query text once per schema, not once per request, within a memory budget.

Clients repeat a few query texts, and parsing one is a fixed cost of every request. The parse
options (the token limit set by ``MaxTokensLimiter``) are part of the cache key. A text that
does not parse is not cached here: the document is left unset, so strawberry's own parse runs
next and reports the error as it always does. strawberry's ``ParserCache`` would raise it from
inside its hook instead, where strawberry does not turn it into a request error.

The cache is bounded by bytes, not entries: 512 entries of a comment-padded text near the
body limit held ~0.5 GB per worker. A text longer than ``max_query_bytes`` (UTF-8) is refused
before it is parsed: the token limit does not see whitespace, and one comment or string of
any length is a single token.
"""

from __future__ import annotations

import contextlib
import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension

from peernet.config import Settings

V = TypeVar("V")

# Measured with tracemalloc on graphql-core 3.3: a parsed document holds ~600 bytes of tokens
# and nodes per token, plus a copy of each comment's and string's text (at most the whole text
# again). These constants round up, so the estimate stays above what is really held.
BYTES_PER_TOKEN = 700
BYTES_PER_ENTRY = 200  # the LRU's own link and the key tuple


class ByteBudgetLRU(Generic[V]):
    """A least-recently-used map whose entries are charged their size in bytes; the oldest go
    until the total is within ``budget_bytes``. An entry larger than the budget is not kept."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self.total_bytes = 0
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        size += BYTES_PER_ENTRY
        old = self._entries.pop(key, None)
        if old is not None:
            self.total_bytes -= old[1]
        if size > self.budget_bytes:
            return
        self._entries[key] = (value, size)
        self.total_bytes += size
        while self.total_bytes > self.budget_bytes:
            _, (_, evicted) = self._entries.popitem(last=False)
            self.total_bytes -= evicted


def text_bytes(text: str) -> int:
    return sys.getsizeof(text)


def document_bytes(document: DocumentNode, text: str) -> int:
    """What a parsed document holds, estimated from its tokens (comments included)."""
    tokens = 0
    token = document.loc.start_token if document.loc else None
    while token is not None:
        tokens += 1
        token = token.next
    return BYTES_PER_TOKEN * (tokens or len(text)) + text_bytes(text)


def utf8_length_over(text: str, limit: int) -> int | None:
    """The text's length in UTF-8 bytes when it is over ``limit``, else None."""
    if len(text) * 4 <= limit:  # no character takes more than 4 bytes
        return None
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    return size if size > limit else None


class ParsedDocuments(ByteBudgetLRU[DocumentNode]):
    def parse(self, text: str, **options: Any) -> DocumentNode:
        key = (text, *sorted(options.items()))
        document = self.get(key)
        if document is None:
            document = parse(text, **options)
            self.put(key, document, text_bytes(text) + document_bytes(document, text))
        return document


class CachedParse(SchemaExtension):
    def __init__(self, documents: ParsedDocuments, max_query_bytes: int) -> None:
        super().__init__()
        self.documents = documents
        self.max_query_bytes = max_query_bytes

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            size = utf8_length_over(context.query, self.max_query_bytes)
            if size is not None:
                # Raised from the hook, strawberry answers it as a request error (no data).
                raise GraphQLError(
                    f"The query is {size} bytes long; at most {self.max_query_bytes} are accepted.",
                    extensions={"code": "QUERY_TOO_LARGE", "size": size,
                                "limit": self.max_query_bytes},
                )
            # Left unset, the document is parsed again by strawberry, which reports the error.
            with contextlib.suppress(GraphQLError):
                context.graphql_document = self.documents.parse(
                    context.query, **context.parse_options
                )
        yield


def cached_parse(settings: Settings) -> Callable[[], CachedParse]:
    """The extension factory for one schema: its own cache, its settings' budget and limit."""
    documents = ParsedDocuments(settings.parse_cache_bytes)
    return lambda: CachedParse(documents, settings.max_query_bytes)


__all__ = [
    "ByteBudgetLRU", "CachedParse", "ParsedDocuments", "cached_parse", "document_bytes",
    "text_bytes",
]
