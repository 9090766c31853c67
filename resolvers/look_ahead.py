"""Look ahead at a query's selection and fetch what it asks about managers in one read.

Resolved level by level, ``manager(id) { department cohorts { cohort } contacts { manager } }``
costs three rounds of reads; each read is a transaction whose Python overhead is most of its
cost. The root resolvers (``manager``, ``me``, ``managers``) instead read the manager together
with the nested data the selection names (``graph.manager_bundles``) and prime the request's
DataLoaders with it. Nested resolvers are unchanged: they ask their loader, and find the value
already there. Anything the look-ahead does not cover still loads through the loaders, so a
selection it does not understand costs reads, never a wrong answer.

``Context.look_ahead = False`` turns it off (tests compare both paths).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from peernet.errors import PeernetError
from peernet.graph.manager_bundles import Bundle, Extras

from . import suggestions
from .context import Info
from .loaders import Loaders


def _fields(selections: Iterable[Any]) -> Iterator[SelectedField]:
    """The fields selected at this level, through fragments."""
    for s in selections:
        if isinstance(s, SelectedField):
            yield s
        elif isinstance(s, (InlineFragment, FragmentSpread)):
            yield from _fields(s.selections)


def below(info: Info) -> list[Any]:
    """The selections under the field being resolved (all its nodes, merged)."""
    return [s for f in info.selected_fields for s in f.selections]


def named(selections: Iterable[Any], name: str) -> list[SelectedField]:
    return [f for f in _fields(selections) if f.name == name]


def asked(selections: Iterable[Any], *paths: tuple[str, str]) -> bool:
    """Whether any ``(field, subfield)`` path is selected, e.g. ``("brokers", "manager")``."""
    selections = list(selections)
    return any(named(f.selections, sub) for name, sub in paths for f in named(selections, name))


def _suggestion_limit(info: Info, manager_id: str, fields: list[SelectedField]) -> int | None:
    """How many suggestions to read ahead: the most any of the fields would read, by the
    resolver's own rule (``suggestions.checked_limit``), or None when one of them would be
    refused, which its resolver then reports."""
    try:
        return max(suggestions.checked_limit(
            info, manager_id, int(f.arguments.get("first", suggestions.DEFAULT_FIRST)))
            for f in fields)
    except (PeernetError, TypeError, ValueError):
        return None


def manager_extras(info: Info, selections: Iterable[Any], *, manager_id: str | None) -> Extras:
    """What to fetch with the managers whose fields are ``selections``. ``manager_id`` is set
    for a single manager, whose suggestions may then be fetched too."""
    selections = list(selections)
    contacts = named(selections, "contacts")
    suggested = named(selections, "suggestedContacts")
    return Extras(
        department=bool(named(selections, "department")),
        memberships=bool(named(selections, "cohorts")),
        contacts=bool(contacts),
        contact_managers=any(named(c.selections, "manager") for c in contacts),
        suggestions=(
            _suggestion_limit(info, manager_id, suggested)
            if manager_id is not None and suggested else None
        ),
    )


def enabled(info: Info) -> bool:
    return info.context.look_ahead


def prime(loaders: Loaders, bundles: Iterable[Bundle], extras: Extras) -> None:
    """Put what the bundles hold where the nested resolvers' loaders will look for it."""
    for b in bundles:
        m = b.manager
        loaders.manager.prime(m.id, m)
        if b.department is not None:
            loaders.department.prime(b.department.id, b.department)
        if b.memberships is not None:
            loaders.memberships_of_manager.prime(m.id, b.memberships)
            for c in b.cohorts or ():
                loaders.cohort.prime(c.id, c)
        if b.contacts is not None:
            loaders.contacts_of_manager.prime(m.id, b.contacts)
        for other in b.others or ():
            loaders.manager.prime(other.id, other)
        if b.suggested is not None and extras.suggestions is not None:
            loaders.suggested[m.id] = (extras.suggestions, b.suggested)
            for other in b.suggested_managers or ():
                loaders.manager.prime(other.id, other)


def prime_found(loader: DataLoader[str, Any], ids: Iterable[str], found: Mapping[str, Any]) -> None:
    """Prime ``loader`` with what one read found for ``ids``. An id the graph no longer holds
    is primed as None, which is what the loader would return for it."""
    loader.prime_many({i: found.get(i) for i in ids})


__all__ = ["asked", "below", "enabled", "manager_extras", "named", "prime", "prime_found"]
