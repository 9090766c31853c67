"""Ranking peers by the experience that matches a question, and saying why (pure, no I/O).

The formula and the reasons for its weights are in docs/find-peers.md. In short: a handled
problem contributes ``relevance × outcome × recency``; a peer's score combines their
contributions as a noisy-OR, ``1 − Π(1 − x)``, so a second good match adds less than the first
and nobody climbs the list on a pile of weak ones. Ties are broken by manager id.

A problem the viewer may not read counts only through what the viewer may see: its category
(named by the question's words), its outcome and its date, with the fixed ``HIDDEN_RELEVANCE``
in place of a text match. A confidential case its handler raised in their own team counts
only when the handler agreed to be found for it, then through its category alone, once per
category, with ``CONSENTED_WEIGHT`` in place of outcome × recency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import records
from .matches import CONSENTED, Hit, Hop, PeerDetails, PeerHits

OUTCOME_WEIGHT = {"RESOLVED": 1.0, "PARTLY": 0.6, "NOT_RESOLVED": 0.2}
HALF_LIFE_YEARS = 3.0
UNDATED_RECENCY = 0.5
W_TEXT, W_GRAMS, W_CATEGORY = 0.55, 0.30, 0.15
MIN_RELEVANCE = 0.3
# A hidden problem of a category the question names: as relevant as a readable one of that
# category whose text matches about a third as well as the best hit (0.55/3 + 0.30/3 + 0.15),
# so its handler can appear, below anyone with a close readable match of the same outcome.
HIDDEN_RELEVANCE = 0.4
# A consented own-team case has no outcome or date the finder may use: it counts as an
# undated resolved handling would (1.0 × UNDATED_RECENCY).
CONSENTED_WEIGHT = 0.5
MAX_SHOWN_MATCHES = 5
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Scored:
    hit: Hit
    relevance: float


@dataclass(frozen=True, slots=True)
class Ranked:
    """A peer's place in the ranking: everything ``rank`` knows, before the details are read."""

    manager_id: str
    score: float
    matches: tuple[Scored, ...]  # every match that counted, best first


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
class HiddenGroup:
    """The matched problems of one category the viewer may not read, as one line. For cases
    the peer raised in their own team (``own_team``) no count or outcome: only that there are
    some, which the peer agreed to let be known."""

    category: str
    own_team: bool
    count: int | None
    resolved: int | None
    partly: int | None
    not_resolved: int | None


@dataclass(frozen=True, slots=True)
class RankedPeer:
    manager: records.Manager
    department: records.Department | None
    score: float
    matches: tuple[Match, ...]
    reasons: tuple[str, ...]
    connection: Connection | None
    hidden: tuple[HiddenGroup, ...] = ()


# ---- the score -------------------------------------------------------------------------------

def weights(categories: Sequence[str]) -> tuple[float, float, float]:
    """(text, n-gram, category) weights. Without a detected category the text features share
    the whole weight, so ``MIN_RELEVANCE`` means the same either way."""
    if not categories:
        total = W_TEXT + W_GRAMS
        return W_TEXT / total, W_GRAMS / total, 0.0
    return W_TEXT, W_GRAMS, W_CATEGORY


def cypher_params(categories: Sequence[str], today: dt.date) -> dict[str, object]:
    """These numbers as the parameters ``graph.find_peers.HITS`` filters and shortlists with,
    so the database's cheap bound and this module's exact score never drift apart."""
    text, grams, category = weights(categories)
    return {
        "categories": list(categories), "textWeight": text, "gramWeight": grams,
        "categoryWeight": category, "minRelevance": MIN_RELEVANCE,
        "outcomeWeights": dict(OUTCOME_WEIGHT), "halfLifeYears": HALF_LIFE_YEARS,
        "undatedRecency": UNDATED_RECENCY, "todayYears": today.year + (today.month - 1) / 12,
    }


def relevance(hit: Hit, categories: Sequence[str]) -> float:
    """How well one problem matches the question, in [0, 1]; for a problem the viewer may not
    read, a constant of its category alone."""
    if not hit.readable:
        return HIDDEN_RELEVANCE if hit.category in categories else 0.0
    text, grams, category = weights(categories)
    return (text * hit.text_score + grams * hit.gram_score
            + (category if hit.category in categories else 0.0))


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
    # float ** float is typed Any (a negative base can give a complex); here it is a float.
    return float(0.5 ** (years / HALF_LIFE_YEARS))


def combine(contributions: Iterable[float]) -> float:
    """Noisy-OR: the chance that at least one of the experiences helps."""
    miss = 1.0
    for x in contributions:
        miss *= 1.0 - min(max(x, 0.0), 1.0)
    return 1.0 - miss


def _ordered(matches: Iterable[Scored]) -> list[Scored]:
    """Most relevant first, then the most recent handling, then by problem id (stable sorts,
    last key first)."""
    out = sorted(matches, key=lambda m: m.hit.problem_id)
    out.sort(key=lambda m: m.hit.handled_at or "", reverse=True)
    out.sort(key=lambda m: m.relevance, reverse=True)
    return out


def _once_per_consented_category(hits: Iterable[Hit]) -> list[Hit]:
    """All of a peer's consented own-team cases of one category count as one: how many there
    are would single them out."""
    seen: set[str] = set()
    out: list[Hit] = []
    for hit in hits:
        if hit.kind == CONSENTED:
            if hit.category in seen:
                continue
            seen.add(hit.category)
            hit = Hit(problem_id="", category=hit.category, outcome=None, handled_at=None,
                      text_score=0.0, gram_score=0.0, kind=CONSENTED)
        out.append(hit)
    return out


def rank(
    peers: Iterable[PeerHits], *, categories: Sequence[str], today: dt.date, first: int,
    exclude_id: str | None = None,
) -> list[Ranked]:
    """The ``first`` best peers, best first; equal input gives equal output."""
    recency_of: dict[str | None, float] = {}  # many handlings share a date; parse each once
    scored: list[tuple[float, str, list[Scored]]] = []
    for peer in peers:
        if peer.manager_id == exclude_id:
            continue
        matches = [m for m in (Scored(hit=h, relevance=round(relevance(h, categories), 6))
                               for h in _once_per_consented_category(peer.handled))
                   if m.relevance >= MIN_RELEVANCE]
        if not matches:
            continue
        contributions = []
        for m in matches:
            if m.hit.kind == CONSENTED:
                contributions.append(m.relevance * CONSENTED_WEIGHT)
                continue
            when = m.hit.handled_at
            if when not in recency_of:
                recency_of[when] = recency(when, today)
            outcome = OUTCOME_WEIGHT.get(m.hit.outcome or "", 0.0)
            contributions.append(m.relevance * outcome * recency_of[when])
        scored.append((round(combine(contributions), 6), peer.manager_id, matches))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [Ranked(manager_id=manager_id, score=score, matches=tuple(_ordered(matches)))
            for score, manager_id, matches in scored[:first]]


def shown_problems(ranked: Sequence[Ranked]) -> dict[str, list[str]]:
    """Per peer, the ids of the readable problems to show, best first (hidden ones are shown
    as one line per category, ``hidden_groups``)."""
    return {r.manager_id: [m.hit.problem_id for m in r.matches if m.hit.readable]
            [:MAX_SHOWN_MATCHES] for r in ranked}


def hidden_groups(ranked: Ranked) -> tuple[HiddenGroup, ...]:
    """The matches the viewer may not read, one line per category (and own-team cases apart),
    in category order."""
    outcomes: dict[tuple[str, bool], list[str]] = {}
    for m in ranked.matches:
        if not m.hit.readable:
            own = m.hit.kind == CONSENTED
            outcomes.setdefault((m.hit.category, own), []).append(m.hit.outcome or "")
    groups = []
    for (category, own), said in sorted(outcomes.items()):
        if own:
            groups.append(HiddenGroup(category=category, own_team=True, count=None,
                                      resolved=None, partly=None, not_resolved=None))
            continue
        resolved, partly = said.count("RESOLVED"), said.count("PARTLY")
        groups.append(HiddenGroup(category=category, own_team=False, count=len(said),
                                  resolved=resolved, partly=partly,
                                  not_resolved=len(said) - resolved - partly))
    return tuple(groups)


# ---- what the asker reads ----------------------------------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def experience_reason(outcomes: Sequence[str]) -> str:
    """"handled 2 similar problems, resolved both" and its variants."""
    n = len(outcomes)
    resolved = sum(o == "RESOLVED" for o in outcomes)
    partly = sum(o == "PARTLY" for o in outcomes)
    head = f"handled {_plural(n, 'similar problem')}"
    if n == 1:
        tail = {"RESOLVED": "resolved it", "PARTLY": "partly resolved it"}.get(
            outcomes[0], "did not resolve it")
    elif resolved == n:
        tail = "resolved both" if n == 2 else f"resolved all {n}"
    elif resolved == 0 and partly == 0:
        tail = "resolved none of them"
    else:
        parts = [f"resolved {resolved}"] if resolved else []
        parts += [f"partly resolved {partly}"] if partly else []
        tail = ", ".join(parts)
    return f"{head}, {tail}"


def category_words(category: str) -> str:
    """A category as words in a sentence: "IT support", "sick leave"."""
    return "IT support" if category == "IT_SUPPORT" else category.replace("_", " ").lower()


def hidden_summary(group: HiddenGroup) -> str:
    """"3 confidential sick leave cases, all resolved", or for own-team cases only that there
    are some."""
    what = category_words(group.category)
    if group.own_team or group.count is None:
        return f"confidential {what} cases in their own team (they agreed to be asked)"
    n, resolved, partly = group.count, group.resolved or 0, group.partly or 0
    head = f"{n} confidential {what} {'case' if n == 1 else 'cases'}"
    if resolved == n:
        tail = "resolved" if n == 1 else "all resolved"
    elif resolved == 0 and partly == 0:
        tail = "not resolved" if n == 1 else "none resolved"
    else:
        tail = ", ".join([f"{resolved} resolved"] * bool(resolved)
                         + [f"{partly} partly resolved"] * bool(partly))
    return f"{head}, {tail}"


def consented_reason(category: str) -> str:
    return (f"handled confidential {category_words(category)} cases in their own team "
            "and agreed to be asked")


def _names(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def connection(hops: Sequence[Hop]) -> Connection | None:
    """Steps from the nodes after the asker on a path: a cohort node marks the next manager as
    reached through that shared cohort, otherwise through a contact."""
    steps: list[Step] = []
    cohort: records.Cohort | None = None
    for hop in hops:
        if hop.cohort is not None:
            cohort = hop.cohort
        elif hop.manager is not None:
            via = "COHORT" if cohort else "CONTACT"
            steps.append(Step(manager=hop.manager, via=via, cohort=cohort))
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


def reasons(ranked: Ranked, details: PeerDetails, path: Connection | None) -> tuple[str, ...]:
    """Why this peer. Nothing here comes from a hidden problem's text; consented own-team
    cases add neither to the count nor to the date."""
    counted = [m for m in ranked.matches if m.hit.kind != CONSENTED]
    said = [experience_reason([m.hit.outcome or "" for m in counted])] if counted else []
    latest = max((d for m in counted if (d := _date(m.hit.handled_at))), default=None)
    if latest:
        said.append(f"most recently in {MONTHS[latest.month - 1]} {latest.year}")
    said += [consented_reason(m.hit.category) for m in ranked.matches if m.hit.kind == CONSENTED]
    if details.department:
        kind = "same" if details.same_department else "different"
        said.append(f"{kind} department: {details.department.name}")
    if details.shared_cohorts:
        said.append(f"you were both in {_names([c.name for c in details.shared_cohorts])}")
    if details.knows:
        said.append("you already know each other")
    elif (introduction := connection_reason(path)) is not None:
        said.append(introduction)
    return tuple(said)


def present(ranked: Ranked, details: PeerDetails) -> RankedPeer:
    """A ranked peer with what the viewer may see of them: matches in ranking order, reasons,
    and the connection."""
    relevance_of = {m.hit.problem_id: m.relevance for m in ranked.matches}
    place = {m.hit.problem_id: i for i, m in enumerate(ranked.matches)}
    shown = sorted((s for s in details.shown if s.problem.id in place),
                   key=lambda s: place[s.problem.id])
    path = connection(details.hops)
    return RankedPeer(
        manager=details.manager, department=details.department, score=ranked.score,
        matches=tuple(Match(problem=s.problem, outcome=s.outcome, handled_at=s.handled_at,
                            note=s.note, relevance=relevance_of[s.problem.id]) for s in shown),
        reasons=reasons(ranked, details, path), connection=path, hidden=hidden_groups(ranked),
    )


def present_all(ranked: Sequence[Ranked], details: Mapping[str, PeerDetails]) -> list[RankedPeer]:
    """In ranking order; a peer deleted between the two reads is left out."""
    return [present(r, details[r.manager_id]) for r in ranked if r.manager_id in details]


__all__ = [
    "CONSENTED_WEIGHT", "Connection", "HALF_LIFE_YEARS", "HIDDEN_RELEVANCE", "HiddenGroup",
    "MIN_RELEVANCE", "Match", "OUTCOME_WEIGHT", "Ranked", "RankedPeer", "Scored", "Step",
    "W_CATEGORY", "W_GRAMS", "W_TEXT", "category_words", "combine", "connection",
    "connection_reason", "consented_reason", "cypher_params", "experience_reason",
    "hidden_groups", "hidden_summary", "present", "present_all", "rank", "reasons", "recency",
    "relevance", "shown_problems", "weights",
]
