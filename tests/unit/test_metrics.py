"""Network metrics: hand-computed values on tiny graphs, NetworkX equality on a larger one."""

from __future__ import annotations

import json
import random

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from peernet.domain.metrics import BetweennessMethod, to_jsonable
from peernet.jobs.network_metrics.brokers import (
    EXACT_WORK,
    SAMPLED_SOURCES,
    betweenness,
    constraint,
    plan,
)
from peernet.jobs.network_metrics.cohort import cohort_before_after, contacts_as_of, graph_as_of
from peernet.jobs.network_metrics.compute import compute_network_metrics
from peernet.jobs.network_metrics.graph import index_graph
from peernet.jobs.network_metrics.org import (
    clustering,
    other_departments_reached,
    triangles_per_node,
)
from peernet.jobs.network_metrics.paths import (
    components,
    diameter,
    diameter_bounds,
    largest_component,
)
from peernet.jobs.network_metrics.sampling import dependencies, sample_sources


def two_triangles() -> nx.Graph:
    """Departments A and B of three managers each, every one knowing their colleagues,
    and one bridge a3–b1."""
    G = nx.Graph()
    G.add_nodes_from(["a1", "a2", "a3"], department="A")
    G.add_nodes_from(["b1", "b2", "b3"], department="B")
    G.add_edges_from(
        [("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("b1", "b2"), ("b1", "b3"), ("b2", "b3")]
    )
    G.add_edge("a3", "b1")
    return G


def departmental_graph(n: int = 2000, departments: int = 12, seed: int = 7) -> nx.Graph:
    """Cohort-shaped test network: dense departments, cohort cliques of 30 across them, a
    few random ties, some isolates and a detached pair (so there are several components)."""
    rng = random.Random(seed)
    G = nx.Graph()
    for i in range(n):
        G.add_node(f"m{i:05d}", department=f"d{min(int(rng.paretovariate(1.2)), departments)}")
    nodes = list(G)
    by_dept: dict[str, list[str]] = {}
    for node, dept in G.nodes(data="department"):
        by_dept.setdefault(dept, []).append(node)
    active = nodes[: n - 20]  # the last 20 stay isolated
    isolated = set(nodes[n - 20 :])
    for node in active:
        peers = by_dept[G.nodes[node]["department"]]
        for _ in range(3):
            other = rng.choice(peers)
            if other not in isolated:
                G.add_edge(node, other)
    shuffled = active[:]
    rng.shuffle(shuffled)
    for start in range(0, len(shuffled) // 5, 30):
        cohort = shuffled[start : start + 30]
        G.add_edges_from((u, v) for i, u in enumerate(cohort) for v in cohort[i + 1 :])
    for _ in range(n // 2):
        G.add_edge(rng.choice(active), rng.choice(active))
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    detached = nodes[n - 22 : n - 20]
    for u in detached:
        G.remove_edges_from(list(G.edges(u)))
    G.add_edge(*detached)
    return G


# --- tiny graphs, values worked out by hand ---------------------------------------------


def test_two_triangles_organisation_by_hand():
    org = compute_network_metrics(two_triangles()).organisation
    assert org.managers == 6 and org.contacts == 7
    assert org.cross_department_share == pytest.approx(1 / 7)
    assert org.ei_index == pytest.approx((1 - 6) / 7)
    # Q = sum_c L_c/m - (d_c/2m)^2 = 2 * (3/7 - (7/14)^2) = 5/14
    assert org.modularity == pytest.approx(5 / 14)
    assert org.triangles == 2
    # a3 and b1 have 1 triangle of 3 possible pairs, the others 1 of 1
    assert org.average_clustering == pytest.approx((4 * 1 + 2 * (1 / 3)) / 6)
    assert (org.components, org.largest_component, org.isolates) == (1, 6, 0)
    assert org.diameter == 3  # a1 - a3 - b1 - b2
    assert org.fewer_than_3_departments == 1.0  # nobody can reach 3 other departments


def test_two_triangles_departments_and_matrix_by_hand():
    result = compute_network_metrics(two_triangles())
    a, b = result.departments
    assert (a.id, a.managers, a.internal_ties, a.external_ties) == ("A", 3, 3, 1)
    assert a.ei_index == pytest.approx((1 - 3) / 4)
    assert a.departments_reached == b.departments_reached == 1
    matrix = result.matrix
    assert matrix.departments == ("A", "B")
    assert matrix.ties == ((3, 1), (1, 3))
    assert matrix.density[0][0] == pytest.approx(1.0)  # 3 of 3 possible pairs
    assert matrix.density[0][1] == pytest.approx(1 / 9)  # 1 of 3 x 3


def test_two_triangles_broker_is_a_bridge_endpoint():
    brokers = compute_network_metrics(two_triangles(), top_brokers=2).brokers
    assert [b.id for b in brokers] == ["a3", "b1"]  # equal betweenness: id order
    # a1, a2 -> b1, b2, b3 go through a3: 6 of (5*4/2) pairs
    assert brokers[0].betweenness == pytest.approx(0.6)
    # contacts a1, a2 (each also tied to the other): (1/3 + 1/3*1/2)^2 twice; b1: (1/3)^2
    assert brokers[0].constraint == pytest.approx(2 * 0.25 + 1 / 9)
    assert brokers[0].department == "A" and brokers[0].degree == 3


def test_reach_counts_other_departments_only():
    G = nx.Graph()
    G.add_node("hub", department="A")
    for i, dept in enumerate(["A", "B", "C", "D", "D"]):
        G.add_node(f"x{i}", department=dept)
        G.add_edge("hub", f"x{i}")
    g = index_graph(G)
    reach = dict(zip(g.nodes, other_departments_reached(g)))
    assert reach["hub"] == 3  # B, C, D; its own A does not count
    org = compute_network_metrics(G).organisation
    assert org.fewer_than_3_departments == pytest.approx(5 / 6)


def test_empty_and_edgeless_graphs():
    assert compute_network_metrics(nx.Graph()).organisation.diameter is None
    G = nx.Graph()
    G.add_nodes_from(["a", "b"], department="A")
    org = compute_network_metrics(G).organisation
    assert (org.contacts, org.isolates, org.components, org.diameter) == (0, 2, 2, 0)
    assert org.ei_index is None and org.modularity is None


def test_missing_department_is_an_error():
    G = two_triangles()
    G.add_node("nobody")
    with pytest.raises(ValueError, match="lack"):
        compute_network_metrics(G)


def test_self_loops_are_ignored_and_input_untouched():
    G = two_triangles()
    G.add_edge("a1", "a1")
    before = nx.to_dict_of_dicts(G)
    assert compute_network_metrics(G).organisation.contacts == 7
    assert nx.to_dict_of_dicts(G) == before


def test_to_dict_is_json_with_camel_case():
    data = compute_network_metrics(two_triangles()).to_dict()
    text = json.dumps(data)
    assert '"crossDepartmentShare"' in text and '"fewerThan3Departments"' in text
    assert data["matrix"]["ties"] == [[3, 1], [1, 3]]
    assert data["departments"][0]["departmentsReached"] == 1


# --- equality with NetworkX on ~2,000 managers ---------------------------------------


@pytest.fixture(scope="module")
def big() -> nx.Graph:
    return departmental_graph()


@pytest.fixture(scope="module")
def big_result(big):
    return compute_network_metrics(big, top_brokers=20, workers=1)


@pytest.fixture(scope="module")
def big_betweenness(big):
    return nx.betweenness_centrality(big)


@pytest.mark.slow
def test_big_graph_matches_networkx_structure(big, big_result):
    org = big_result.organisation
    partition = {}
    for node, dept in big.nodes(data="department"):
        partition.setdefault(dept, set()).add(node)
    assert org.modularity == pytest.approx(nx.community.modularity(big, partition.values()))
    assert org.triangles == sum(nx.triangles(big).values()) // 3
    assert org.average_clustering == pytest.approx(nx.average_clustering(big))
    assert org.components == nx.number_connected_components(big)
    biggest = max(nx.connected_components(big), key=len)
    assert org.largest_component == len(biggest)
    # Two independent references: NetworkX's bounds and igraph's all-pairs search.
    assert org.diameter == nx.diameter(big.subgraph(biggest), usebounds=True)
    assert org.diameter == ig.Graph.from_networkx(big.subgraph(biggest)).diameter()
    assert org.isolates == nx.number_of_isolates(big)


@pytest.mark.slow
def test_triangles_and_clustering_per_node_match_networkx(big):
    g = index_graph(big)
    triangles = triangles_per_node(g.adjacency)
    assert dict(zip(g.nodes, triangles.tolist())) == nx.triangles(big)
    local = dict(zip(g.nodes, clustering(triangles, g.degree).tolist()))
    assert local == pytest.approx(nx.clustering(big))


def test_e_i_and_matrix_match_networkx_mixing(big, big_result):
    depts = big_result.matrix.departments
    mapping = {d: i for i, d in enumerate(depts)}
    mixing = nx.attribute_mixing_matrix(big, "department", mapping=mapping, normalized=False)
    # NetworkX counts each tie from both ends: once per cell off the diagonal, twice on it.
    ties = np.array(big_result.matrix.ties)
    off = ~np.eye(len(depts), dtype=bool)
    assert np.array_equal(ties[off], mixing[off])
    assert np.array_equal(2 * np.diag(ties), np.diag(mixing))
    internal, external = np.trace(mixing) / 2, mixing[off].sum() / 2
    org = big_result.organisation
    assert org.ei_index == pytest.approx((external - internal) / (external + internal))
    assert org.cross_department_share == pytest.approx(external / big.number_of_edges())
    for dept in big_result.departments:
        i = mapping[dept.id]
        assert dept.internal_ties == ties[i, i]
        assert dept.external_ties == mixing[i].sum() - mixing[i, i]


@pytest.mark.slow
def test_betweenness_equals_networkx(big, big_betweenness):
    g = index_graph(big)
    expected = big_betweenness
    got = dict(zip(g.nodes, betweenness(g, workers=1)))
    assert got == pytest.approx(expected, abs=1e-12)


def test_betweenness_parallel_equals_serial():
    G = departmental_graph(n=400, seed=3)
    g = index_graph(G)
    assert np.allclose(betweenness(g, workers=2), betweenness(g, workers=1), atol=1e-12)


@pytest.mark.slow
def test_brokers_are_the_networkx_top(big, big_result, big_betweenness):
    expected = big_betweenness
    ranked = sorted(expected, key=lambda v: (-round(expected[v], 12), v))[:20]
    assert [b.id for b in big_result.brokers] == ranked
    burt = nx.constraint(big, nodes=ranked)
    for broker in big_result.brokers:
        assert broker.constraint == pytest.approx(burt[broker.id])


# --- sampled betweenness: the kernel is exact over all sources, the sample keeps the brokers --


def test_sampling_kernel_over_every_source_is_networkx_betweenness():
    """Both accumulations, summed over all sources, are exact betweenness -- on a graph with
    isolates and several components, so unreachable pairs must contribute nothing."""
    G = departmental_graph(n=300, seed=5)
    g = index_graph(G)
    a = g.adjacency.astype(float)
    expected = nx.betweenness_centrality(G, normalized=False)
    every = np.arange(g.n)
    plain = dict(zip(g.nodes, dependencies(a, every, linear=False) / 2))
    linear = dict(zip(g.nodes, dependencies(a, every, linear=True)))
    assert plain == pytest.approx(expected, rel=1e-5, abs=1e-6)
    assert linear == pytest.approx(expected, rel=1e-5, abs=1e-6)


def test_plan_is_exact_under_the_work_budget_and_sampled_above():
    assert plan(2_000, 12_000) == BetweennessMethod(exact=True, sources=2_000)
    big = plan(10_000, 75_000)
    assert big == BetweennessMethod(exact=False, sources=SAMPLED_SOURCES)
    # Above the budget the number of searches stays fixed: cost linear in ties.
    assert plan(100_000, 3_000_000).sources == SAMPLED_SOURCES
    # Sampling nearly every manager would not save anything: exact instead.
    assert plan(2_200, EXACT_WORK).exact
    assert np.array_equal(
        sample_sources(1_000, 50), sample_sources(1_000, 50)
    )  # same brokers each run


def test_result_says_how_betweenness_was_computed():
    exact = compute_network_metrics(two_triangles())
    assert exact.betweenness == BetweennessMethod(exact=True, sources=6)
    assert exact.to_dict()["betweenness"] == {"exact": True, "sources": 6}
    G = departmental_graph(n=300, seed=5)
    sampled = compute_network_metrics(G, method=BetweennessMethod(exact=False, sources=64))
    assert sampled.to_dict()["betweenness"] == {"exact": False, "sources": 64}


@pytest.mark.slow
def test_sampled_brokers_hold_95_percent_of_the_true_top_20s_exact_betweenness(
    big, big_betweenness
):
    """A quarter of the managers as sources, on the cohort-shaped graph: the reported top 20's
    exact (NetworkX) betweenness sums to at least 95 % of the true top 20's."""
    method = BetweennessMethod(exact=False, sources=500)
    result = compute_network_metrics(big, top_brokers=20, workers=1, method=method)
    assert result.betweenness == method
    exact = big_betweenness
    true_top = sorted(exact.values(), reverse=True)[:20]
    reported = [exact[b.id] for b in result.brokers]
    assert len(reported) == 20
    assert sum(reported) / sum(true_top) >= 0.95
    # The estimate itself is unbiased: the whole network's total is close to the exact one.
    g = index_graph(big)
    estimate = betweenness(g, workers=1, method=method)
    assert estimate.sum() == pytest.approx(sum(exact.values()), rel=0.03)


@pytest.mark.slow
def test_constraint_equals_networkx_including_isolates(big):
    g = index_graph(big)
    sample = np.r_[np.arange(0, g.n, 97), g.n - 1]  # the last manager is an isolate
    expected = nx.constraint(big, nodes=[g.nodes[i] for i in sample])
    got = constraint(g, sample)
    for i, value in zip(sample, got):
        want = expected[g.nodes[i]]
        assert (np.isnan(value) and np.isnan(want)) or value == pytest.approx(want)


@pytest.mark.parametrize("seed", range(12))
def test_bounding_diameter_equals_networkx(seed):
    rng = random.Random(seed)
    G = nx.connected_watts_strogatz_graph(rng.randint(20, 300), 4, rng.random() * 0.3, seed=seed)
    if seed % 3 == 0:  # long paths and trees stress the bounds differently
        G = nx.random_labeled_tree(rng.randint(10, 200), seed=seed)
    nx.set_node_attributes(G, "d", "department")
    g = index_graph(G)
    _, labels = components(g)
    assert diameter(g, largest_component(labels)) == nx.diameter(G)


def _cohort_shaped(seed: int, managers: int = 600, size: int = 30) -> nx.Graph:
    """Cliques of ~30 (cohorts) joined by a few random ties: most managers' eccentricity is
    the diameter, the case where settling it exactly takes the most searches."""
    rng = random.Random(seed)
    G = nx.Graph()
    people = list(range(managers))
    for start in range(0, managers, size):
        G.add_edges_from(nx.complete_graph(people[start:start + size]).edges)
    for _ in range(managers // 10):
        G.add_edge(rng.randrange(managers), rng.randrange(managers))
    G.remove_edges_from(nx.selfloop_edges(G))
    nx.set_node_attributes(G, "d", "department")
    return G


@pytest.mark.parametrize("seed", range(4))
def test_a_diameter_search_out_of_budget_brackets_the_true_diameter(seed):
    G = _cohort_shaped(seed)
    g = index_graph(G)
    _, labels = components(g)
    largest = largest_component(labels)
    true = nx.diameter(G.subgraph([g.nodes[i] for i in largest]))
    assert diameter_bounds(g, largest) == (true, true)
    low, high = diameter_bounds(g, largest, bounding_steps=2, max_searches=2)
    assert low <= true <= high
    assert low < high  # two searches cannot settle it here, so the answer must say so


def test_the_job_says_when_its_diameter_is_only_bounded(monkeypatch):
    import peernet.jobs.network_metrics.compute as metrics

    G = _cohort_shaped(0)  # 64 searches do not settle this one (its diameter is 8)
    settled = compute_network_metrics(G, workers=1).organisation
    assert settled.diameter_exact and settled.diameter_upper == settled.diameter
    monkeypatch.setattr(metrics, "DIAMETER_WORK", 1)  # the floor of 64 searches remains
    bounded = compute_network_metrics(G, workers=1).organisation
    assert not bounded.diameter_exact
    assert bounded.diameter < bounded.diameter_upper
    assert bounded.diameter <= settled.diameter <= bounded.diameter_upper
    assert to_jsonable(bounded)["diameterExact"] is False


# --- the network at a date, cohorts before / after ---------------------------------------


def test_contacts_as_of_keeps_undated_ties():
    edges = [("a", "b", "2024-01-10"), ("b", "c", None), ("a", "c", "2024-06-01T08:00:00Z")]
    assert contacts_as_of(edges, "2024-03-01") == edges[:2]
    assert contacts_as_of(edges, "2024-06-01") == edges  # the same day counts


def test_cohort_before_after():
    G = nx.Graph()
    G.add_nodes_from(["p1", "p2", "x1"], department="A")
    G.add_nodes_from(["p3", "y1"], department="B")
    G.add_node("z1", department="C")
    G.add_edge("p1", "x1", since="2023-01-01")  # internal, before
    G.add_edge("p1", "y1", since=None)  # cross, undated: always known
    G.add_edge("p1", "p3", since="2024-03-01")  # cross, between two members, during
    G.add_edge("p2", "z1", since="2024-04-01")  # cross, during
    before, after = graph_as_of(G, "2024-01-31"), graph_as_of(G, "2024-06-30")
    result = cohort_before_after(before, after, ["p1", "p2", "p3"])
    assert (result.before.cross_department_ties, result.before.internal_ties) == (1, 1)
    assert (result.after.cross_department_ties, result.after.internal_ties) == (3, 1)
    assert result.before.departments_reached == 1  # B
    assert result.after.departments_reached == 3  # B, C and A (reached by p3)
    assert result.before.ei_index == pytest.approx(0.0)
    assert result.after.ei_index == pytest.approx(0.5)
    assert result.after.mean_departments_reached == pytest.approx((1 + 1 + 1) / 3)
    assert result.cross_department_ties_gained == 2
    assert before.number_of_nodes() == G.number_of_nodes()
