"""``findPeers``: who has handled a problem like mine, why them, and how I reach them."""

from __future__ import annotations

from enum import Enum

import strawberry

from peernet.domain import ranking
from peernet.graph.audit import READ_CONFIDENTIAL_NOTE
from peernet.resolvers import find_peers as resolve
from peernet.resolvers.audit import reveal
from peernet.resolvers.context import Info
from peernet.resolvers.loaders import Maybe

from .enums import Outcome
from .types import Cohort, Department, Manager, Problem


@strawberry.enum(description="How one step of a connection is made.")
class ConnectionVia(Enum):
    CONTACT = "CONTACT"
    COHORT = "COHORT"


@strawberry.type(description="One step on the way from you to a peer.")
class ConnectionStep:
    manager: Manager = strawberry.field(description="The person this step reaches.")
    via: ConnectionVia
    cohort: Cohort | None = strawberry.field(description="The cohort shared, for a COHORT step.")

    @classmethod
    def of(cls, step: ranking.Step) -> ConnectionStep:
        return cls(manager=Manager.of(step.manager), via=ConnectionVia(step.via),
                   cohort=Cohort.of(step.cohort) if step.cohort else None)


@strawberry.type(
    description="The shortest way from you to a peer through contacts and shared cohorts "
    "(a contact is one hop, a shared cohort two; at most 4 hops). The last step is the peer."
)
class ConnectionPath:
    length: int = strawberry.field(description="Number of steps (people reached on the way).")
    steps: list[ConnectionStep]

    @classmethod
    def of(cls, path: ranking.Connection) -> ConnectionPath:
        return cls(length=path.length, steps=[ConnectionStep.of(s) for s in path.steps])


@strawberry.type(description="A problem the peer handled that matches the question.")
class MatchedProblem:
    problem: Problem = strawberry.field(
        description="Confidential problems you may not read show only their category."
    )
    outcome: Outcome
    handled_at: str | None
    _note: strawberry.Private[str | None]
    _problem_id: strawberry.Private[str]
    _confidential: strawberry.Private[bool]

    @classmethod
    def of(cls, match: ranking.Match) -> MatchedProblem:
        return cls(problem=Problem.of(match.problem), outcome=Outcome(match.outcome),
                   handled_at=match.handled_at, _note=match.note, _problem_id=match.problem.id,
                   _confidential=match.problem.confidential)

    @strawberry.field(description="The handler's note on how it went (hidden like the text).",
                      graphql_type=str | None)
    def note(self, info: Info) -> Maybe[str | None]:
        return reveal(info, self._note, confidential=self._confidential,
                      action=READ_CONFIDENTIAL_NOTE, problem_id=self._problem_id)


@strawberry.type(description="A peer who handled problems like yours, and why they were chosen.")
class PeerMatch:
    peer: Manager
    department: Department | None
    score: float = strawberry.field(description="In [0, 1]; see docs/find-peers.md.")
    matched_problems: list[MatchedProblem] = strawberry.field(
        description="Best matches first (at most 5)."
    )
    reasons: list[str] = strawberry.field(description="Why this peer, in plain words.")
    connection: ConnectionPath | None = strawberry.field(
        description="How you reach them; null when there is no path within 4 hops."
    )

    @classmethod
    def of(cls, peer: ranking.RankedPeer) -> PeerMatch:
        return cls(
            peer=Manager.of(peer.manager),
            department=Department.of(peer.department) if peer.department else None,
            score=peer.score, matched_problems=[MatchedProblem.of(m) for m in peer.matches],
            reasons=list(peer.reasons),
            connection=ConnectionPath.of(peer.connection) if peer.connection else None,
        )


@strawberry.type
class FindPeersQuery:
    @strawberry.field(
        description="Managers who handled problems like the one described, best first, for "
        "the signed-in manager (never themself). Swedish or English text."
    )
    async def find_peers(
        self, info: Info, problem: str, first: int = 5, exclude_own_department: bool = False,
    ) -> list[PeerMatch]:
        found = await resolve.find_peers(info, problem=problem, first=first,
                                         exclude_own_department=exclude_own_department)
        return [PeerMatch.of(p) for p in found]


__all__ = [
    "ConnectionPath", "ConnectionStep", "ConnectionVia", "FindPeersQuery", "MatchedProblem",
    "PeerMatch",
]
