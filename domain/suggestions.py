"""A contact suggestion as the ``suggest-contacts`` job left it for one manager (frozen)."""

from __future__ import annotations

from dataclasses import dataclass

from . import records


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone in another department worth knowing: who, how strongly, and why."""

    manager_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SuggestedContact:
    """A suggestion with the manager it names, as the API shows it."""

    manager: records.Manager
    score: float
    reasons: tuple[str, ...]


__all__ = ["SuggestedContact", "Suggestion"]
