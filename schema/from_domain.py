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
from typing import Any, ClassVar, Self, TypeVar

import strawberry

_NONE = type(None)

T = TypeVar("T", bound="FromDomain")

# How one generated field is filled: its GraphQL name, the record's field, the conversion.
_Converter = tuple[str, str, Callable[[Any], Any]]


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
        # list[graphql], spelt so that mypy reads it as a value (graphql is only known here).
        return types.GenericAlias(list, (graphql,)), lambda v: [convert(x) for x in v]
    return hint, _same


class FromDomain:
    """The base of a generated type: ``of`` builds a value from a record of its source."""

    _converters: ClassVar[tuple[_Converter, ...]] = ()

    @classmethod
    def fields_of(cls, record: Any) -> dict[str, Any]:
        """The generated fields' values for ``record`` (an instance of the source dataclass)."""
        return {graphql_name: convert(getattr(record, name))
                for graphql_name, name, convert in cls._converters}

    @classmethod
    def of(cls, record: Any, **values: Any) -> Self:
        """A value from ``record``, with ``values`` for the fields declared ``before`` it."""
        return cls(**values, **cls.fields_of(record))


def domain_type(
    source: type, *, description: str | None = None, before: Mapping[str, Any] | None = None,
    renamed: Mapping[str, str] | None = None, described: Mapping[str, str] | None = None,
    nested: Mapping[type, Any] | None = None,
) -> Callable[[type[T]], type[T]]:
    """A class decorator: the strawberry type named as the class, with ``before``'s fields
    (name → type, given to ``of`` as keywords), then one field per field of ``source``, then
    the class's own members (resolver fields, private fields). The class derives from
    ``FromDomain``; its string annotations refer to the names of the module it is declared in.
    Members its resolvers read from the generated fields are declared for mypy under
    ``TYPE_CHECKING``, where they do not become fields a second time."""
    renamed, described, nested = renamed or {}, described or {}, nested or {}
    hints = typing.get_type_hints(source)
    annotations: dict[str, Any] = dict(before or {})
    generated: dict[str, Any] = {}
    converters: list[_Converter] = []
    for field in dataclasses.fields(source):
        graphql_name = renamed.get(field.name, field.name)
        graphql, convert = _graphql(hints[field.name], nested)
        annotations[graphql_name] = graphql
        if field.name in described:
            generated[graphql_name] = strawberry.field(description=described[field.name])
        converters.append((graphql_name, field.name, convert))

    def build(cls: type[T]) -> type[T]:
        namespace = dict(generated)
        own_annotations = dict(annotations)
        for key, value in vars(cls).items():
            if key == "__annotations__":
                own_annotations.update(value)
            elif not key.startswith("__"):
                namespace[key] = value
        namespace.update(
            __annotations__=own_annotations, _converters=tuple(converters),
            __module__=cls.__module__, __qualname__=cls.__qualname__, __doc__=None,
        )
        built = type(cls.__name__, cls.__bases__, namespace)
        return strawberry.type(built, description=description)

    return build


__all__ = ["FromDomain", "domain_type"]
