"""A match between a question and a peer's experience: the handlings the search found, and
what is shown of the chosen peers (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from . import records

# How a hit may count (docs/find-peers.md, "Confidential problems"):
TEXT = "TEXT"  # the viewer may read the problem: matched on its text
CATEGORY = "CATEGORY"  # the viewer may not: only its category, outcome and date count
# A confidential case its handler raised in their own team and agreed to be found for: only
# its category counts, once per category, without outcome, date or count.
CONSENTED = "CONSENTED"


@dataclass(frozen=True, slots=True)
class Hit:
    """One handling of a shortlisted problem, with the features the ranking needs. A hidden
    hit (``kind`` CATEGORY or CONSENTED) carries no text feature: both scores are 0, and a
    CONSENTED one no outcome or date either."""

    problem_id: str
    category: str
    outcome: str | None
    handled_at: str | None
    text_score: float  # Lucene score / best Lucene score of the query, in (0, 1]
    gram_score: float  # share of the question's character n-grams found in the problem's text
    kind: str = TEXT

    @property
    def readable(self) -> bool:
        return self.kind == TEXT


@dataclass(frozen=True, slots=True)
class PeerHits:
    manager_id: str
    handled: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class Hop:
    """One node after the asker on a path: a manager, or the cohort two managers share."""

    manager: records.Manager | None
    cohort: records.Cohort | None


@dataclass(frozen=True, slots=True)
class Shown:
    """A matched problem as the viewer may see it."""

    problem: records.Problem
    outcome: str
    handled_at: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class PeerDetails:
    manager: records.Manager
    department: records.Department | None
    same_department: bool
    knows: bool
    shared_cohorts: tuple[records.Cohort, ...]
    shown: tuple[Shown, ...]
    hops: tuple[Hop, ...]


__all__ = ["CATEGORY", "CONSENTED", "Hit", "Hop", "PeerDetails", "PeerHits", "Shown", "TEXT"]
