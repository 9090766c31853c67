"""GraphQL object types generated from the domain's frozen dataclasses, so a result's fields
are declared once, in ``domain``: each dataclass field becomes a GraphQL field of the same
name (or the one ``renamed`` gives), in the same order; tuples become lists, ``Hashable`` ids
become ``ID``, nested dataclasses the types ``nested`` maps them to. ``Type.of(record)``
builds a value from the record."""

from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import strawberry

_NONE = type(None)


def _same(value: Any) -> Any:
    return value


def _graphql(hint: Any, nested: Mapping[type, Any]) -> tuple[Any, Callable[[Any], Any]]:
    """The GraphQL type of a field annotated ``hint``, and how to convert its values."""
    if hint in (typing.Hashable, collections.abc.Hashable):
        return strawberry.ID, lambda v: strawberry.ID(str(v))
    if hint in nested:
        return nested[hint], nested[hint].of
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and _NONE in args:
        [inner] = [a for a in args if a is not _NONE]
        graphql, convert = _graphql(inner, nested)
        # typing.Optional, not `|`: graphql may be a typing form (collections.abc.Hashable).
        return typing.Optional[graphql], lambda v: None if v is None else convert(v)  # noqa: UP045
    if origin in (tuple, list):
        graphql, convert = _graphql(args[0], nested)
        return list[graphql], lambda v: [convert(x) for x in v]
    return hint, _same


def domain_type(
    source: type, *, module: str, name: str | None = None, description: str | None = None,
    before: Mapping[str, Any] | None = None, renamed: Mapping[str, str] | None = None,
    described: Mapping[str, str] | None = None, nested: Mapping[type, Any] | None = None,
    extra: type | None = None,
) -> Any:
    """A strawberry type named ``name`` (default: the dataclass's) with ``before``'s fields
    (name → type, given to ``of`` as keywords), then one field per field of ``source``, then
    ``extra``'s members (resolver fields, private fields). ``module`` is where the type is
    declared, whose names its string annotations refer to."""
    renamed, described, nested = renamed or {}, described or {}, nested or {}
    hints = typing.get_type_hints(source)
    annotations: dict[str, Any] = dict(before or {})
    namespace: dict[str, Any] = {}
    converters: list[tuple[str, str, Callable[[Any], Any]]] = []
    for field in dataclasses.fields(source):
        graphql_name = renamed.get(field.name, field.name)
        graphql, convert = _graphql(hints[field.name], nested)
        annotations[graphql_name] = graphql
        if field.name in described:
            namespace[graphql_name] = strawberry.field(description=described[field.name])
        converters.append((graphql_name, field.name, convert))

    def fields_of(cls: type, record: Any) -> dict[str, Any]:
        """The generated fields' values for ``record`` (an instance of ``source``)."""
        return {graphql_name: convert(getattr(record, name))
                for graphql_name, name, convert in converters}

    def of(cls: type, record: Any, **values: Any) -> Any:
        return cls(**values, **cls.fields_of(record))

    for key, value in vars(extra or object).items():
        if key == "__annotations__":
            annotations.update(value)
        elif not key.startswith("__"):
            namespace[key] = value
    namespace.update(
        __annotations__=annotations, fields_of=classmethod(fields_of), of=classmethod(of),
        __module__=module, __doc__=None,
    )
    return strawberry.type(type(name or source.__name__, (), namespace), description=description)


__all__ = ["domain_type"]
