"""One page of a list read by id order (keyset paging), before it becomes a GraphQL
connection: the rows, the page size asked for, and how to count the whole list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """``rows`` holds up to ``first + 1`` items; the extra one only says there is more.
    ``count`` is called only when a client asks for the total."""

    rows: list[T]
    first: int
    after: str | None
    count: Callable[[], Awaitable[int]]


__all__ = ["Page"]
