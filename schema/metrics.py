"""Connection metrics for admins: the latest snapshot, the trend, and a cohort's effect.

The figures' fields are generated from ``domain.metrics`` (``from_domain.domain_type``); a
stored snapshot (camelCase JSON, ``to_jsonable``) is read back into those records first."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry
from strawberry.utils.str_converters import to_camel_case

from peernet.domain import metrics
from peernet.resolvers import metrics as resolve
from peernet.resolvers import nested
from peernet.resolvers.context import Info
from peernet.resolvers.loaders import Maybe, then

from .from_domain import FromDomain, domain_type
from .types import Department, Manager, optional_department, optional_manager

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def _record(source: type[R], row: dict[str, Any]) -> R:
    """A domain record from its stored JSON; keys a snapshot lacks take the field's default."""
    return source(**{f.name: row[to_camel_case(f.name)] for f in dataclasses.fields(source)
                     if to_camel_case(f.name) in row})


@domain_type(
    metrics.DepartmentMetrics,
    described={"ei_index": "Krackhardt's E-I index of its ties.",
               "departments_reached": "Other departments its managers reach."},
)
class DepartmentMetrics(FromDomain):
    if TYPE_CHECKING:  # generated from the record, read here
        id: strawberry.ID

    @strawberry.field(graphql_type=Department | None)
    def department(self, info: Info) -> Maybe[Department | None]:
        return then(nested.department(info, self.id), optional_department)


@strawberry.type
class MatrixCell:
    from_department: strawberry.ID
    to_department: strawberry.ID
    ties: int
    density: float | None


@domain_type(
    metrics.DepartmentMatrix, renamed={"departments": "department_ids"},
    description="Department × department ties and densities, in `departments` order.",
)
class DepartmentMatrix(FromDomain):
    if TYPE_CHECKING:  # generated from the record, read here
        department_ids: list[strawberry.ID]
        ties: list[list[int]]
        density: list[list[float | None]]

    @strawberry.field(graphql_type=list[Department | None])
    def departments(self, info: Info) -> Maybe[list[Department | None]]:
        return then(nested.departments(info, list(self.department_ids)),
                    lambda found: [optional_department(d) for d in found])

    @strawberry.field(description="The same matrix as a list of cells.")
    def cells(self) -> list[MatrixCell]:
        ids = self.department_ids
        return [
            MatrixCell(from_department=ids[i], to_department=ids[j], ties=self.ties[i][j],
                       density=self.density[i][j])
            for i in range(len(ids)) for j in range(len(ids))
        ]


@domain_type(
    metrics.Broker, renamed={"id": "manager_id", "department": "department_id"},
    described={
        "betweenness": "Normalised betweenness centrality: exact, or on large networks "
                       "estimated from sampled sources "
                       "(see NetworkMetrics.betweennessSampledSources).",
        "constraint": "Burt's constraint (low = broker).",
    },
)
class Broker(FromDomain):
    if TYPE_CHECKING:  # generated from the record, read here
        manager_id: strawberry.ID
        department_id: strawberry.ID

    @strawberry.field(graphql_type=Manager | None)
    def manager(self, info: Info) -> Maybe[Manager | None]:
        return then(nested.manager(info, self.manager_id), optional_manager)

    @strawberry.field(graphql_type=Department | None)
    def department(self, info: Info) -> Maybe[Department | None]:
        return then(nested.department(info, self.department_id), optional_department)


@domain_type(
    metrics.OrganisationMetrics,
    description="One snapshot's organisation-level figures (definitions: docs/metrics.md).",
    before={"computed_at": str, "as_of": dt.date | None},
    renamed={"diameter_upper": "diameter_upper_bound"},
    described={
        "diameter": "Longest shortest path in the largest component; a lower bound when "
                    "diameterExact is false.",
        "fewer_than_3_departments": "Share of managers whose contacts reach fewer than 3 other "
                                    "departments.",
        "diameter_exact": "False when the network was too large to settle the diameter within "
                          "the job's budget: a shortest path of `diameter` steps exists, and "
                          "none is longer than `diameterUpperBound`.",
    },
)
class NetworkMetricsPoint(FromDomain):
    pass


@strawberry.type
class NetworkMetrics(NetworkMetricsPoint):
    departments: list[DepartmentMetrics]
    matrix: DepartmentMatrix
    betweenness_sampled_sources: int | None = strawberry.field(
        default=None,
        description="Null when the brokers' betweenness is exact; otherwise the number of "
                    "randomly drawn managers it was estimated from (docs/metrics.md)."
    )
    _brokers: strawberry.Private[list[Broker]]

    @strawberry.field(description="Managers with the highest betweenness, best first.")
    def brokers(self, first: int = 10) -> list[Broker]:
        return self._brokers[:max(first, 0)]


def _point_fields(snapshot: dict[str, Any]) -> dict[str, Any]:
    org = snapshot["organisation"]
    # Snapshots written before the diameter had a budget were always exact.
    organisation = _record(metrics.OrganisationMetrics, {"diameterUpper": org["diameter"], **org})
    return dict(
        computed_at=snapshot["computedAt"],
        as_of=dt.date.fromisoformat(snapshot["asOf"]) if snapshot["asOf"] else None,
        **NetworkMetricsPoint.fields_of(organisation),
    )


def _sampled_sources(snapshot: dict[str, Any]) -> int | None:
    method = snapshot.get("betweenness")  # absent from snapshots of exact-only versions
    if not method or method.get("exact", True):
        return None
    return int(method["sources"])


def metrics_of(snapshot: dict[str, Any]) -> NetworkMetrics:
    return NetworkMetrics(
        **_point_fields(snapshot),
        departments=[DepartmentMetrics.of(_record(metrics.DepartmentMetrics, d))
                     for d in snapshot["departments"]],
        matrix=DepartmentMatrix.of(_record(metrics.DepartmentMatrix, snapshot["matrix"])),
        betweenness_sampled_sources=_sampled_sources(snapshot),
        _brokers=[Broker.of(_record(metrics.Broker, b)) for b in snapshot["brokers"]],
    )


@domain_type(metrics.CohortSnapshot)
class CohortSnapshot(FromDomain):
    pass


@domain_type(
    metrics.CohortComparison,
    description="A cohort's participants' ties at the programme's start and end.",
    before={"start": dt.date, "end": dt.date},
    nested={metrics.CohortSnapshot: CohortSnapshot},
)
class CohortComparison(FromDomain):
    pass


@strawberry.type
class MetricsQuery:
    @strawberry.field(description="The latest connection metrics (admins only); with asOf, "
                      "the latest snapshot computed as of that date.")
    async def network_metrics(
        self, info: Info, as_of: dt.date | None = None
    ) -> NetworkMetrics | None:
        found = await resolve.latest(info, as_of.isoformat() if as_of else None)
        return metrics_of(found) if found else None

    @strawberry.field(description="Snapshots over time, newest first (admins only).")
    async def network_metrics_history(
        self, info: Info, first: int = 50
    ) -> list[NetworkMetricsPoint]:
        return [NetworkMetricsPoint(**_point_fields(s)) for s in await resolve.history(info, first)]

    @strawberry.field(description="A cohort's cross-department reach before and after the "
                      "programme (admins only).")
    async def cohort_network_comparison(
        self, info: Info, cohort_id: strawberry.ID
    ) -> CohortComparison:
        start, end, comparison = await resolve.cohort_comparison(info, cohort_id)
        return CohortComparison.of(comparison, start=dt.date.fromisoformat(start),
                                   end=dt.date.fromisoformat(end))


__all__ = ["MetricsQuery", "NetworkMetrics", "metrics_of"]
