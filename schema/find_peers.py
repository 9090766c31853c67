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

from .enums import Category, Outcome
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


@strawberry.type(
    description="Matched problems of one category you may not read, as one line: their text "
    "never counted, only their category, outcome and date."
)
class HiddenMatchGroup:
    category: Category
    handled_in_own_team: bool = strawberry.field(
        description="Confidential cases the peer raised in their own team and agreed to be "
        "found for: no count or outcome is given."
    )
    count: int | None = strawberry.field(description="Null for own-team cases.")
    resolved: int | None
    partly_resolved: int | None
    not_resolved: int | None
    summary: str = strawberry.field(
        description='In plain words: "3 confidential sick leave cases, all resolved".'
    )

    @classmethod
    def of(cls, group: ranking.HiddenGroup) -> HiddenMatchGroup:
        return cls(category=Category(group.category), handled_in_own_team=group.own_team,
                   count=group.count, resolved=group.resolved, partly_resolved=group.partly,
                   not_resolved=group.not_resolved, summary=ranking.hidden_summary(group))


@strawberry.type(description="A peer who handled problems like yours, and why they were chosen.")
class PeerMatch:
    peer: Manager
    department: Department | None
    score: float = strawberry.field(description="In [0, 1]; see docs/find-peers.md.")
    matched_problems: list[MatchedProblem] = strawberry.field(
        description="Best matches you may read first (at most 5)."
    )
    hidden_matches: list[HiddenMatchGroup] = strawberry.field(
        description="Matches you may not read, one line per category."
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
            hidden_matches=[HiddenMatchGroup.of(g) for g in peer.hidden],
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


@strawberry.type
class FindPeersMutation:
    @strawberry.mutation(
        description="Agree (or no longer agree) to be found by others for a confidential case "
        "you raised and handled in your own team: through its category only, never its date, "
        "outcome or count. Returns the setting now stored."
    )
    async def set_handling_findable(
        self, info: Info, problem_id: strawberry.ID, findable: bool,
    ) -> bool:
        return await resolve.set_handling_findable(info, problem_id=problem_id, findable=findable)


__all__ = [
    "ConnectionPath", "ConnectionStep", "ConnectionVia", "FindPeersMutation", "FindPeersQuery",
    "HiddenMatchGroup", "MatchedProblem", "PeerMatch",
]
