"""The core Mutation type: manage the organisation and record what happened."""

from __future__ import annotations

import strawberry

from peernet.resolvers import mutations as m

from .types import Cohort, Contact, Department, Handling, Manager, Problem, Session


@strawberry.type
class CoreMutation:
    create_department: Department = strawberry.field(resolver=m.create_department)
    update_department: Department = strawberry.field(resolver=m.update_department)
    delete_department: strawberry.ID = strawberry.field(resolver=m.delete_department)
    create_manager: Manager = strawberry.field(resolver=m.create_manager)
    update_manager: Manager = strawberry.field(resolver=m.update_manager)
    delete_manager: strawberry.ID = strawberry.field(resolver=m.delete_manager)
    create_cohort: Cohort = strawberry.field(resolver=m.create_cohort)
    update_cohort: Cohort = strawberry.field(resolver=m.update_cohort)
    delete_cohort: strawberry.ID = strawberry.field(resolver=m.delete_cohort)
    create_session: Session = strawberry.field(resolver=m.create_session)
    update_session: Session = strawberry.field(resolver=m.update_session)
    delete_session: strawberry.ID = strawberry.field(resolver=m.delete_session)
    add_cohort_member: Cohort = strawberry.field(resolver=m.add_cohort_member)
    remove_cohort_member: Cohort = strawberry.field(resolver=m.remove_cohort_member)
    raise_problem: Problem = strawberry.field(
        resolver=m.raise_problem, description="Raise a problem as the signed-in manager."
    )
    record_handling: Handling = strawberry.field(
        resolver=m.record_handling, description="Record that you handled a problem."
    )
    record_contact: Contact = strawberry.field(
        resolver=m.record_contact, description="Record that you know another manager."
    )


__all__ = ["CoreMutation"]
