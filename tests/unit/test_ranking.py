"""The peer ranking and its reasons, on hand-made hits whose answers can be worked out."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from peernet.domain import ranking, records
from peernet.domain.matches import CATEGORY, CONSENTED, Hit, Hop, PeerDetails, PeerHits, Shown
from peernet.graph.find_peers import DETAILS, HITS, peer_hits
from peernet.graph.visibility import PROBLEM_PROJECTION

TODAY = dt.date(2026, 6, 1)


def hit(pid: str, outcome: str = "RESOLVED", when: str | None = "2026-05-01T10:00:00Z", *,
        text: float = 1.0, grams: float = 1.0, category: str = "IT_SUPPORT") -> Hit:
    return Hit(problem_id=pid, category=category, outcome=outcome, handled_at=when,
               text_score=text, gram_score=grams)


def peer(mid: str, *hits: Hit) -> PeerHits:
    return PeerHits(manager_id=mid, handled=hits)


def rank(*peers: PeerHits, categories=("IT_SUPPORT",), first: int = 10, exclude_id=None):
    return ranking.rank(
        peers, categories=categories, today=TODAY, first=first, exclude_id=exclude_id
    )


def manager(mid: str, name: str | None = None) -> records.Manager:
    return records.Manager(id=mid, name=name or f"Name {mid}", title=None, level=None,
                           manager_since=None, department_id=None)


def cohort(cid: str) -> records.Cohort:
    return records.Cohort(id=cid, name=f"Kohort {cid[-1]}", start="2022-01-01", end="2024-06-01")


def problem(pid: str, *, restricted: bool = False) -> records.Problem:
    return records.Problem(
        id=pid, category="IT_SUPPORT", confidential=restricted, created_at="2025-01-01T00:00:00Z",
        status="RESOLVED", title=None if restricted else f"title {pid}", description=None,
        raised_by=None, restricted=restricted,
    )


def details(
    mid: str,
    pids: list[str],
    *,
    department: str = "Socialtjänst",
    same: bool = False,
    knows: bool = False,
    cohorts: tuple[str, ...] = (),
    hops: tuple[Hop, ...] = (),
) -> PeerDetails:
    return PeerDetails(
        manager=manager(mid), department=records.Department(id="d-x", name=department),
        same_department=same, knows=knows, shared_cohorts=tuple(cohort(c) for c in cohorts),
        shown=tuple(Shown(problem=problem(p), outcome="RESOLVED", handled_at=None, note=None)
                    for p in pids),
        hops=hops,
    )


# ---- the pieces ---------------------------------------------------------------------------

def test_relevance_weighs_text_grams_and_category():
    assert ranking.relevance(hit("p1"), ["IT_SUPPORT"]) == pytest.approx(1.0)
    assert ranking.relevance(hit("p1", category="BUDGET"), ["IT_SUPPORT"]) == pytest.approx(0.85)
    assert ranking.relevance(hit("p1", text=0.5, grams=0.0), ["IT_SUPPORT"]) == pytest.approx(0.425)


def test_without_a_category_the_text_features_share_all_the_weight():
    assert ranking.relevance(hit("p1"), []) == pytest.approx(1.0)
    assert ranking.relevance(hit("p1", grams=0.0), []) == pytest.approx(0.55 / 0.85)
    assert sum(ranking.weights([])) == pytest.approx(1.0) == sum(ranking.weights(["BUDGET"]))


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


def test_the_cypher_gets_the_same_numbers():
    params = ranking.cypher_params(["IT_SUPPORT"], TODAY)
    assert (
        params["textWeight"],
        params["gramWeight"],
        params["categoryWeight"],
    ) == ranking.weights(["IT_SUPPORT"])
    assert params["outcomeWeights"] == ranking.OUTCOME_WEIGHT
    assert params["minRelevance"] == ranking.MIN_RELEVANCE
    assert params["halfLifeYears"] == ranking.HALF_LIFE_YEARS
    assert params["todayYears"] == pytest.approx(2026 + 5 / 12)


# ---- the ordering the issue asks for ----------------------------------------------------

def test_resolved_beats_partly_beats_not_resolved():
    out = rank(peer("m-c", hit("p3", "NOT_RESOLVED")), peer("m-b", hit("p2", "PARTLY")),
               peer("m-a", hit("p1", "RESOLVED")))
    assert [p.manager_id for p in out] == ["m-a", "m-b", "m-c"]
    recent = ranking.recency("2026-05-01T10:00:00Z", TODAY)
    assert [p.score for p in out] == pytest.approx([recent, 0.6 * recent, 0.2 * recent], abs=1e-5)


def test_recent_experience_beats_old():
    out = rank(peer("m-a", hit("p1", when="2019-01-01T00:00:00Z")),
               peer("m-b", hit("p2", when="2026-01-01T00:00:00Z")))
    assert [p.manager_id for p in out] == ["m-b", "m-a"]


def test_a_closer_match_beats_a_vaguer_one():
    out = rank(peer("m-a", hit("p1", text=0.4, grams=0.3)), peer("m-b", hit("p2")))
    assert [p.manager_id for p in out] == ["m-b", "m-a"]


def test_two_good_matches_beat_one():
    out = rank(
        peer("m-a", hit("p1", "PARTLY")), peer("m-b", hit("p2", "PARTLY"), hit("p3", "PARTLY"))
    )
    assert [p.manager_id for p in out] == ["m-b", "m-a"]


def test_the_asker_is_never_returned():
    out = rank(peer("m-001", hit("p1")), peer("m-002", hit("p2", "PARTLY")), exclude_id="m-001")
    assert [p.manager_id for p in out] == ["m-002"]


def test_weak_matches_do_not_count_and_peers_with_none_are_dropped():
    weak = hit("p9", text=0.1, grams=0.0, category="BUDGET")
    assert ranking.relevance(weak, ["IT_SUPPORT"]) < ranking.MIN_RELEVANCE
    out = rank(peer("m-a", hit("p1"), weak), peer("m-b", weak))
    assert [p.manager_id for p in out] == ["m-a"]
    assert [m.hit.problem_id for m in out[0].matches] == ["p1"]


def test_equal_scores_are_ordered_by_id_whatever_the_input_order():
    peers = [peer(f"m-{i:03d}", hit(f"p{i}")) for i in range(12)]
    expected = [p.manager_id for p in peers][:5]
    for seed in range(5):
        shuffled = peers[:]
        random.Random(seed).shuffle(shuffled)
        assert [p.manager_id for p in rank(*shuffled, first=5)] == expected


def test_matches_come_best_first_and_five_are_shown():
    many = [hit(f"p{i}", when=f"202{i}-01-01T00:00:00Z", text=1.0 - i / 100) for i in range(7)]
    (ranked,) = rank(peer("m-a", *reversed(many)))
    assert [m.hit.problem_id for m in ranked.matches] == [f"p{i}" for i in range(7)]
    assert ranking.shown_problems([ranked]) == {"m-a": ["p0", "p1", "p2", "p3", "p4"]}


def test_hits_are_regrouped_per_manager():
    rows = [["p1", "IT_SUPPORT", 1.0, 0.5, [["m-a", "RESOLVED", "2025-01-01T00:00:00Z"],
                                           ["m-b", "PARTLY", None]]],
            ["p2", "BUDGET", 0.5, 0.0, [["m-a", "NOT_RESOLVED", "2024-01-01T00:00:00Z"]]]]
    grouped = peer_hits(rows)
    assert [(p.manager_id, [h.problem_id for h in p.handled]) for p in grouped] == [
        ("m-a", ["p1", "p2"]), ("m-b", ["p1"])]
    assert grouped[0].handled[1] == hit("p2", "NOT_RESOLVED", "2024-01-01T00:00:00Z", text=0.5,
                                        grams=0.0, category="BUDGET")


# ---- reasons ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("outcomes", "said"),
    [
        (["RESOLVED"], "handled 1 similar problem, resolved it"),
        (["PARTLY"], "handled 1 similar problem, partly resolved it"),
        (["NOT_RESOLVED"], "handled 1 similar problem, did not resolve it"),
        (["RESOLVED", "RESOLVED"], "handled 2 similar problems, resolved both"),
        (["RESOLVED"] * 3, "handled 3 similar problems, resolved all 3"),
        (
            ["RESOLVED", "PARTLY", "RESOLVED"],
            "handled 3 similar problems, resolved 2, partly resolved 1",
        ),
        (["PARTLY", "NOT_RESOLVED"], "handled 2 similar problems, partly resolved 1"),
        (["NOT_RESOLVED", "NOT_RESOLVED"], "handled 2 similar problems, resolved none of them"),
    ],
)
def test_experience_in_plain_words(outcomes, said):
    assert ranking.experience_reason(outcomes) == said


def test_reasons_name_department_cohorts_and_an_existing_contact():
    (ranked,) = rank(
        peer("m-a", hit("p1", when="2025-03-04T10:00:00Z"), hit("p2", when="2024-01-01T10:00:00Z"))
    )
    shown = ranking.present(
        ranked, details("m-a", ["p2", "p1"], cohorts=("c-2", "c-3"), knows=True)
    )
    assert shown.reasons == (
        "handled 2 similar problems, resolved both",
        "most recently in March 2025",
        "different department: Socialtjänst",
        "you were both in Kohort 2 and Kohort 3",
        "you already know each other",
    )
    assert [m.problem.id for m in shown.matches] == ["p1", "p2"]  # the ranking's order
    same = ranking.present(ranked, details("m-a", ["p1"], department="Teknik", same=True))
    assert "same department: Teknik" in same.reasons


def test_a_peer_gone_between_the_two_reads_is_left_out():
    ranked = rank(peer("m-a", hit("p1")), peer("m-b", hit("p2", "PARTLY")))
    shown = ranking.present_all(ranked, {"m-b": details("m-b", ["p2"])})
    assert [p.manager.id for p in shown] == ["m-b"]


# ---- connections --------------------------------------------------------------------------

def test_a_cohort_node_makes_the_next_step_a_cohort_step():
    path = ranking.connection(
        [Hop(manager=None, cohort=cohort("c-2")), Hop(manager=manager("m-b"), cohort=None)]
    )
    assert path is not None and path.length == 1
    assert (path.steps[0].manager.id, path.steps[0].via, path.steps[0].cohort.id) == (
        "m-b",
        "COHORT",
        "c-2",
    )


def test_contacts_then_a_cohort():
    hops = [
        Hop(manager=manager("m-x", "Anna Berg"), cohort=None),
        Hop(manager=None, cohort=cohort("c-1")),
        Hop(manager=manager("m-b"), cohort=None),
    ]
    path = ranking.connection(hops)
    assert [(s.manager.id, s.via) for s in path.steps] == [("m-x", "CONTACT"), ("m-b", "COHORT")]
    assert ranking.connection_reason(path) == "Anna Berg can introduce you"


def test_no_path_is_none_and_a_friend_of_a_friend_is_named():
    assert ranking.connection([]) is None
    via_anna = (
        Hop(manager=manager("m-x", "Anna Berg"), cohort=None),
        Hop(manager=manager("m-b"), cohort=None),
    )
    assert ranking.connection_reason(ranking.connection(via_anna)) == "you both know Anna Berg"
    (ranked,) = rank(peer("m-b", hit("p1")))
    assert ranking.present(ranked, details("m-b", ["p1"])).connection is None
    introduced = ranking.present(ranked, details("m-b", ["p1"], hops=via_anna))
    assert introduced.connection.length == 2 and introduced.reasons[-1] == "you both know Anna Berg"


# ---- the Cypher keeps to the conventions ------------------------------------------------

def test_the_cypher_is_parameterised_projects_problems_and_skips_the_asker():
    for param in ("$lucene", "$grams", "$viewerId", "$excludeOwnDepartment", "$candidates",
                  "$shortlist", "$outcomeWeights", "$halfLifeYears"):
        assert param in HITS
    assert "(me IS NULL OR m <> me)" in HITS and "coalesce(m.active, true)" in HITS
    # The index searched is the viewer's (OPEN_INDEX for all but admins); hidden problems come
    # in by category only, and a self-handled one only with consent.
    assert "queryNodes($index" in HITS and "h.findable = true" in HITS
    assert "NOT EXISTS { (m)-[:RAISED]->(p) }" in HITS
    assert "title" not in HITS.split("RETURN")[-1] and "description" not in HITS.split("RETURN")[-1]
    assert PROBLEM_PROJECTION in DETAILS and "$peers" in DETAILS
    assert "allShortestPaths" in DETAILS and "KNOWS|MEMBER_OF*..4" in DETAILS


# ---- problems the viewer may not read -----------------------------------------------------

def hidden(pid: str, outcome: str = "RESOLVED", when: str | None = "2026-05-01T10:00:00Z", *,
           category: str = "SICK_LEAVE") -> Hit:
    return Hit(problem_id=pid, category=category, outcome=outcome, handled_at=when,
               text_score=0.0, gram_score=0.0, kind=CATEGORY)


def consented(category: str = "SICK_LEAVE") -> Hit:
    return Hit(problem_id="", category=category, outcome=None, handled_at=None, text_score=0.0,
               gram_score=0.0, kind=CONSENTED)


def test_a_hidden_problem_counts_by_its_category_alone():
    assert ranking.relevance(hidden("p1"), ["SICK_LEAVE"]) == ranking.HIDDEN_RELEVANCE
    assert ranking.relevance(hidden("p1"), ["IT_SUPPORT"]) == 0.0
    # Whatever text features a hidden hit were given, they are not read.
    leaky = Hit(problem_id="p1", category="SICK_LEAVE", outcome="RESOLVED", handled_at=None,
                text_score=1.0, gram_score=1.0, kind=CATEGORY)
    assert ranking.relevance(leaky, ["SICK_LEAVE"]) == ranking.HIDDEN_RELEVANCE
    assert ranking.MIN_RELEVANCE < ranking.HIDDEN_RELEVANCE < ranking.relevance(
        hit("p2", text=0.6, grams=0.6, category="SICK_LEAVE"), ["SICK_LEAVE"])


def test_hidden_problems_with_equal_visible_facts_rank_equally():
    out = rank(peer("m-b", hidden("p2")), peer("m-a", hidden("p1")), categories=("SICK_LEAVE",))
    assert [p.manager_id for p in out] == ["m-a", "m-b"] and out[0].score == out[1].score
    recent = ranking.recency("2026-05-01T10:00:00Z", TODAY)
    assert out[0].score == pytest.approx(ranking.HIDDEN_RELEVANCE * recent, abs=1e-6)


def test_consented_cases_count_once_per_category_without_outcome_or_date():
    (one,) = rank(peer("m-a", consented()), categories=("SICK_LEAVE",))
    (many,) = rank(peer("m-a", consented(), consented(), consented()), categories=("SICK_LEAVE",))
    expected = ranking.HIDDEN_RELEVANCE * ranking.CONSENTED_WEIGHT
    assert one.score == many.score == pytest.approx(expected)
    assert rank(peer("m-a", consented()), categories=("IT_SUPPORT",)) == []


def test_hidden_matches_are_one_line_per_category_and_never_shown_rows():
    (ranked,) = rank(peer("m-a", hit("p1", category="SICK_LEAVE"), hidden("p2"),
                          hidden("p3", "PARTLY"), hidden("p4", "NOT_RESOLVED"),
                          consented(), consented()), categories=("SICK_LEAVE",))
    assert ranking.shown_problems([ranked]) == {"m-a": ["p1"]}
    groups = ranking.hidden_groups(ranked)
    assert groups == (
        ranking.HiddenGroup(category="SICK_LEAVE", own_team=False, count=3, resolved=1, partly=1,
                            not_resolved=1),
        ranking.HiddenGroup(category="SICK_LEAVE", own_team=True, count=None, resolved=None,
                            partly=None, not_resolved=None),
    )
    assert ranking.hidden_summary(groups[0]) == (
        "3 confidential sick leave cases, 1 resolved, 1 partly resolved")
    assert "agreed" in ranking.hidden_summary(groups[1])
    shown = ranking.present(ranked, details("m-a", ["p1"]))
    assert shown.hidden == groups and [m.problem.id for m in shown.matches] == ["p1"]
    assert shown.reasons[0] == "handled 4 similar problems, resolved 2, partly resolved 1"
    assert ranking.consented_reason("SICK_LEAVE") in shown.reasons


def test_a_consented_case_adds_no_count_and_no_date():
    (ranked,) = rank(peer("m-a", consented()), categories=("SICK_LEAVE",))
    said = ranking.present(ranked, details("m-a", [])).reasons
    assert said[0] == ranking.consented_reason("SICK_LEAVE")
    assert not any(r.startswith(("handled 1", "most recently")) for r in said)


@pytest.mark.parametrize(("outcomes", "said"), [
    (["RESOLVED"], "1 confidential IT support case, resolved"),
    (["NOT_RESOLVED"], "1 confidential IT support case, not resolved"),
    (["RESOLVED"] * 5, "5 confidential IT support cases, all resolved"),
    (["NOT_RESOLVED"] * 2, "2 confidential IT support cases, none resolved"),
    (["PARTLY", "PARTLY"], "2 confidential IT support cases, 2 partly resolved"),
])
def test_hidden_summary_in_plain_words(outcomes, said):
    (ranked,) = rank(peer("m-a", *(hidden(f"p{i}", o, category="IT_SUPPORT")
                                   for i, o in enumerate(outcomes))))
    (group,) = ranking.hidden_groups(ranked)
    assert ranking.hidden_summary(group) == said


def test_hidden_and_consented_hits_are_read_from_their_own_lists():
    grouped = peer_hits([], [["p9", "SICK_LEAVE", "m-a", "PARTLY", "2025-01-01T00:00:00Z"]],
                        [["m-a", "SICK_LEAVE"], ["m-b", "SUBSTANCE_ABUSE"]])
    assert [(p.manager_id, [h.kind for h in p.handled]) for p in grouped] == [
        ("m-a", [CATEGORY, CONSENTED]), ("m-b", [CONSENTED])]
    assert grouped[0].handled[0].text_score == grouped[0].handled[0].gram_score == 0.0
    assert grouped[1].handled[0].outcome is None and grouped[1].handled[0].handled_at is None
