"""Ranking peers by the experience that matches a question, and saying why (pure, no I/O).

The formula and the reasons for its weights are in docs/find-peers.md. In short: a handled
problem contributes ``relevance × outcome × recency``; a peer's score combines their
contributions as a noisy-OR, ``1 − Π(1 − x)``, so a second good match adds less than the first
and nobody climbs the list on a pile of weak ones. Ties are broken by manager id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from peernet.graph import records
from peernet.graph.find_peers import HandledMatch, Hop, PeerCandidate

OUTCOME_WEIGHT = {"RESOLVED": 1.0, "PARTLY": 0.6, "NOT_RESOLVED": 0.2}
HALF_LIFE_YEARS = 3.0
UNDATED_RECENCY = 0.5
W_TEXT, W_GRAMS, W_CATEGORY = 0.55, 0.30, 0.15
MIN_RELEVANCE = 0.3
MAX_SHOWN_MATCHES = 5
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Match:
    problem: records.Problem
    outcome: str
    handled_at: str | None
    note: str | None
    relevance: float


@dataclass(frozen=True, slots=True)
class Step:
    manager: records.Manager
    via: str  # CONTACT or COHORT
    cohort: records.Cohort | None


@dataclass(frozen=True, slots=True)
class Connection:
    steps: tuple[Step, ...]

    @property
    def length(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class RankedPeer:
    manager: records.Manager
    department: records.Department | None
    score: float
    matches: tuple[Match, ...]
    reasons: tuple[str, ...]
    connection: Connection | None = None


def relevance(match: HandledMatch, categories: Sequence[str]) -> float:
    """How well one problem matches the question, in [0, 1]. Without a detected category the
    text features share the whole weight, so thresholds mean the same either way."""
    text = W_TEXT * match.text_score + W_GRAMS * match.gram_score
    if not categories:
        return text / (W_TEXT + W_GRAMS)
    return text + (W_CATEGORY if match.problem.category in categories else 0.0)


def _date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def recency(handled_at: str | None, today: dt.date) -> float:
    """Halves every ``HALF_LIFE_YEARS``; a handling dated after ``today`` counts as today."""
    day = _date(handled_at)
    if day is None:
        return UNDATED_RECENCY
    years = max(0, (today - day).days) / 365.25
    return 0.5 ** (years / HALF_LIFE_YEARS)


def contribution(match: Match, today: dt.date) -> float:
    return match.relevance * OUTCOME_WEIGHT.get(match.outcome, 0.0) * recency(match.handled_at, today)


def combine(contributions: Iterable[float]) -> float:
    """Noisy-OR: the chance that at least one of the experiences helps."""
    miss = 1.0
    for x in contributions:
        miss *= 1.0 - min(max(x, 0.0), 1.0)
    return 1.0 - miss


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def experience_reason(outcomes: Sequence[str]) -> str:
    """"handled 2 similar problems, resolved both" and its variants."""
    n = len(outcomes)
    resolved = sum(o == "RESOLVED" for o in outcomes)
    partly = sum(o == "PARTLY" for o in outcomes)
    head = f"handled {_plural(n, 'similar problem')}"
    if n == 1:
        tail = {"RESOLVED": "resolved it", "PARTLY": "partly resolved it"}.get(outcomes[0], "did not resolve it")
    elif resolved == n:
        tail = "resolved both" if n == 2 else f"resolved all {n}"
    elif resolved == 0 and partly == 0:
        tail = "resolved none of them"
    else:
        parts = [f"resolved {resolved}"] if resolved else []
        parts += [f"partly resolved {partly}"] if partly else []
        tail = ", ".join(parts)
    return f"{head}, {tail}"


def _names(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def reasons(candidate: PeerCandidate, matches: Sequence[Match]) -> tuple[str, ...]:
    said = [experience_reason([m.outcome for m in matches])]
    latest = max((d for m in matches if (d := _date(m.handled_at))), default=None)
    if latest:
        said.append(f"most recently in {MONTHS[latest.month - 1]} {latest.year}")
    if candidate.department:
        kind = "same" if candidate.same_department else "different"
        said.append(f"{kind} department: {candidate.department.name}")
    if candidate.shared_cohorts:
        said.append(f"you were both in {_names([c.name for c in candidate.shared_cohorts])}")
    if candidate.knows:
        said.append("you already know each other")
    return tuple(said)


def _ordered(matches: Iterable[Match]) -> list[Match]:
    """Most relevant first, then the most recent handling, then by id (stable sorts, last key
    first)."""
    out = sorted(matches, key=lambda m: m.problem.id)
    out.sort(key=lambda m: m.handled_at or "", reverse=True)
    out.sort(key=lambda m: m.relevance, reverse=True)
    return out


def rank(
    candidates: Iterable[PeerCandidate], *, categories: Sequence[str], today: dt.date, first: int,
    exclude_id: str | None = None,
) -> list[RankedPeer]:
    """The ``first`` best peers, best first; equal input gives equal output."""
    ranked = []
    for candidate in candidates:
        if candidate.manager.id == exclude_id:
            continue
        matches = [
            Match(problem=h.problem, outcome=h.outcome, handled_at=h.handled_at, note=h.note,
                  relevance=round(relevance(h, categories), 6))
            for h in candidate.handled
        ]
        matches = _ordered(m for m in matches if m.relevance >= MIN_RELEVANCE)
        if not matches:
            continue
        score = round(combine(contribution(m, today) for m in matches), 6)
        ranked.append(RankedPeer(
            manager=candidate.manager, department=candidate.department, score=score,
            matches=tuple(matches[:MAX_SHOWN_MATCHES]), reasons=reasons(candidate, matches),
        ))
    ranked.sort(key=lambda r: (-r.score, r.manager.id))
    return ranked[:first]


def connection(hops: Sequence[Hop]) -> Connection | None:
    """Steps from the nodes after the asker on a path: a cohort node marks the next manager as
    reached through that shared cohort, otherwise through a contact."""
    steps: list[Step] = []
    cohort: records.Cohort | None = None
    for hop in hops:
        if hop.cohort is not None:
            cohort = hop.cohort
        elif hop.manager is not None:
            steps.append(Step(manager=hop.manager, via="COHORT" if cohort else "CONTACT", cohort=cohort))
            cohort = None
    return Connection(steps=tuple(steps)) if steps else None


def connection_reason(path: Connection | None) -> str | None:
    """A plain-words note for a two-step path: the introduction worth asking for."""
    if path is None or path.length != 2:
        return None
    middle = path.steps[0]
    if middle.via == "CONTACT" and path.steps[1].via == "CONTACT":
        return f"you both know {middle.manager.name}"
    return f"{middle.manager.name} can introduce you"


def with_connection(peer: RankedPeer, hops: Sequence[Hop]) -> RankedPeer:
    path = connection(hops)
    extra = connection_reason(path)
    return replace(peer, connection=path, reasons=peer.reasons + ((extra,) if extra else ()))


__all__ = [
    "Connection", "HALF_LIFE_YEARS", "MIN_RELEVANCE", "Match", "OUTCOME_WEIGHT", "RankedPeer",
    "Step", "W_CATEGORY", "W_GRAMS", "W_TEXT", "combine", "connection", "connection_reason",
    "contribution", "experience_reason", "rank", "reasons", "recency", "relevance",
    "with_connection",
]
