"""Cursor connections (``edges``, ``node``, ``pageInfo``, ``totalCount``) as in Relay."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, Protocol, TypeVar

import strawberry

from peernet.domain.pages import Page
from peernet.graph.paging import encode_cursor

T = TypeVar("T")


class _Identified(Protocol):
    """A node with an id, which its cursor encodes."""

    @property
    def id(self) -> str: ...


N = TypeVar("N", bound=_Identified)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match the filters, over all pages.")
    async def total_count(self) -> int:
        # Counted only when asked for: most page requests do not need it.
        return await self._count()

    @classmethod
    def of(cls, page: Page[Any], build: Callable[[Any], N]) -> Connection[N]:
        """The connection of a page of records, each node built with ``build``."""
        return connection([build(r) for r in page.rows], first=page.first,
                          after=page.after, count=page.count)


def connection(
    nodes: list[N], *, first: int, after: str | None, count: Callable[[], Awaitable[int]]
) -> Connection[N]:
    """``nodes`` holds up to ``first + 1`` items; the extra one only says there is more."""
    page = nodes[:first]
    edges = [Edge(cursor=encode_cursor(n.id), node=n) for n in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(nodes) > first,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


__all__ = ["Connection", "Edge", "PageInfo", "connection"]
