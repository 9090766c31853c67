"""Contact suggestions: hand-checkable graphs, exclusions, experience, and NetworkX parity."""

import datetime as dt
import math
import random

import networkx as nx
import numpy as np
import pytest

from peernet.jobs.suggest_contacts.index import SuggestionWeights
from peernet.jobs.suggest_contacts.link_prediction import link_prediction_topk
from peernet.jobs.suggest_contacts.reasons import describe_reason
from peernet.jobs.suggest_contacts.rows import NetworkRows, build_network, network_rows
from peernet.jobs.suggest_contacts.scoring import compute_suggestions

NOW = 2025
STRUCTURE_ONLY = SuggestionWeights(experience=0.0, experienced_peer=0.0)
DEFAULT_WEIGHTS = SuggestionWeights()


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


# --- the whole score against a dense reference; the lazy result ---------------------------


def _dense_reference(r, *, top_k, weights=DEFAULT_WEIGHTS):
    """Every pair scored from first principles: AA on the hub graph, need · offer, peer."""
    G = build_network(r)
    managers = sorted(m for m, k in G.nodes(data="kind") if k == "manager")
    dept = dict(G.nodes(data="department_id"))
    cats = sorted({c for m in managers for c, _ in G.nodes[m]["raised"]}
                  | {c for m in managers for c, *_ in G.nodes[m]["handled"]})
    w = weights
    outcome_weight = {"RESOLVED": w.resolved, "PARTLY": w.partly, "NOT_RESOLVED": w.not_resolved}

    def need(m, c):
        raised = [res for cat, res in G.nodes[m]["raised"] if cat == c]
        return math.log1p(w.unresolved_need * raised.count(False)
                          + w.resolved_need * raised.count(True))

    def offer(m, c):
        total = 0.0
        for cat, outcome, at in G.nodes[m]["handled"]:
            if cat == c:
                y, mo, d = (int(part) for part in at[:10].split("-"))
                age = max(0.0, NOW - (y + ((mo - 1) * 30.44 + d - 1) / 365.25))
                total += outcome_weight[outcome] * 0.5 ** (age / w.half_life_years)
        return math.log1p(total)

    def years(m):
        since = G.nodes[m]["manager_since"]
        return None if since is None else max(0.0, NOW - since)

    needs = {m: [need(m, c) for c in cats] for m in managers}
    offers = {m: [offer(m, c) for c in cats] for m in managers}
    blocked = {frozenset(p) for p in G.graph["dismissed"]}
    out = {}
    for u in managers:
        scored = []
        for v in managers:
            if dept[u] == dept[v] or G.has_edge(u, v) or frozenset((u, v)) in blocked:
                continue
            common = set(G[u]) & set(G[v])
            struct = sum(1 / math.log(G.degree(z)) for z in common)
            exp = sum(x * y for x, y in zip(needs[u], offers[v]))
            yu, yv = years(u), years(v)
            peer = (w.experienced_peer * min(1.0, yv / w.seniority_cap_years)
                    if yu is not None and yv is not None and yu <= w.new_manager_years
                    and yv >= w.experienced_years else 0.0)
            score = w.structural * struct + w.experience * exp + peer
            if score > 0:
                scored.append((-round(score, 10), v, score))
        out[u] = [(v, s) for _, v, s in sorted(scored)[:top_k]]
    return out


@pytest.mark.parametrize("top_k", [1, 3, 10])
def test_whole_score_equals_dense_reference(top_k):
    # Lists long enough that every handler is a candidate: then the sparse formulation must
    # find exactly the dense top k, whichever candidates it skips as unable to make the list.
    rnd = random.Random(11)
    r = _random_rows(120, seed=5)
    handled = [(m, c, o, f"{rnd.randrange(2012, 2025)}-{rnd.randrange(1, 13):02d}-15")
               for m, c, o, _ in r.handled for _ in range(rnd.randrange(1, 5))]
    r = NetworkRows(**{**{f: getattr(r, f) for f in (
        "managers", "contacts", "memberships", "attendance", "raised", "dismissed")},
        "handled": handled})
    weights = SuggestionWeights(candidates_per_category=200)
    got = compute_suggestions(r, now_year=NOW, top_k=top_k, weights=weights, max_work=400)
    want = _dense_reference(r, top_k=top_k, weights=weights)
    assert sum(len(v) for v in want.values()) > 100
    for m, expected in want.items():
        assert [(s.suggested_id, s.score) for s in got[m]] == [
            (v, pytest.approx(s)) for v, s in expected], m
        for s in got[m]:
            assert s.score == pytest.approx(s.structural + s.experience + s.peer_bonus)


def test_result_reads_like_a_dict_in_any_order():
    r = _random_rows(150, seed=3)
    out = compute_suggestions(r, now_year=NOW)
    ids = sorted(m["id"] if isinstance(m, dict) else m.id for m in r.managers)
    assert list(out) == ids and len(out) == len(ids)
    in_order = {m: out[m] for m in ids}
    shuffled = ids[:]
    random.Random(0).shuffle(shuffled)
    assert {m: out[m] for m in shuffled} == in_order
    assert dict(out.items()) == in_order and out == in_order
    assert out[ids[0]] is not out[ids[0]]  # a fresh list each time: callers may change it
    assert "nobody" not in out and 7 not in out and out.get("nobody") is None
    with pytest.raises(KeyError):
        out["nobody"]
    with pytest.raises(KeyError):
        out[7]
    assert sum(map(len, out.values())) == out.pairs > 500


def test_handled_rows_are_summed_in_repr_order_whatever_their_types():
    from peernet.jobs.suggest_contacts.index import _repr_order

    utc = dt.UTC
    ats = ["2024-01-01", "2024-01-01 10:00", "2024-01-01T10:00:00Z", None, "2023-12-31",
           dt.date(2024, 1, 1), dt.datetime(2024, 1, 1, tzinfo=utc), dt.datetime(2024, 1, 1),
           dt.datetime(2024, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), 2024,
           2024.5, "2024'01'01", ""]
    rows = [("m", "BUDGET", o, at) for at in ats for o in ("RESOLVED", "PARTLY", "NOT_RESOLVED")]
    rnd = random.Random(2)
    for _ in range(5):
        rnd.shuffle(rows)
        assert [rows[i] for i in _repr_order(rows)] == sorted(rows, key=repr)
        odd = [(np.str_(m), c, o, at) for m, c, o, at in rows]  # not plain str: the slow path
        assert [odd[i] for i in _repr_order(odd)] == sorted(odd, key=repr)
    # Strings that repr only quotes are sorted by NumPy, prefixes of one another included.
    plain = ["2024-01-01", "2024-01-01T10:00", "2024-01-01T10:00:00Z", "2024-1", "2024-01-0",
             "2024-01-01T1", "2024-01-01~", "2024-01-01(", "Z", "~~"]
    rows = [("m", "BUDGET", o, at) for at in plain for o in ("RESOLVED", "PARTLY")] * 2
    for _ in range(5):
        rnd.shuffle(rows)
        assert [rows[i] for i in _repr_order(rows)] == sorted(rows, key=repr)


# --- what the job stores: columns and reasons rendered in bulk -----------------------------


def _rows_with_every_reason(n=150, seed=4):
    """Random rows plus managers of unknown department and newer managers (peer reasons)."""
    r = _random_rows(n, seed=seed)
    managers = [dict(m, departmentId=None) if i % 17 == 0 else
                dict(m, managerSince=2024) if i % 5 == 0 else m
                for i, m in enumerate({"id": m.id, "departmentId": m.department_id,
                                       "managerSince": m.manager_since} for m in r.managers)]
    return NetworkRows(**{**{f: getattr(r, f) for f in (
        "contacts", "memberships", "attendance", "raised", "handled", "dismissed")},
        "managers": managers})


def test_reason_texts_are_the_reasons_described_one_by_one():
    r = _rows_with_every_reason()
    chosen = compute_suggestions(r, now_year=NOW)
    names = {"c1": "Kohort ett", "d2": "Kultur och fritid"}  # others fall back to their ids
    want = [[describe_reason(x, names) for x in s.reasons]
            for m in chosen for s in chosen[m]]
    assert chosen.reason_texts(names) == want
    kinds = {x["kind"] for m in chosen for s in chosen[m] for x in s.reasons}
    assert kinds == {"shared_cohort", "common_contacts", "shared_sessions", "experience",
                     "experienced_peer", "other_department"}
    assert "works in None" in {t for texts in want for t in texts}  # unknown department


def test_columns_hold_every_suggestion_in_manager_then_rank_order():
    chosen = compute_suggestions(_random_rows(120, seed=9), now_year=NOW)
    cols = chosen.columns()
    want = [(m, rank, s.suggested_id, s.score, s.structural, s.experience, s.peer_bonus)
            for m in chosen for rank, s in enumerate(chosen[m])]
    assert list(zip(cols.manager_ids, cols.ranks.tolist(), cols.suggested_ids,
                    *(v.tolist() for v in cols[3:]))) == want
    assert len(want) == chosen.pairs > 300


def test_job_compute_lists_each_managers_suggestions_with_their_reasons_in_words():
    from peernet.jobs.suggest_contacts.compute import compute

    r = _rows_with_every_reason(seed=6)
    loaded = {f: list(getattr(r, f)) for f in (
        "contacts", "memberships", "attendance", "raised", "handled", "dismissed")}
    loaded["managers"] = [{"id": m.id, "departmentId": m.department_id, "level": None,
                           "managerSince": m.manager_since} for m in r.managers]
    loaded["managers"].append({"id": "zz-alone", "departmentId": "d-alone", "level": None,
                               "managerSince": None})  # no ties, no problems: no suggestions
    loaded["names"] = {"c3": "Kohort tre"}
    out = compute(loaded, {"top_k": 10, "method": "adamic_adar", "now_year": float(NOW)})
    chosen = compute_suggestions(NetworkRows(**{k: v for k, v in loaded.items()
                                                 if k != "names"}), now_year=NOW)
    want = [{"managerId": m, "suggestedIds": [s.suggested_id for s in ss],
             "scores": [round(s.score, 6) for s in ss],
             "structural": [round(s.structural, 6) for s in ss],
             "experience": [round(s.experience, 6) for s in ss],
             "reasons": [[describe_reason(x, loaded["names"]) for x in s.reasons] for s in ss]}
            for m, ss in chosen.items() if ss]
    assert out == want
    assert "zz-alone" in chosen and "zz-alone" not in {e["managerId"] for e in out}


def test_bulk_rounding_is_pythons_round_even_next_to_halves():
    from peernet.jobs.suggest_contacts.compute import rounded

    rng = np.random.default_rng(0)
    halves = (np.arange(20_000) + 0.5) / 1e6 + rng.integers(0, 50, 20_000)
    values = np.concatenate([rng.random(20_000) * 10, halves, np.nextafter(halves, 0),
                             np.nextafter(halves, 100), [0.0, -0.0, 2.5e-7, 1e300, np.inf]])
    got = rounded(values, 6)
    assert got == [round(v, 6) for v in values.tolist()]
    assert [math.copysign(1, v) for v in got[-5:]] == [1, -1, 1, 1, 1]


def test_dates_parsed_in_bulk_are_year_of_each_to_the_bit():
    from peernet.jobs.suggest_contacts.index import _years, year_of

    rnd = random.Random(5)
    iso = [f"{rnd.randrange(1990, 2030)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
           + rnd.choice(["", "T10:11:12Z", " 08:00"]) for _ in range(2000)]
    odd = ["2024-3-5", "٢٠٢٤-01-01", "2_24-01-01", "0000-00-00", "+2024-01-0"]
    assert _years(iso + odd).tolist() == [year_of(v) for v in iso + odd]
    mixed = [None, dt.date(2024, 5, 6), "2024-05-06", 2023.5]
    assert _years(mixed).tolist()[1:] == [year_of(v) for v in mixed[1:]]
    assert math.isnan(_years(mixed)[0]) and len(_years([])) == 0
    with pytest.raises(ValueError):
        _years(["2024-1-05T10"])  # as year_of: not a date
