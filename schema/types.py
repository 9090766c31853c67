"""The GraphQL object types. Each is built from a domain record (``Type.of(record)``); nested
fields ask ``resolvers.nested``, which reads through the request's DataLoaders, so a list of N
parents costs one query per field, not N. Those fields are plain functions returning
``then(...)``: the value at once when the loader has it (primed by ``resolvers.look_ahead``),
else an awaitable."""

from __future__ import annotations

import datetime as dt

import strawberry

from peernet.domain import records
from peernet.domain.suggestions import SuggestedContact as SuggestedContactRecord
from peernet.graph.audit import READ_CONFIDENTIAL_NOTE, READ_CONFIDENTIAL_PROBLEM
from peernet.resolvers import find_peers, nested, suggestions
from peernet.resolvers.audit import reveal
from peernet.resolvers.context import Info
from peernet.resolvers.loaders import Maybe, then

from .enums import Category, ContactSource, Level, MemberRole, Outcome, ProblemStatus


@strawberry.type(description="A department (förvaltning).")
class Department:
    id: strawberry.ID
    name: str

    @classmethod
    def of(cls, r: records.Department) -> Department:
        return cls(id=strawberry.ID(r.id), name=r.name)

    @strawberry.field(description="The department's managers, by id.",
                      graphql_type=list["Manager"])
    def managers(self, info: Info) -> Maybe[list[Manager]]:
        return then(nested.managers_of_department(info, self.id),
                    lambda found: [Manager.of(m) for m in found])


@strawberry.type
class Manager:
    id: strawberry.ID
    name: str
    title: str | None
    level: Level | None
    manager_since: int | None = strawberry.field(description="The year they became a manager.")
    _department_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: records.Manager) -> Manager:
        return cls(
            id=strawberry.ID(r.id), name=r.name, title=r.title,
            level=Level(r.level) if r.level else None, manager_since=r.manager_since,
            _department_id=r.department_id,
        )

    @strawberry.field(graphql_type=Department | None)
    def department(self, info: Info) -> Maybe[Department | None]:
        return then(nested.department(info, self._department_id), optional_department)

    @strawberry.field(description="Cohorts this manager belongs to, with their role in each.",
                      graphql_type=list["CohortMembership"])
    def cohorts(self, info: Info) -> Maybe[list[CohortMembership]]:
        return then(nested.memberships_of_manager(info, self.id),
                    lambda found: [CohortMembership.of(m) for m in found])

    @strawberry.field(description="People this manager knows.", graphql_type=list["Contact"])
    def contacts(self, info: Info) -> Maybe[list[Contact]]:
        return then(nested.contacts_of_manager(info, self.id),
                    lambda found: [Contact.of(c) for c in found])

    @strawberry.field(description="Problems this manager raised that the viewer may read.",
                      graphql_type=list["Problem"])
    def raised_problems(self, info: Info) -> Maybe[list[Problem]]:
        return then(nested.raised_by_manager(info, self.id),
                    lambda found: [Problem.of(p) for p in found])

    @strawberry.field(description="Problems this manager handled, with the outcome.",
                      graphql_type=list["Handling"])
    def handled_problems(self, info: Info) -> Maybe[list[Handling]]:
        return then(nested.handled_by_manager(info, self.id),
                    lambda found: [Handling.of(h) for h in found])

    @strawberry.field(
        description="People in other departments worth knowing, best first, with reasons. "
        "Only the manager themself (or an admin) may read this."
    )
    async def suggested_contacts(
        self, info: Info, first: int = suggestions.DEFAULT_FIRST
    ) -> list[SuggestedContact]:
        found = await suggestions.suggested_contacts(info, self.id, first)
        return [SuggestedContact.of(s) for s in found]


@strawberry.type(description="Someone in another department worth knowing, and why.")
class SuggestedContact:
    manager: Manager
    score: float
    reasons: list[str]

    @classmethod
    def of(cls, r: SuggestedContactRecord) -> SuggestedContact:
        return cls(manager=Manager.of(r.manager), score=r.score, reasons=list(r.reasons))


@strawberry.type
class CohortMembership:
    role: MemberRole
    _cohort_id: strawberry.Private[str]

    @classmethod
    def of(cls, r: records.Membership) -> CohortMembership:
        return cls(role=MemberRole(r.role), _cohort_id=r.cohort_id)

    @strawberry.field(graphql_type="Cohort")
    def cohort(self, info: Info) -> Maybe[Cohort]:
        return then(nested.cohort(info, self._cohort_id), required_cohort)


@strawberry.type
class CohortMember:
    role: MemberRole
    _manager_id: strawberry.Private[str]

    @classmethod
    def of(cls, r: records.Membership) -> CohortMember:
        return cls(role=MemberRole(r.role), _manager_id=r.manager_id)

    @strawberry.field(graphql_type=Manager)
    def manager(self, info: Info) -> Maybe[Manager]:
        return then(nested.manager(info, self._manager_id), required_manager)


@strawberry.type(description="A group of ~30 managers in the leadership programme.")
class Cohort:
    id: strawberry.ID
    name: str
    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, r: records.Cohort) -> Cohort:
        return cls(id=strawberry.ID(r.id), name=r.name, start=dt.date.fromisoformat(r.start),
                   end=dt.date.fromisoformat(r.end))

    @strawberry.field(description="Participants and sponsors.", graphql_type=list[CohortMember])
    def members(
        self, info: Info, role: MemberRole | None = None
    ) -> Maybe[list[CohortMember]]:
        return then(nested.members_of_cohort(info, self.id, role),
                    lambda found: [CohortMember.of(m) for m in found])

    @strawberry.field(graphql_type=list["Session"])
    def sessions(self, info: Info) -> Maybe[list[Session]]:
        return then(nested.sessions_of_cohort(info, self.id),
                    lambda found: [Session.of(s) for s in found])


@strawberry.type
class Session:
    id: strawberry.ID
    number: int
    date: dt.date
    theme: str | None
    _cohort_id: strawberry.Private[str]

    @classmethod
    def of(cls, r: records.Session) -> Session:
        return cls(id=strawberry.ID(r.id), number=r.number, date=dt.date.fromisoformat(r.date),
                   theme=r.theme, _cohort_id=r.cohort_id)

    @strawberry.field(graphql_type="Cohort")
    def cohort(self, info: Info) -> Maybe[Cohort]:
        return then(nested.cohort(info, self._cohort_id), required_cohort)


@strawberry.type(
    description="A dilemma a manager raised. For a confidential problem the viewer may not "
    "read, title, description and raiser are null and `restricted` is true."
)
class Problem:
    id: strawberry.ID
    category: Category
    confidential: bool
    restricted: bool = strawberry.field(description="True when text is hidden from the viewer.")
    created_at: str
    status: ProblemStatus
    _raised_by: strawberry.Private[str | None]
    _title: strawberry.Private[str | None]
    _description: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: records.Problem) -> Problem:
        return cls(
            id=strawberry.ID(r.id), _title=r.title, _description=r.description,
            category=Category(r.category), confidential=r.confidential, restricted=r.restricted,
            created_at=r.created_at, status=ProblemStatus(r.status), _raised_by=r.raised_by,
        )

    # Confidential text is returned only once its read is in the audit log.
    @strawberry.field(graphql_type=str | None)
    def title(self, info: Info) -> Maybe[str | None]:
        return reveal(info, self._title, confidential=self.confidential,
                      action=READ_CONFIDENTIAL_PROBLEM, problem_id=self.id)

    @strawberry.field(graphql_type=str | None)
    def description(self, info: Info) -> Maybe[str | None]:
        return reveal(info, self._description, confidential=self.confidential,
                      action=READ_CONFIDENTIAL_PROBLEM, problem_id=self.id)

    @strawberry.field(graphql_type=Manager | None)
    def raised_by(self, info: Info) -> Maybe[Manager | None]:
        return then(nested.manager(info, self._raised_by), optional_manager)

    @strawberry.field(description="Who handled it and how it went.",
                      graphql_type=list["Handling"])
    def handlers(self, info: Info) -> Maybe[list[Handling]]:
        return then(nested.handlers_of_problem(info, self.id),
                    lambda found: [Handling.of(h) for h in found])

    @strawberry.field(description="Sessions where it was discussed.")
    async def sessions(self, info: Info) -> list[Session]:
        return [Session.of(s) for s in await nested.sessions_of_problem(info, self.id)]

    @strawberry.field(description="Problems most like this one, across departments, most "
                      "similar first; confidential ones you may not read show only their category.")
    async def similar_problems(self, info: Info, first: int = 5) -> list[Problem]:
        found = await find_peers.similar_problems(info, self.id, first=first)
        return [Problem.of(p) for p in found]


@strawberry.type(description="That a manager handled a problem, with the outcome.")
class Handling:
    outcome: Outcome
    handled_at: str | None
    _manager_id: strawberry.Private[str]
    _problem_id: strawberry.Private[str]
    _note: strawberry.Private[str | None]
    _confidential: strawberry.Private[bool]

    @classmethod
    def of(cls, r: records.Handling) -> Handling:
        return cls(outcome=Outcome(r.outcome), _note=r.note, handled_at=r.handled_at,
                   _manager_id=r.manager_id, _problem_id=r.problem_id,
                   _confidential=r.confidential)

    @strawberry.field(graphql_type=str | None)
    def note(self, info: Info) -> Maybe[str | None]:
        return reveal(info, self._note, confidential=self._confidential,
                      action=READ_CONFIDENTIAL_NOTE, problem_id=self._problem_id)

    @strawberry.field(graphql_type=Manager)
    def manager(self, info: Info) -> Maybe[Manager]:
        return then(nested.manager(info, self._manager_id), required_manager)

    @strawberry.field(graphql_type=Problem)
    def problem(self, info: Info) -> Maybe[Problem]:
        return then(nested.problem(info, self._problem_id), required_problem)


@strawberry.type(description="Someone a manager knows.")
class Contact:
    since: str | None
    source: ContactSource | None
    _other_id: strawberry.Private[str]
    _cohort_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: records.Contact) -> Contact:
        return cls(since=r.since, source=ContactSource(r.source) if r.source else None,
                   _other_id=r.other_id, _cohort_id=r.cohort_id)

    @strawberry.field(graphql_type=Manager)
    def manager(self, info: Info) -> Maybe[Manager]:
        return then(nested.manager(info, self._other_id), required_manager)

    @strawberry.field(description="The cohort they met in, if any.", graphql_type=Cohort | None)
    def cohort(self, info: Info) -> Maybe[Cohort | None]:
        return then(nested.cohort(info, self._cohort_id), optional_cohort)


# Built from a record that may be missing (an id the graph no longer holds, or none given).
def optional_department(found: records.Department | None) -> Department | None:
    return Department.of(found) if found else None


def optional_manager(found: records.Manager | None) -> Manager | None:
    return Manager.of(found) if found else None


def optional_cohort(found: records.Cohort | None) -> Cohort | None:
    return Cohort.of(found) if found else None


# Built from a record a non-null field must find: its parent holds the id, so a missing record
# is a fault of the stored graph, answered (as any unexpected error) as an internal error.
class MissingRecord(LookupError):
    pass


def required_manager(found: records.Manager | None) -> Manager:
    if found is None:
        raise MissingRecord("a manager its parent refers to is missing")
    return Manager.of(found)


def required_cohort(found: records.Cohort | None) -> Cohort:
    if found is None:
        raise MissingRecord("a cohort its parent refers to is missing")
    return Cohort.of(found)


def required_problem(found: records.Problem | None) -> Problem:
    if found is None:
        raise MissingRecord("a problem its parent refers to is missing")
    return Problem.of(found)


__all__ = [
    "Cohort", "CohortMember", "CohortMembership", "Contact", "Department", "Handling",
    "Manager", "MissingRecord", "Problem", "Session", "SuggestedContact", "optional_cohort",
    "optional_department", "optional_manager", "required_cohort", "required_manager",
    "required_problem",
]
