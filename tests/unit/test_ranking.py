"""The peer ranking and its reasons, on hand-made candidates whose answers can be worked out."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from peernet.graph import records
from peernet.graph.find_peers import FIND_PEERS, CONNECTIONS, HandledMatch, Hop, PeerCandidate
from peernet.graph.visibility import PROBLEM_PROJECTION
from peernet.resolvers import ranking

TODAY = dt.date(2026, 6, 1)


def problem(pid: str, category: str = "IT_SUPPORT", *, restricted: bool = False) -> records.Problem:
    return records.Problem(
        id=pid, category=category, confidential=restricted, created_at="2025-01-01T00:00:00Z",
        status="RESOLVED", title=None if restricted else f"title {pid}",
        description=None, raised_by=None, restricted=restricted,
    )


def handled(pid: str, outcome: str = "RESOLVED", when: str | None = "2026-05-01T10:00:00Z", *,
            text: float = 1.0, grams: float = 1.0, category: str = "IT_SUPPORT") -> HandledMatch:
    return HandledMatch(problem=problem(pid, category), outcome=outcome, handled_at=when,
                        note=None, text_score=text, gram_score=grams)


def manager(mid: str, name: str | None = None) -> records.Manager:
    return records.Manager(id=mid, name=name or f"Name {mid}", title=None, level=None,
                           manager_since=None, department_id=None)


def cohort(cid: str) -> records.Cohort:
    return records.Cohort(id=cid, name=f"Kohort {cid[-1]}", start="2022-01-01", end="2024-06-01")


def candidate(mid: str, *matches: HandledMatch, department: str = "Socialtjänst",
              same: bool = False, knows: bool = False, cohorts: tuple[str, ...] = ()) -> PeerCandidate:
    return PeerCandidate(
        manager=manager(mid), department=records.Department(id="d-" + department[:3], name=department),
        same_department=same, knows=knows, shared_cohorts=tuple(cohort(c) for c in cohorts),
        handled=matches,
    )


def rank(*candidates: PeerCandidate, categories=("IT_SUPPORT",), first: int = 10, exclude_id=None):
    return ranking.rank(candidates, categories=categories, today=TODAY, first=first,
                        exclude_id=exclude_id)


# ---- the pieces ---------------------------------------------------------------------------

def test_relevance_weighs_text_grams_and_category():
    assert ranking.relevance(handled("p1"), ["IT_SUPPORT"]) == pytest.approx(1.0)
    assert ranking.relevance(handled("p1", category="BUDGET"), ["IT_SUPPORT"]) == pytest.approx(0.85)
    assert ranking.relevance(handled("p1", text=0.5, grams=0.0), ["IT_SUPPORT"]) == pytest.approx(0.425)


def test_without_a_category_the_text_features_share_all_the_weight():
    assert ranking.relevance(handled("p1"), []) == pytest.approx(1.0)
    assert ranking.relevance(handled("p1", text=1.0, grams=0.0), []) == pytest.approx(0.55 / 0.85)


def test_recency_halves_every_three_years_and_never_exceeds_one():
    assert ranking.recency("2026-06-01T08:00:00Z", TODAY) == pytest.approx(1.0)
    assert ranking.recency("2023-06-01T08:00:00Z", TODAY) == pytest.approx(0.5, abs=1e-3)
    assert ranking.recency("2020-06-01T08:00:00Z", TODAY) == pytest.approx(0.25, abs=1e-3)
    assert ranking.recency("2027-01-01T00:00:00Z", TODAY) == 1.0
    assert ranking.recency(None, TODAY) == 0.5


def test_noisy_or_adds_less_for_each_further_match():
    assert ranking.combine([]) == 0.0
    assert ranking.combine([0.5]) == pytest.approx(0.5)
    assert ranking.combine([0.5, 0.5]) == pytest.approx(0.75)
    assert ranking.combine([0.5, 0.5, 0.5]) == pytest.approx(0.875)
    assert ranking.combine([1.0, 0.3]) == 1.0


# ---- the ordering the issue asks for ----------------------------------------------------

def test_resolved_beats_partly_beats_not_resolved():
    out = rank(candidate("m-c", handled("p3", "NOT_RESOLVED")), candidate("m-b", handled("p2", "PARTLY")),
               candidate("m-a", handled("p1", "RESOLVED")))
    assert [p.manager.id for p in out] == ["m-a", "m-b", "m-c"]
    assert [p.score for p in out] == pytest.approx([1.0 * 0.9810, 0.6 * 0.9810, 0.2 * 0.9810], abs=1e-3)


def test_recent_experience_beats_old():
    out = rank(candidate("m-a", handled("p1", when="2019-01-01T00:00:00Z")),
               candidate("m-b", handled("p2", when="2026-01-01T00:00:00Z")))
    assert [p.manager.id for p in out] == ["m-b", "m-a"]


def test_a_closer_match_beats_a_vaguer_one():
    out = rank(candidate("m-a", handled("p1", text=0.4, grams=0.3)), candidate("m-b", handled("p2")))
    assert [p.manager.id for p in out] == ["m-b", "m-a"]


def test_the_asker_is_never_returned():
    out = rank(candidate("m-001", handled("p1")), candidate("m-002", handled("p2", "PARTLY")),
               exclude_id="m-001")
    assert [p.manager.id for p in out] == ["m-002"]


def test_weak_matches_are_not_counted_and_peers_with_none_are_dropped():
    weak = handled("p9", text=0.1, grams=0.0, category="BUDGET")
    assert ranking.relevance(weak, ["IT_SUPPORT"]) < ranking.MIN_RELEVANCE
    out = rank(candidate("m-a", handled("p1"), weak), candidate("m-b", weak))
    assert [p.manager.id for p in out] == ["m-a"]
    assert [m.problem.id for m in out[0].matches] == ["p1"]
    assert out[0].reasons[0] == "handled 1 similar problem, resolved it"


def test_equal_scores_are_ordered_by_id_whatever_the_input_order():
    peers = [candidate(f"m-{i:03d}", handled(f"p{i}")) for i in range(12)]
    expected = [p.manager.id for p in peers][:5]
    for seed in range(5):
        shuffled = peers[:]
        random.Random(seed).shuffle(shuffled)
        assert [p.manager.id for p in rank(*shuffled, first=5)] == expected


def test_matches_are_shown_best_first_and_at_most_five():
    many = [handled(f"p{i}", when=f"202{i}-01-01T00:00:00Z", text=1.0 - i / 100) for i in range(7)]
    out = rank(candidate("m-a", *reversed(many)))
    assert [m.problem.id for m in out[0].matches] == ["p0", "p1", "p2", "p3", "p4"]
    assert out[0].reasons[0] == "handled 7 similar problems, resolved all 7"


# ---- reasons ---------------------------------------------------------------------------

@pytest.mark.parametrize(("outcomes", "said"), [
    (["RESOLVED"], "handled 1 similar problem, resolved it"),
    (["PARTLY"], "handled 1 similar problem, partly resolved it"),
    (["NOT_RESOLVED"], "handled 1 similar problem, did not resolve it"),
    (["RESOLVED", "RESOLVED"], "handled 2 similar problems, resolved both"),
    (["RESOLVED"] * 3, "handled 3 similar problems, resolved all 3"),
    (["RESOLVED", "PARTLY", "RESOLVED"], "handled 3 similar problems, resolved 2, partly resolved 1"),
    (["PARTLY", "NOT_RESOLVED"], "handled 2 similar problems, partly resolved 1"),
    (["NOT_RESOLVED", "NOT_RESOLVED"], "handled 2 similar problems, resolved none of them"),
])
def test_experience_in_plain_words(outcomes, said):
    assert ranking.experience_reason(outcomes) == said


def test_reasons_name_department_cohorts_and_an_existing_contact():
    out = rank(candidate("m-a", handled("p1", when="2025-03-04T10:00:00Z"),
                         handled("p2", when="2024-01-01T10:00:00Z"),
                         cohorts=("c-2", "c-3"), knows=True))
    assert out[0].reasons == (
        "handled 2 similar problems, resolved both",
        "most recently in March 2025",
        "different department: Socialtjänst",
        "you were both in Kohort 2 and Kohort 3",
        "you already know each other",
    )
    same = rank(candidate("m-a", handled("p1"), department="Teknik", same=True))
    assert "same department: Teknik" in same[0].reasons


# ---- connections --------------------------------------------------------------------------

def test_a_cohort_node_makes_the_next_step_a_cohort_step():
    path = ranking.connection([Hop(manager=None, cohort=cohort("c-2")), Hop(manager=manager("m-b"), cohort=None)])
    assert path is not None and path.length == 1
    assert (path.steps[0].manager.id, path.steps[0].via, path.steps[0].cohort.id) == ("m-b", "COHORT", "c-2")


def test_contacts_then_a_cohort():
    hops = [Hop(manager=manager("m-x", "Anna Berg"), cohort=None), Hop(manager=None, cohort=cohort("c-1")),
            Hop(manager=manager("m-b"), cohort=None)]
    path = ranking.connection(hops)
    assert [(s.manager.id, s.via) for s in path.steps] == [("m-x", "CONTACT"), ("m-b", "COHORT")]
    assert ranking.connection_reason(path) == "Anna Berg can introduce you"


def test_no_path_is_none_and_a_friend_of_a_friend_is_named():
    assert ranking.connection([]) is None
    path = ranking.connection([Hop(manager=manager("m-x", "Anna Berg"), cohort=None),
                               Hop(manager=manager("m-b"), cohort=None)])
    assert ranking.connection_reason(path) == "you both know Anna Berg"
    peer = rank(candidate("m-b", handled("p1")))[0]
    assert ranking.with_connection(peer, []).connection is None
    assert ranking.with_connection(peer, [Hop(manager=manager("m-x", "Anna Berg"), cohort=None),
                                          Hop(manager=manager("m-b"), cohort=None)]
                                   ).reasons[-1] == "you both know Anna Berg"


# ---- the Cypher keeps to the conventions ------------------------------------------------

def test_find_peers_cypher_is_parameterised_and_projects_problems():
    assert PROBLEM_PROJECTION in FIND_PEERS
    for param in ("$lucene", "$grams", "$viewerId", "$excludeOwnDepartment", "$candidates"):
        assert param in FIND_PEERS
    assert "m.id <> $viewerId" in FIND_PEERS
    assert "allShortestPaths" in CONNECTIONS and "*..4" in CONNECTIONS
