"""Contact suggestions: hand-checkable graphs, exclusions, experience, and NetworkX parity."""

import datetime as dt
import math
import random

import networkx as nx
import numpy as np
import pytest

from peernet.jobs.link_prediction import link_prediction_topk
from peernet.jobs.suggestions import (
    NetworkRows,
    SuggestionWeights,
    build_network,
    compute_suggestions,
    describe_reason,
    network_rows,
)

NOW = 2025
STRUCTURE_ONLY = SuggestionWeights(experience=0.0, experienced_peer=0.0)


def rows(managers, **kw):
    """``managers`` as ``{id: department}`` or ``{id: (department, managerSince)}``."""
    recs = []
    for mid, v in managers.items():
        dept, since = v if isinstance(v, tuple) else (v, None)
        recs.append({"id": mid, "departmentId": dept, "managerSince": since})
    return NetworkRows(managers=recs, **kw)


def suggested(result, manager):
    return [s.suggested_id for s in result[manager]]


def by_id(result, manager):
    return {s.suggested_id: s for s in result[manager]}


# --- structure on graphs small enough to score by hand ------------------------------------


def test_star_leaves_meet_through_centre_with_adamic_adar_weight():
    r = rows({"h": "d0", "a": "d1", "b": "d2", "c": "d3"},
             contacts=[("h", "a"), ("h", "b"), ("h", "c")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["b", "c"]  # equal scores: by id
    assert out["a"][0].score == pytest.approx(1 / math.log(3))
    assert out["a"][0].structural == pytest.approx(1 / math.log(3))
    assert suggested(out, "h") == []  # knows everyone already


def test_low_degree_common_neighbour_counts_more():
    # a–x–b: x has degree 2; a–y–{c, d, e}: y has degree 4.
    r = rows({"a": "d1", "b": "d2", "c": "d3", "d": "d4", "e": "d5", "x": "d6", "y": "d7"},
             contacts=[("a", "x"), ("x", "b"), ("a", "y"), ("y", "c"), ("y", "d"), ("y", "e")])
    aa = compute_suggestions(r, now_year=NOW)
    assert suggested(aa, "a") == ["b", "c", "d", "e"]
    assert [s.score for s in aa["a"]] == pytest.approx([1 / math.log(2)] + [1 / math.log(4)] * 3)
    ra = compute_suggestions(r, now_year=NOW, method="resource_allocation")
    assert [s.score for s in ra["a"]] == pytest.approx([1 / 2, 1 / 4, 1 / 4, 1 / 4])


def test_cohort_and_session_are_hubs_down_weighted_by_size():
    r = rows({"a": "d1", "b": "d2", "c": "d3", "z": "d4"},
             memberships=[("a", "K"), ("b", "K"), ("c", "K"), ("z", "K")],
             attendance=[("a", "S"), ("b", "S")])
    out = compute_suggestions(r, now_year=NOW)
    best = out["a"][0]
    assert best.suggested_id == "b"  # cohort (4 members) and a session (2 attendees)
    assert best.structural == pytest.approx(1 / math.log(4) + 1 / math.log(2))
    assert by_id(out, "a")["c"].structural == pytest.approx(1 / math.log(4))
    kinds = [x["kind"] for x in best.reasons]
    assert {"kind": "shared_cohort", "cohortId": "K"} in best.reasons
    assert {"kind": "shared_sessions", "count": 1, "ids": ["S"]} in best.reasons
    assert kinds[-1] == "other_department"


# --- who is never suggested ---------------------------------------------------------------


def test_same_department_excluded():
    r = rows({"h": "d0", "a": "d1", "b": "d1", "c": "d2"},
             contacts=[("h", "a"), ("h", "b"), ("h", "c")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["c"]
    assert suggested(out, "b") == ["c"]


def test_existing_contacts_excluded_in_either_direction():
    r = rows({"h": "d0", "a": "d1", "b": "d2", "c": "d3"},
             contacts=[("h", "a"), ("h", "b"), ("h", "c"), ("b", "a")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["c"]
    assert suggested(out, "b") == ["c"]


def test_dismissed_pair_excluded_both_ways():
    r = rows({"h": "d0", "a": "d1", "b": "d2", "c": "d3"},
             contacts=[("h", "a"), ("h", "b"), ("h", "c")], dismissed=[("a", "b")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["c"]
    assert suggested(out, "b") == ["c"]
    assert suggested(out, "c") == ["a", "b"]


def test_self_never_suggested_even_with_unknown_department():
    r = rows({"a": None, "b": None, "h": "d0"}, contacts=[("h", "a"), ("h", "b")],
             memberships=[("a", "K"), ("b", "K")],
             raised=[("a", "BUDGET", False)], handled=[("a", "BUDGET", "RESOLVED", "2024-01-01")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["b"]  # unknown departments differ from everyone
    assert all(s.suggested_id != s.manager_id for ss in out.values() for s in ss)


def test_every_manager_is_a_key_and_unknown_rows_are_ignored():
    r = rows({"a": "d1", "b": "d2"}, contacts=[("a", "ghost")], raised=[("ghost", "X", False)])
    assert compute_suggestions(r, now_year=NOW) == {"a": [], "b": []}


def test_loader_shaped_values_are_accepted():
    # Null categories and outcomes are skipped; dates may be objects, as the driver returns.
    r = rows({"a": "d1", "x": "d2"},
             raised=[("a", None, False), ("a", "BUDGET", None)],
             handled=[("x", None, "RESOLVED", None), ("x", "BUDGET", None, None),
                      ("x", "BUDGET", "RESOLVED", dt.datetime(2024, 3, 1, tzinfo=dt.UTC))])
    [only] = compute_suggestions(r, now_year=NOW)["a"]
    assert only.suggested_id == "x"
    assert only.reasons[0]["handled"] == 1


# --- complementary experience and experienced peers ----------------------------------------


def _two_equal_candidates(**kw):
    # b and c are structurally identical for a (one shared contact h).
    return rows({"a": ("d1", 2010), "b": ("d2", 2010), "c": ("d3", 2010), "h": "d0"},
                contacts=[("h", "a"), ("h", "b"), ("h", "c")], **kw)


def test_handler_of_needed_category_is_pulled_up():
    r = _two_equal_candidates(raised=[("a", "IT_SUPPORT", False)],
                              handled=[("c", "IT_SUPPORT", "RESOLVED", "2024-05-01T09:00:00Z"),
                                       ("c", "IT_SUPPORT", "RESOLVED", "2023-05-01T09:00:00Z")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["c", "b"]
    top = out["a"][0]
    assert top.experience > 0 and top.score > out["a"][1].score
    assert {"kind": "experience", "category": "IT_SUPPORT", "handled": 2, "resolved": 2,
            "partly": 0, "notResolved": 0, "raised": 1, "unresolved": 1} in top.reasons
    assert out["b"][0].experience == 0  # b raised nothing


def test_handler_with_no_shared_neighbour_still_found():
    r = rows({"a": "d1", "x": "d2", "y": "d2"}, raised=[("a", "BUDGET", False)],
             handled=[("x", "BUDGET", "RESOLVED", "2024-01-01"), ("y", "CONFLICT", "RESOLVED",
                                                                 "2024-01-01")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["x"]
    assert out["a"][0].structural == 0.0


def test_best_handlers_are_looked_for_outside_own_department():
    # Nine stronger handlers sit in a's own department: the one elsewhere must still be found.
    people = {"a": "d1", "x": "d2", **{f"b{i}": "d1" for i in range(9)}}
    handled = [(f"b{i}", "BUDGET", "RESOLVED", "2024-06-01") for i in range(9) for _ in range(3)]
    handled.append(("x", "BUDGET", "PARTLY", "2020-01-01"))
    out = compute_suggestions(rows(people, raised=[("a", "BUDGET", False)], handled=handled),
                              now_year=NOW, weights=SuggestionWeights(candidates_per_category=1))
    assert suggested(out, "a") == ["x"]


def test_resolved_beats_partly_beats_not_resolved_and_recent_beats_old():
    people = {"a": "d1", "r": "d2", "p": "d3", "n": "d4", "old": "d5"}
    handled = [("r", "CONFLICT", "RESOLVED", "2024-06-01"),
               ("p", "CONFLICT", "PARTLY", "2024-06-01"),
               ("n", "CONFLICT", "NOT_RESOLVED", "2024-06-01"),
               ("old", "CONFLICT", "RESOLVED", "2019-06-01")]
    out = compute_suggestions(rows(people, raised=[("a", "CONFLICT", False)], handled=handled),
                              now_year=NOW)
    assert suggested(out, "a") == ["r", "p", "old", "n"]


def test_unresolved_need_weighs_more_than_resolved():
    r = rows({"u": "d1", "s": "d2", "x": "d3"},
             raised=[("u", "BUDGET", False), ("s", "BUDGET", True)],
             handled=[("x", "BUDGET", "RESOLVED", "2024-01-01")])
    out = compute_suggestions(r, now_year=NOW)
    assert out["u"][0].experience > out["s"][0].experience > 0


def test_newer_manager_gets_experienced_peer_bonus():
    r = rows({"a": ("d1", 2024), "b": ("d2", 2020), "c": ("d3", 2011), "h": "d0",
              "old": ("d4", 2000)}, contacts=[("h", "a"), ("h", "b"), ("h", "c"), ("h", "old")])
    out = compute_suggestions(r, now_year=NOW)
    assert suggested(out, "a") == ["old", "c", "b"]  # 25 years caps at the full bonus
    bonus = by_id(out, "a")
    assert bonus["c"].peer_bonus == pytest.approx(0.5 * 14 / 20)
    assert bonus["b"].peer_bonus == 0.0
    assert {"kind": "experienced_peer", "years": 14} in bonus["c"].reasons
    # A seasoned manager gets no such bonus.
    assert all(s.peer_bonus == 0.0 for s in out["b"])


# --- determinism, graph round trip, NetworkX parity ----------------------------------------


def _random_rows(n=200, seed=1):
    rnd = random.Random(seed)
    ids = [f"m{i:03d}" for i in range(n)]
    cats = ["BUDGET", "CONFLICT", "IT_SUPPORT"]
    return NetworkRows(
        managers=[{"id": m, "departmentId": f"d{rnd.randrange(8)}",
                   "managerSince": rnd.randrange(1990, 2025)} for m in ids],
        contacts=[(rnd.choice(ids), rnd.choice(ids)) for _ in range(4 * n)],
        memberships=[(m, f"c{rnd.randrange(10)}") for m in ids if rnd.random() < 0.6],
        attendance=[(m, f"s{rnd.randrange(25)}") for m in ids if rnd.random() < 0.5],
        raised=[(rnd.choice(ids), rnd.choice(cats), rnd.random() < 0.5) for _ in range(n)],
        handled=[(rnd.choice(ids), rnd.choice(cats),
                  rnd.choice(["RESOLVED", "PARTLY", "NOT_RESOLVED"]),
                  f"{rnd.randrange(2015, 2025)}-0{rnd.randrange(1, 10)}-01") for _ in range(n)],
        dismissed=[(rnd.choice(ids), rnd.choice(ids)) for _ in range(n // 4)])


def _plain(result):
    return {m: [(s.suggested_id, s.score, s.reasons) for s in ss] for m, ss in result.items()}


def test_deterministic_under_row_order_and_via_graph():
    r = _random_rows()
    shuffled = NetworkRows(**{f: list(getattr(r, f))[::-1] for f in (
        "managers", "contacts", "memberships", "attendance", "raised", "handled", "dismissed")})
    first = _plain(compute_suggestions(r, now_year=NOW))
    assert first == _plain(compute_suggestions(r, now_year=NOW))
    assert first == _plain(compute_suggestions(shuffled, now_year=NOW))
    assert first == _plain(compute_suggestions(build_network(r), now_year=NOW))
    assert sum(len(v) for v in first.values()) > 500


def test_network_rows_round_trip():
    r = _random_rows(50)
    G = build_network(r)
    assert nx.utils.graphs_equal(G, build_network(network_rows(G)))


@pytest.mark.parametrize("method, reference", [
    ("adamic_adar", nx.adamic_adar_index),
    ("resource_allocation", nx.resource_allocation_index),
])
def test_structural_top_k_equals_networkx_on_random_graph(method, reference):
    r = _random_rows(200, seed=7)
    G = build_network(r)
    dept = dict(G.nodes(data="department_id"))
    managers = sorted(m for m, k in G.nodes(data="kind") if k == "manager")
    blocked = {frozenset(p) for p in G.graph["dismissed"]}
    pairs = [(u, v) for u in managers for v in managers  # a list: a generator yields nothing
             if u != v and dept[u] != dept[v] and not G.has_edge(u, v)
             and frozenset((u, v)) not in blocked]
    expected: dict[str, list[tuple[float, str]]] = {m: [] for m in managers}
    for u, v, p in reference(G, pairs):
        if p > 0:
            expected[u].append((-round(p, 10), v))
    got = compute_suggestions(G, now_year=NOW, method=method, weights=STRUCTURE_ONLY,
                              max_work=500)  # small blocks: exercises the blocking
    nonempty = 0
    for m in managers:
        want = sorted(expected[m])[:10]
        assert suggested(got, m) == [v for _, v in want], m
        assert [s.score for s in got[m]] == pytest.approx([-p for p, _ in want])
        nonempty += bool(want)
    assert nonempty > 150


def test_bare_sparse_top_k_equals_networkx_adamic_adar():
    G = nx.gnp_random_graph(200, 0.05, seed=3)
    adj = nx.to_scipy_sparse_array(G, nodelist=range(200))
    idx, score = link_prediction_topk(adj, k=10, exclude=adj, max_work=300)
    pairs = [(u, v) for u in G for v in G if u != v and not G.has_edge(u, v)]
    ref: dict[int, list[tuple[float, int]]] = {u: [] for u in G}
    for u, v, p in nx.adamic_adar_index(G, pairs):
        ref[u].append((-round(p, 10), v))
    for u in G:
        want = sorted(ref[u])[:10]
        assert [int(v) for v in idx[u] if v >= 0] == [v for _, v in want]
        assert score[u, : len(want)] == pytest.approx([-p for p, _ in want])


# --- reasons in words ---------------------------------------------------------------------


@pytest.mark.parametrize("reason, text", [
    ({"kind": "common_contacts", "count": 1, "ids": ["x"]}, "1 contact in common"),
    ({"kind": "common_contacts", "count": 3, "ids": []}, "3 contacts in common"),
    ({"kind": "shared_cohort", "cohortId": "c-2"}, "you were both in Kohort 2"),
    ({"kind": "shared_sessions", "count": 4, "ids": []}, "attended 4 sessions together"),
    ({"kind": "experience", "category": "IT_SUPPORT", "handled": 2, "resolved": 2, "partly": 0,
      "notResolved": 0}, "handled 2 IT support problems, resolved both"),
    ({"kind": "experience", "category": "SICK_LEAVE", "handled": 1, "resolved": 0, "partly": 1,
      "notResolved": 0}, "handled 1 sick leave problem, partly resolved 1"),
    ({"kind": "experience", "category": "BUDGET", "handled": 5, "resolved": 3, "partly": 1,
      "notResolved": 1}, "handled 5 budget problems, resolved 3"),
    ({"kind": "experienced_peer", "years": 14}, "14 years as a manager"),
    ({"kind": "other_department", "departmentId": "d-7"}, "works in Socialförvaltningen"),
])
def test_describe_reason(reason, text):
    assert describe_reason(reason, {"c-2": "Kohort 2", "d-7": "Socialförvaltningen"}) == text


def test_describe_reason_falls_back_to_id_and_rejects_unknown_kind():
    assert describe_reason({"kind": "shared_cohort", "cohortId": "c-9"}) == "you were both in c-9"
    with pytest.raises(ValueError):
        describe_reason({"kind": "astrology"})


def test_common_contact_reason_lists_ids():
    r = rows({"a": "d1", "b": "d2", "x": "d3", "y": "d4"},
             contacts=[("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")])
    reasons = compute_suggestions(r, now_year=NOW)["a"][0].reasons
    assert reasons == ({"kind": "common_contacts", "count": 2, "ids": ["x", "y"]},
                       {"kind": "other_department", "departmentId": "d2"})
    assert np.isclose(compute_suggestions(r, now_year=NOW)["a"][0].score, 2 / math.log(2))
