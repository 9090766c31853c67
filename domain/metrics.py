"""Result types of the network-metrics job.

Frozen dataclasses with snake_case fields for Python callers (and for strawberry, which
camel-cases them itself) and a ``to_dict()`` that gives the camelCase JSON the rest of the
project stores and serves. Ratios that are undefined (a department without ties has no E-I
index) are ``None`` rather than ``nan``, because ``nan`` is not valid JSON.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, cast


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def to_jsonable(value: Any) -> Any:
    """Convert a result dataclass (recursively) into JSON-ready dicts, lists and scalars.

    Field names become camelCase (``cross_department_share`` → ``crossDepartmentShare``);
    tuples become lists.

    Examples
    --------
    >>> to_jsonable(Broker("m1", "d1", 0.5, 0.25, 3))["betweenness"]
    0.5
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {_camel(f.name): to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_jsonable(item) for item in value]
    return value


class _Serialisable:
    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-serialisable form with camelCase keys."""
        return cast("dict[str, Any]", to_jsonable(self))


@dataclass(frozen=True)
class OrganisationMetrics(_Serialisable):
    """Whole-network figures; see ``docs/metrics.md`` for each definition and its source."""

    managers: int
    contacts: int
    cross_department_share: float | None
    ei_index: float | None
    modularity: float | None
    average_clustering: float
    triangles: int
    components: int
    largest_component: int
    diameter: int | None
    isolates: int
    fewer_than_3_departments: float | None
    # False when the diameter search ran out of its budget: ``diameter`` is then a lower
    # bound (a shortest path that long exists) and ``diameter_upper`` the bound above it.
    diameter_exact: bool = True
    diameter_upper: int | None = None


@dataclass(frozen=True)
class DepartmentMetrics(_Serialisable):
    """One department's managers, its internal and external ties and its E-I index."""

    id: Hashable
    managers: int
    internal_ties: int
    external_ties: int
    ei_index: float | None
    departments_reached: int


@dataclass(frozen=True)
class DepartmentMatrix(_Serialisable):
    """Department × department tie counts and densities, rows and columns in ``departments`` order.

    ``ties[i][i]`` counts ties inside department *i*; ``density`` is ``None`` where the
    denominator is zero (a one-manager department has no possible internal tie).
    """

    departments: tuple[Hashable, ...]
    ties: tuple[tuple[int, ...], ...]
    density: tuple[tuple[float | None, ...], ...]


@dataclass(frozen=True)
class Broker(_Serialisable):
    """A manager with high betweenness, with Burt's constraint (low constraint = broker)."""

    id: Hashable
    department: Hashable
    betweenness: float
    constraint: float | None
    degree: int


@dataclass(frozen=True)
class BetweennessMethod(_Serialisable):
    """How the brokers' betweenness was computed: ``exact`` (from all ``sources`` managers)
    or estimated from a random sample of ``sources`` of them (``docs/metrics.md``)."""

    exact: bool
    sources: int


@dataclass(frozen=True)
class NetworkMetrics(_Serialisable):
    """Everything :func:`peernet.jobs.network_metrics.compute.compute_network_metrics` returns."""

    organisation: OrganisationMetrics
    departments: tuple[DepartmentMetrics, ...]
    matrix: DepartmentMatrix
    brokers: tuple[Broker, ...]
    betweenness: BetweennessMethod


@dataclass(frozen=True)
class CohortSnapshot(_Serialisable):
    """A cohort's members' ties at one moment (ties between two members are counted once)."""

    members_present: int
    cross_department_ties: int
    internal_ties: int
    departments_reached: int
    mean_departments_reached: float | None
    ei_index: float | None


@dataclass(frozen=True)
class CohortComparison(_Serialisable):
    """A cohort's members before and after their programme."""

    members: int
    before: CohortSnapshot
    after: CohortSnapshot
    cross_department_ties_gained: int
    departments_reached_gained: int


__all__ = [
    "BetweennessMethod",
    "Broker",
    "CohortComparison",
    "CohortSnapshot",
    "DepartmentMatrix",
    "DepartmentMetrics",
    "NetworkMetrics",
    "OrganisationMetrics",
    "to_jsonable",
]
