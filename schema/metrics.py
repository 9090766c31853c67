"""Connection metrics for admins: the latest snapshot, the trend, and a cohort's effect."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from peernet.domain import records
from peernet.resolvers import metrics as resolve
from peernet.resolvers.context import Info
from peernet.resolvers.loaders import load_many_then, load_then

from .types import Department, Manager


def _department_of(found: records.Department | None) -> Department | None:
    return Department.of(found) if found else None


def _department(info: Info, department_id: str) -> Department | None:
    return load_then(info.context.loaders.department, department_id, _department_of)


@strawberry.type
class DepartmentMetrics:
    id: strawberry.ID
    managers: int
    internal_ties: int
    external_ties: int
    ei_index: float | None = strawberry.field(description="Krackhardt's E-I index of its ties.")
    departments_reached: int = strawberry.field(description="Other departments its managers reach.")

    @strawberry.field
    def department(self, info: Info) -> Department | None:
        return _department(info, self.id)


@strawberry.type
class MatrixCell:
    from_department: strawberry.ID
    to_department: strawberry.ID
    ties: int
    density: float | None


@strawberry.type(description="Department × department ties and densities, in `departments` order.")
class DepartmentMatrix:
    department_ids: list[strawberry.ID]
    ties: list[list[int]]
    density: list[list[float | None]]

    @strawberry.field
    def departments(self, info: Info) -> list[Department | None]:
        return load_many_then(info.context.loaders.department, list(self.department_ids),
                              lambda found: [_department_of(d) for d in found])

    @strawberry.field(description="The same matrix as a list of cells.")
    def cells(self) -> list[MatrixCell]:
        ids = self.department_ids
        return [
            MatrixCell(from_department=ids[i], to_department=ids[j], ties=self.ties[i][j],
                       density=self.density[i][j])
            for i in range(len(ids)) for j in range(len(ids))
        ]


@strawberry.type
class Broker:
    manager_id: strawberry.ID
    department_id: strawberry.ID
    betweenness: float = strawberry.field(
        description="Normalised betweenness centrality: exact, or on large networks estimated "
                    "from sampled sources (see NetworkMetrics.betweennessSampledSources)."
    )
    constraint: float | None = strawberry.field(description="Burt's constraint (low = broker).")
    degree: int

    @strawberry.field
    def manager(self, info: Info) -> Manager | None:
        return load_then(info.context.loaders.manager, self.manager_id,
                         lambda found: Manager.of(found) if found else None)

    @strawberry.field
    def department(self, info: Info) -> Department | None:
        return _department(info, self.department_id)


@strawberry.type(description="One snapshot's organisation-level figures (definitions: docs/metrics.md).")
class NetworkMetricsPoint:
    computed_at: str
    as_of: dt.date | None
    managers: int
    contacts: int
    cross_department_share: float | None
    ei_index: float | None
    modularity: float | None
    average_clustering: float
    triangles: int
    components: int
    largest_component: int
    diameter: int | None = strawberry.field(
        description="Longest shortest path in the largest component; a lower bound when "
                    "diameterExact is false."
    )
    isolates: int
    fewer_than_3_departments: float | None = strawberry.field(
        description="Share of managers whose contacts reach fewer than 3 other departments."
    )
    diameter_exact: bool = strawberry.field(
        default=True,
        description="False when the network was too large to settle the diameter within the "
                    "job's budget: a shortest path of `diameter` steps exists, and none is "
                    "longer than `diameterUpperBound`."
    )
    diameter_upper_bound: int | None = None


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
    return dict(
        computed_at=snapshot["computedAt"],
        as_of=dt.date.fromisoformat(snapshot["asOf"]) if snapshot["asOf"] else None,
        managers=org["managers"], contacts=org["contacts"],
        cross_department_share=org["crossDepartmentShare"], ei_index=org["eiIndex"],
        modularity=org["modularity"], average_clustering=org["averageClustering"],
        triangles=org["triangles"], components=org["components"],
        largest_component=org["largestComponent"], diameter=org["diameter"],
        isolates=org["isolates"], fewer_than_3_departments=org["fewerThan3Departments"],
        # Snapshots written before the diameter had a budget were always exact.
        diameter_exact=org.get("diameterExact", True),
        diameter_upper_bound=org.get("diameterUpper", org["diameter"]),
    )


def _sampled_sources(snapshot: dict[str, Any]) -> int | None:
    method = snapshot.get("betweenness")  # absent from snapshots of exact-only versions
    if not method or method.get("exact", True):
        return None
    return int(method["sources"])


def metrics_of(snapshot: dict[str, Any]) -> NetworkMetrics:
    matrix = snapshot["matrix"]
    return NetworkMetrics(
        **_point_fields(snapshot),
        departments=[
            DepartmentMetrics(
                id=strawberry.ID(str(d["id"])), managers=d["managers"],
                internal_ties=d["internalTies"], external_ties=d["externalTies"],
                ei_index=d["eiIndex"], departments_reached=d["departmentsReached"],
            )
            for d in snapshot["departments"]
        ],
        matrix=DepartmentMatrix(
            department_ids=[strawberry.ID(str(d)) for d in matrix["departments"]],
            ties=matrix["ties"], density=matrix["density"],
        ),
        betweenness_sampled_sources=_sampled_sources(snapshot),
        _brokers=[
            Broker(manager_id=strawberry.ID(str(b["id"])), department_id=strawberry.ID(str(b["department"])),
                   betweenness=b["betweenness"], constraint=b["constraint"], degree=b["degree"])
            for b in snapshot["brokers"]
        ],
    )


@strawberry.type
class CohortSnapshot:
    members_present: int
    cross_department_ties: int
    internal_ties: int
    departments_reached: int
    mean_departments_reached: float | None
    ei_index: float | None


@strawberry.type(description="A cohort's participants' ties at the programme's start and end.")
class CohortComparison:
    start: dt.date
    end: dt.date
    members: int
    before: CohortSnapshot
    after: CohortSnapshot
    cross_department_ties_gained: int
    departments_reached_gained: int


def _snapshot(d: dict[str, Any]) -> CohortSnapshot:
    return CohortSnapshot(
        members_present=d["membersPresent"], cross_department_ties=d["crossDepartmentTies"],
        internal_ties=d["internalTies"], departments_reached=d["departmentsReached"],
        mean_departments_reached=d["meanDepartmentsReached"], ei_index=d["eiIndex"],
    )


@strawberry.type
class MetricsQuery:
    @strawberry.field(description="The latest connection metrics (admins only); with asOf, "
                      "the latest snapshot computed as of that date.")
    async def network_metrics(self, info: Info, as_of: dt.date | None = None) -> NetworkMetrics | None:
        found = await resolve.latest(info, as_of.isoformat() if as_of else None)
        return metrics_of(found) if found else None

    @strawberry.field(description="Snapshots over time, newest first (admins only).")
    async def network_metrics_history(self, info: Info, first: int = 50) -> list[NetworkMetricsPoint]:
        return [NetworkMetricsPoint(**_point_fields(s)) for s in await resolve.history(info, first)]

    @strawberry.field(description="A cohort's cross-department reach before and after the programme (admins only).")
    async def cohort_network_comparison(self, info: Info, cohort_id: strawberry.ID) -> CohortComparison:
        d = await resolve.cohort_comparison(info, cohort_id)
        return CohortComparison(
            start=dt.date.fromisoformat(d["start"]), end=dt.date.fromisoformat(d["end"]),
            members=d["members"], before=_snapshot(d["before"]), after=_snapshot(d["after"]),
            cross_department_ties_gained=d["crossDepartmentTiesGained"],
            departments_reached_gained=d["departmentsReachedGained"],
        )


__all__ = ["MetricsQuery", "NetworkMetrics", "metrics_of"]
