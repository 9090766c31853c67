"""Per-request DataLoaders: every nested field is fetched for all parents in one query."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from peernet.graph import cohorts, departments, find_peers, managers, problems
from peernet.graph.driver import Database
from peernet.graph.visibility import Viewer

V = TypeVar("V")


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


__all__ = ["Loaders"]
