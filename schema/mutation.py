"""The core Mutation type: manage the organisation and record what happened.

Departments, managers, cohorts and sessions each get the same three mutations, made by
``_create``, ``_update`` and ``_delete`` from the entity's ``resolvers.mutations.Managed``."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry

from peernet.resolvers import mutations as m
from peernet.resolvers.context import Info

from . import inputs
from .types import Cohort, Contact, Department, Handling, Manager, Problem, Session


def _fields(input: Any) -> dict[str, Any]:
    """A GraphQL input's fields by their Python names, as the resolvers take them."""
    return {f.name: getattr(input, f.name) for f in dataclasses.fields(input)}


def _create(managed: m.Managed[Any], input_type: type, output: Any) -> Any:
    async def create(info: Info, input: Any) -> Any:
        return output.of(await managed.create(info, _fields(input)))

    create.__annotations__ = {"info": Info, "input": input_type, "return": output}
    return strawberry.mutation(resolver=create)


def _update(managed: m.Managed[Any], input_type: type, output: Any) -> Any:
    async def update(info: Info, input: Any) -> Any:
        return output.of(await managed.update(info, _fields(input)))

    update.__annotations__ = {"info": Info, "input": input_type, "return": output}
    return strawberry.mutation(resolver=update)


def _delete(managed: m.Managed[Any]) -> Any:
    async def delete(info: Info, id: strawberry.ID) -> strawberry.ID:
        return strawberry.ID(await managed.delete(info, id))

    delete.__annotations__ = {"info": Info, "id": strawberry.ID, "return": strawberry.ID}
    return strawberry.mutation(resolver=delete)


@strawberry.type
class CoreMutation:
    create_department: Department = _create(m.DEPARTMENTS, inputs.CreateDepartmentInput, Department)
    update_department: Department = _update(m.DEPARTMENTS, inputs.UpdateDepartmentInput, Department)
    delete_department: strawberry.ID = _delete(m.DEPARTMENTS)
    create_manager: Manager = _create(m.MANAGERS, inputs.CreateManagerInput, Manager)
    update_manager: Manager = _update(m.MANAGERS, inputs.UpdateManagerInput, Manager)
    delete_manager: strawberry.ID = _delete(m.MANAGERS)
    create_cohort: Cohort = _create(m.COHORTS, inputs.CreateCohortInput, Cohort)
    update_cohort: Cohort = _update(m.COHORTS, inputs.UpdateCohortInput, Cohort)
    delete_cohort: strawberry.ID = _delete(m.COHORTS)
    create_session: Session = _create(m.SESSIONS, inputs.CreateSessionInput, Session)
    update_session: Session = _update(m.SESSIONS, inputs.UpdateSessionInput, Session)
    delete_session: strawberry.ID = _delete(m.SESSIONS)

    @strawberry.mutation
    async def add_cohort_member(self, info: Info, input: inputs.CohortMemberInput) -> Cohort:
        return Cohort.of(await m.add_cohort_member(info, **_fields(input)))

    @strawberry.mutation
    async def remove_cohort_member(
        self, info: Info, cohort_id: strawberry.ID, manager_id: strawberry.ID
    ) -> Cohort:
        removed = await m.remove_cohort_member(info, cohort_id=cohort_id, manager_id=manager_id)
        return Cohort.of(removed)

    @strawberry.mutation(description="Raise a problem as the signed-in manager.")
    async def raise_problem(self, info: Info, input: inputs.RaiseProblemInput) -> Problem:
        return Problem.of(await m.raise_problem(info, **_fields(input)))

    @strawberry.mutation(description="Record that you handled a problem.")
    async def record_handling(self, info: Info, input: inputs.RecordHandlingInput) -> Handling:
        return Handling.of(await m.record_handling(info, **_fields(input)))

    @strawberry.mutation(description="Record that you know another manager.")
    async def record_contact(self, info: Info, input: inputs.RecordContactInput) -> Contact:
        return Contact.of(await m.record_contact(info, **_fields(input)))


__all__ = ["CoreMutation"]
