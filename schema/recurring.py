"""Recurring problems for sponsors and admins: spread, trend, escalation and actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from peernet.resolvers import nested
from peernet.resolvers import recurring as resolve
from peernet.resolvers.context import Info
from peernet.resolvers.loaders import Maybe, then

from .enums import ActionStatus, RecurringStatus
from .types import Cohort, Department, Manager, Problem, optional_manager


@strawberry.type
class QuarterCount:
    quarter: str
    count: int


def _manager(info: Info, manager_id: str | None) -> Maybe[Manager | None]:
    return then(nested.manager(info, manager_id or None), optional_manager)


@strawberry.type
class Escalation:
    note: str
    at: str
    _by: strawberry.Private[str | None]

    @strawberry.field(graphql_type=Manager | None)
    def by(self, info: Info) -> Maybe[Manager | None]:
        return _manager(info, self._by)


@strawberry.type
class ProblemAction:
    action: str
    status: ActionStatus
    at: str
    _by: strawberry.Private[str | None]

    @strawberry.field(graphql_type=Manager | None)
    def by(self, info: Info) -> Maybe[Manager | None]:
        return _manager(info, self._by)


@strawberry.type(
    description="Reports of the same underlying problem, recurring across departments."
)
class RecurringProblem:
    id: strawberry.ID
    label: str = strawberry.field(description="Its characteristic terms.")
    reports: int
    category: str | None
    first_seen: str
    last_seen: str
    status: RecurringStatus
    trend: list[QuarterCount]
    escalations: list[Escalation]
    actions: list[ProblemAction]
    _departments: strawberry.Private[list[str]]
    _cohorts: strawberry.Private[list[str]]
    _examples: strawberry.Private[list[str]]

    @strawberry.field(graphql_type=list[Department])
    def departments(self, info: Info) -> Maybe[list[Department]]:
        return then(nested.departments(info, self._departments),
                    lambda found: [Department.of(d) for d in found if d])

    @strawberry.field(graphql_type=list[Cohort])
    def cohorts(self, info: Info) -> Maybe[list[Cohort]]:
        return then(nested.cohorts(info, self._cohorts),
                    lambda found: [Cohort.of(c) for c in found if c])

    @strawberry.field(
        description="A few of its reports; confidential ones show only their category.",
        graphql_type=list[Problem],
    )
    def examples(self, info: Info) -> Maybe[list[Problem]]:
        return then(nested.problems(info, self._examples),
                    lambda found: [Problem.of(p) for p in found if p])

    @classmethod
    def of(cls, g: dict[str, Any]) -> RecurringProblem:
        events = g["events"]
        return cls(
            id=strawberry.ID(g["id"]), label=g["label"], reports=g["reports"],
            category=g.get("category"),
            first_seen=g["firstSeen"], last_seen=g["lastSeen"], status=RecurringStatus(g["status"]),
            trend=[QuarterCount(quarter=t["quarter"], count=t["count"]) for t in g["trend"]],
            escalations=[Escalation(note=e["note"], at=e["at"], _by=e.get("byId"))
                         for e in events if e["kind"] == "ESCALATION"],
            actions=[ProblemAction(action=e["action"], status=ActionStatus(e["status"]), at=e["at"],
                                   _by=e.get("byId")) for e in events if e["kind"] == "ACTION"],
            _departments=g["departments"], _cohorts=g["cohorts"], _examples=g["examples"],
        )


@strawberry.type
class RecurringStatusChange:
    id: strawberry.ID
    status: RecurringStatus


@strawberry.type
class RecurringQuery:
    @strawberry.field(description="Recurring problems, most reported first (sponsors and admins).")
    async def recurring_problems(
        self, info: Info, min_departments: int = 3, since: dt.date | None = None
    ) -> list[RecurringProblem]:
        rows = await resolve.listing(info, min_departments=min_departments,
                                     since=since.isoformat() if since else None)
        return [RecurringProblem.of(g) for g in rows]


@strawberry.type
class RecurringMutation:
    @strawberry.mutation(
        description="Escalate to the leadership group with a note (sponsors and admins)."
    )
    async def escalate_recurring_problem(
        self, info: Info, id: strawberry.ID, note: str
    ) -> RecurringStatusChange:
        status = await resolve.escalate(info, id=id, note=note)
        return RecurringStatusChange(id=id, status=RecurringStatus(status))

    @strawberry.mutation(
        description="Record the action taken and its status (sponsors and admins)."
    )
    async def record_recurring_problem_action(
        self, info: Info, id: strawberry.ID, action: str, status: ActionStatus
    ) -> RecurringStatusChange:
        new = await resolve.record_action(info, id=id, action=action, status=status.value)
        return RecurringStatusChange(id=id, status=RecurringStatus(new))


__all__ = ["RecurringMutation", "RecurringProblem", "RecurringQuery"]
