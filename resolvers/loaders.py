"""Per-request DataLoaders: every nested field is fetched for all parents in one query.

``load`` is how resolvers read them: when the value is already in the loader's cache (primed
by ``look_ahead``, or loaded for another parent) it is returned at once, else an awaitable;
``then`` builds a field's value from either, so a field whose value is cached resolves
synchronously (graphql-core pays several times more per field for an awaitable).
"""

from __future__ import annotations

import enum
from asyncio import Future
from collections.abc import Awaitable, Callable
from types import CoroutineType
from typing import Any, Final, TypeAlias, TypeVar, cast

from strawberry.dataloader import DataLoader

from peernet.domain.suggestions import Suggestion
from peernet.domain.viewer import Viewer
from peernet.graph import cohorts, departments, find_peers, managers, problems
from peernet.graph.driver import Database

V = TypeVar("V")
R = TypeVar("R")

# A value now, or once it is loaded.
Maybe: TypeAlias = V | Awaitable[V]



class _Missing(enum.Enum):
    """No value ready yet: one member, so that ``is _MISSING`` narrows a value's type."""

    MISSING = enum.auto()


_MISSING: Final = _Missing.MISSING
# What ``load`` and ``then`` hand back while a value is still loading: a loader's future, or
# the coroutine of a ``then`` over one. Checked by type, which costs less than isawaitable.
_PENDING = (Future, CoroutineType)


def cached(loader: DataLoader[Any, V], key: Any) -> V | _Missing:
    """The loader's value for ``key`` if it has one ready, else ``_MISSING``."""
    future = loader.cache_map.get(key)
    if future is None or not future.done() or future.cancelled() or future.exception() is not None:
        return _MISSING
    return future.result()


async def _then(pending: Awaitable[V], build: Callable[[V], R]) -> R:
    return build(await pending)


def load(loader: DataLoader[Any, V], key: Any) -> Maybe[V]:
    """The loader's value for ``key``: now if it is cached, else an awaitable."""
    found = cached(loader, key)
    return loader.load(key) if found is _MISSING else found


def load_many(loader: DataLoader[Any, V], keys: list[Any]) -> Maybe[list[V]]:
    """As ``load``, for several keys, in order."""
    found: list[V] = []
    for key in keys:
        value = cached(loader, key)
        if value is _MISSING:
            return loader.load_many(keys)
        found.append(value)
    return found


def then(found: Maybe[V], build: Callable[[V], R]) -> Maybe[R]:
    """``build`` applied to ``found``: now if it is a value, else once it is loaded (an
    awaitable, which graphql-core awaits)."""
    if isinstance(found, _PENDING):
        return _then(found, build)
    # Every awaitable a loader or ``then`` hands back is one of ``_PENDING``'s types, so what
    # is left is the value itself (a type check mypy cannot follow to that conclusion).
    return build(cast("V", found))


def _one(fetch: Callable[[list[str]], Awaitable[dict[str, V]]]) -> DataLoader[str, V | None]:
    async def load(keys: list[str]) -> list[V | None]:
        found = await fetch(list(keys))
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def _many(fetch: Callable[[list[str]], Awaitable[dict[str, list[V]]]]) -> DataLoader[str, list[V]]:
    async def load(keys: list[str]) -> list[list[V]]:
        found = await fetch(list(keys))
        return [found.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self, db: Database, viewer: Viewer) -> None:
        def with_viewer(fn: Callable[..., Awaitable[Any]]) -> Callable[[list[str]], Awaitable[Any]]:
            return lambda ids: fn(db, ids, viewer)

        def plain(fn: Callable[..., Awaitable[Any]]) -> Callable[[list[str]], Awaitable[Any]]:
            return lambda ids: fn(db, ids)

        self.department = _one(plain(departments.by_ids))
        self.manager = _one(plain(managers.by_ids))
        self.cohort = _one(plain(cohorts.by_ids))
        self.session = _one(plain(cohorts.sessions_by_ids))
        self.problem = _one(with_viewer(problems.by_ids))
        self.managers_of_department = _many(plain(managers.by_departments))
        self.contacts_of_manager = _many(plain(managers.contacts_of))
        self.memberships_of_manager = _many(plain(cohorts.memberships_of_managers))
        self.memberships_of_cohort = _many(plain(cohorts.memberships_of_cohorts))
        self.sessions_of_cohort = _many(plain(cohorts.sessions_of_cohorts))
        self.raised_by_manager = _many(with_viewer(problems.raised_by))
        self.handled_by_manager = _many(with_viewer(problems.handled_by))
        self.handlers_of_problem = _many(with_viewer(problems.handlers_of))
        self.session_ids_of_problem = _many(plain(problems.session_ids_of))
        self.similar_problems = _many(with_viewer(find_peers.similar_problems))
        # Open suggestions read ahead with a manager (``look_ahead``): id → (limit, rows).
        self.suggested: dict[str, tuple[int, list[Suggestion]]] = {}


__all__ = ["Loaders", "Maybe", "cached", "load", "load_many", "then"]
