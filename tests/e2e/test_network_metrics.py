"""The network-metrics job end to end: run, read the latest and the trend, role rules, and
agreement with NetworkX on the demo graph."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from peernet.cli import app as cli
from tests.conftest import cypher

METRICS = """{ networkMetrics { managers contacts crossDepartmentShare eiIndex modularity
  averageClustering triangles components largestComponent diameter isolates
  fewerThan3Departments computedAt
  departments { id department { name } managers internalTies externalTies eiIndex
                departmentsReached }
  matrix { departments { id } ties density cells { fromDepartment toDepartment ties } }
  brokers(first: 5) { manager { id name } department { id } betweenness constraint degree } } }"""
HISTORY = "{ networkMetricsHistory(first: 10) { computedAt asOf managers contacts eiIndex } }"


def _demo_graph() -> nx.Graph:
    G = nx.Graph()
    for r in cypher("MATCH (m:Manager)-[:WORKS_IN]->(d) RETURN m.id AS id, d.id AS d"):
        G.add_node(r["id"], department=r["d"])
    G.add_edges_from((r["a"], r["b"]) for r in cypher(
        "MATCH (a:Manager)-[:KNOWS]->(b:Manager) RETURN a.id AS a, b.id AS b"))
    return G


def test_an_admin_runs_the_job_and_reads_figures_that_match_networkx(gql, fresh_demo):
    assert (
        gql.post("{ networkMetrics { managers } }").json()["errors"][0]["extensions"]["code"]
        == "FORBIDDEN"
    )
    assert gql(METRICS, role="admin")["data"]["networkMetrics"] is None  # no run yet

    result = CliRunner().invoke(cli, ["jobs", "run", "network-metrics"])
    assert result.exit_code == 0, result.output
    m = gql(METRICS, role="admin")["data"]["networkMetrics"]

    G = _demo_graph()
    departments = nx.get_node_attributes(G, "department")
    external = sum(1 for a, b in G.edges if departments[a] != departments[b])
    internal = G.number_of_edges() - external
    partition = {}
    for node, d in departments.items():
        partition.setdefault(d, set()).add(node)
    assert m["managers"] == G.number_of_nodes() and m["contacts"] == G.number_of_edges()
    assert m["crossDepartmentShare"] == pytest.approx(external / G.number_of_edges())
    assert m["eiIndex"] == pytest.approx((external - internal) / (external + internal))
    assert m["modularity"] == pytest.approx(nx.community.modularity(G, partition.values()))
    assert m["averageClustering"] == pytest.approx(nx.average_clustering(G))
    assert m["triangles"] == sum(nx.triangles(G).values()) // 3
    assert m["components"] == nx.number_connected_components(G)
    largest = max(nx.connected_components(G), key=len)
    assert m["largestComponent"] == len(largest)
    assert m["diameter"] == nx.diameter(G.subgraph(largest))
    assert m["isolates"] == nx.number_of_isolates(G)

    exact = nx.betweenness_centrality(G)
    top = sorted(exact.values(), reverse=True)[:5]
    assert [b["betweenness"] for b in m["brokers"]] == pytest.approx(top)
    # The snapshot records that the demo organisation is small enough for exact betweenness.
    stored = json.loads(cypher("MATCH (s:MetricsSnapshot) RETURN s.data AS data")[0]["data"])
    assert stored["betweenness"] == {"exact": True, "sources": G.number_of_nodes()}
    for broker in m["brokers"]:
        assert broker["constraint"] == pytest.approx(
            nx.constraint(G, [broker["manager"]["id"]])[broker["manager"]["id"]]
        )
    assert sum(d["managers"] for d in m["departments"]) == m["managers"]
    n = len(m["matrix"]["departments"])
    assert len(m["matrix"]["cells"]) == n * n
    assert (
        sum(sum(row) for row in m["matrix"]["ties"]) >= m["contacts"]
    )  # off-diagonal counted both ways


def test_history_keeps_every_snapshot_and_as_of_uses_contact_dates(gql, fresh_demo):
    gql('mutation { runJob(name: "network-metrics") { status } }', role="admin")
    earliest = cypher("MATCH ()-[k:KNOWS]->() WHERE k.since IS NOT NULL "
                      "RETURN min(k.since) AS d")[0]["d"]
    ran = gql('mutation($p: JSON) { runJob(name: "network-metrics", params: $p) { status } }',
              {"p": {"as_of": earliest}}, role="admin")
    assert ran["data"]["runJob"]["status"] == "SUCCEEDED"
    history = gql(HISTORY, role="admin")["data"]["networkMetricsHistory"]
    assert len(history) == 2
    then = next(h for h in history if h["asOf"] == earliest)
    now = next(h for h in history if h["asOf"] is None)
    known_then = cypher(
        "MATCH ()-[k:KNOWS]->() WHERE k.since IS NULL OR k.since <= $d RETURN count(k) AS n",
        d=earliest,
    )[0]["n"]
    assert then["contacts"] == known_then < now["contacts"]

    bad = gql.post(
        'mutation { runJob(name: "network-metrics", params: {as_of: "soon"}) { status } }',
        role="admin",
    )
    assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_cohort_before_and_after(gql, demo_graph):
    cmp = gql(
        '{ cohortNetworkComparison(cohortId: "c-1") { start end members '
        'before { crossDepartmentTies departmentsReached } '
        'after { crossDepartmentTies departmentsReached } '
        'crossDepartmentTiesGained } }',
        role="admin",
    )["data"]["cohortNetworkComparison"]
    assert cmp["members"] > 20
    assert (
        cmp["after"]["crossDepartmentTies"] - cmp["before"]["crossDepartmentTies"]
        == cmp["crossDepartmentTiesGained"]
    )
    assert cmp["crossDepartmentTiesGained"] > 0, (
        "the programme should have created cross-department ties"
    )
