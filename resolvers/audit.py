"""Recording what the audit log must hold, at the API boundary.

* Confidential text: a field that is about to return a confidential problem's title,
  description or handling note calls ``reveal``; the text is returned only after its audit
  entry is written (one write per request tick for all such fields, through a DataLoader),
  and if that write fails the field fails with DB_UNAVAILABLE instead of leaking unrecorded.
* Admin actions: every mutation made with an admin token is recorded after it succeeds, by
  ``audit_admin_mutations``, which wraps the root mutation fields' resolvers (a schema
  extension's ``resolve`` would run for every field of every query, ~4,000 for a page of
  managers). Mutations that write their own entry inside their transaction are listed in
  ``SELF_AUDITED``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable
from inspect import isawaitable
from typing import Any, Protocol, TypeVar

from graphql import GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema
from strawberry.dataloader import DataLoader

from peernet.domain.viewer import Viewer
from peernet.graph import audit
from peernet.graph.driver import Database

from .loaders import Maybe

T = TypeVar("T")

SELF_AUDITED = frozenset({"eraseManager"})
_VERB = re.compile(r"^(create|update|delete|add|remove|record|raise|run|erase)")
_WORD = re.compile(r"(?<!^)(?=[A-Z])")


class AuditTrail:
    """The per-request recorder (created with the request's ``Context``)."""

    def __init__(self, db: Database, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer
        self._reads: DataLoader[tuple[str, str, str], None] = DataLoader(load_fn=self._write_reads)

    async def _write_reads(self, keys: list[tuple[str, str, str]]) -> list[None]:
        await audit.append(self.db, audit.new_entries(self.viewer.manager_id, keys))
        return [None] * len(keys)

    def read(self, action: str, label: str, target_id: str) -> Awaitable[None]:
        """Record a read of confidential text (once per request and target)."""
        return self._reads.load((action, label, target_id))

    async def record(self, action: str, label: str | None, target_id: str | None) -> None:
        await audit.append(
            self.db, audit.new_entries(self.viewer.manager_id, [(action, label, target_id)])
        )


async def _after(pending: Awaitable[None], value: T) -> T:
    await pending
    return value


def reveal(
    info: Any, value: T, *, confidential: bool, action: str, problem_id: str
) -> Maybe[T]:
    """``value`` as it is when there is nothing to record, else once it is recorded."""
    if value is None or not confidential:
        return value
    return _after(info.context.audit.read(action, "Problem", problem_id), value)


def action_name(field_name: str) -> str:
    """``createManager`` → ``CREATE_MANAGER``."""
    return _WORD.sub("_", field_name).upper()


def _target(field_name: str, value: Any, kwargs: dict[str, Any]) -> tuple[str | None, str | None]:
    if isinstance(value, str):  # deleteX returns the id it deleted
        return _VERB.sub("", field_name) or None, value
    found = getattr(value, "id", None)
    if found is not None:
        return type(value).__name__, str(found)
    # The arguments as GraphQL coerced them: inputs are dicts with the schema's names.
    given_input = kwargs.get("input")
    given: dict[str, Any] = given_input if isinstance(given_input, dict) else kwargs
    for key in ("id", "problemId", "otherId", "cohortId", "name"):
        if given.get(key) is not None:
            return type(value).__name__, str(given[key])
    return type(value).__name__, None


class _Audited(Protocol):
    """What the admin audit reads of the request's context (``context.Context``, which
    imports this module)."""

    @property
    def viewer(self) -> Viewer: ...

    @property
    def audit(self) -> AuditTrail: ...


class _AdminAction:
    """A root mutation's resolver, wrapped to record an admin's call once it succeeded (its
    class tells a field already wrapped)."""

    def __init__(self, resolve: GraphQLFieldResolver) -> None:
        self.resolve = resolve

    def __call__(self, root: Any, info: GraphQLResolveInfo[_Audited], **kwargs: Any) -> Any:
        viewer: Viewer = info.context.viewer
        if not viewer.is_admin or info.field_name in SELF_AUDITED:
            return self.resolve(root, info, **kwargs)
        return _recorded(self.resolve(root, info, **kwargs), info, kwargs)


async def _recorded(
    result: Any, info: GraphQLResolveInfo[_Audited], kwargs: dict[str, Any]
) -> Any:
    value = await result if isawaitable(result) else result
    label, target_id = _target(info.field_name, value, kwargs)
    await info.context.audit.record(action_name(info.field_name), label, target_id)
    return value


def audit_admin_mutations(schema: GraphQLSchema) -> None:
    """Record every root mutation an admin makes, once it has succeeded. ``kwargs`` are the
    arguments as GraphQL coerced them, as a resolver receives them."""
    if schema.mutation_type is None:
        return
    for field in schema.mutation_type.fields.values():
        if field.resolve is not None and not isinstance(field.resolve, _AdminAction):
            field.resolve = _AdminAction(field.resolve)


__all__ = ["SELF_AUDITED", "AuditTrail", "action_name", "audit_admin_mutations", "reveal"]
