"""Compute step of the ``network-metrics`` job: the contact network in, its organisation,
department, department-matrix and broker figures out.

Pure: loaded rows (or an ``nx.Graph``, or an :class:`~.graph.IndexedGraph`) and parameters
in, a frozen :class:`~peernet.domain.metrics.NetworkMetrics` (or, for the job, its JSON) out;
nothing read or written elsewhere. Definitions and sources: ``docs/metrics.md``. The job
runner calls :func:`compute`; ``bench/bench_metrics.py`` and the unit tests call
:func:`compute_network_metrics` and :func:`compute_indexed_metrics`. The science lives
beside it: :mod:`.org` (department counts, E-I, modularity, triangles), :mod:`.paths`
(components, diameter), :mod:`.brokers` and :mod:`.sampling` (betweenness, constraint),
:mod:`.cohort` (the network at a date, cohorts before/after) and :mod:`.contacts` (the
loaded rows as a network).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

from peernet.domain.metrics import BetweennessMethod, Broker, NetworkMetrics, OrganisationMetrics

from ..registry import Params
from .brokers import BetweennessRun, constraint, top_nodes
from .contacts import as_of_param, indexed_contacts
from .graph import IndexedGraph, index_graph
from .org import (
    clustering,
    department_matrix,
    department_metrics,
    department_ties,
    ei_index,
    modularity,
    other_departments_reached,
    triangles_per_node,
)
from .paths import components, diameter_bounds, largest_component

# Breadth-first searches x ties the diameter may spend: a budget, so that the diameter never
# dominates the job's time; exact at 10,000 managers, a lower and an upper bound at 100,000
# (see .paths; its time is in BENCHMARKS.md).
DIAMETER_WORK = 600_000_000


def compute_network_metrics(
    G: nx.Graph,
    *,
    department_attr: str = "department",
    top_brokers: int = 20,
    workers: int | None = None,
    method: BetweennessMethod | None = None,
) -> NetworkMetrics:
    """Organisation, department, department-matrix and broker metrics of a contact network.

    Parameters
    ----------
    G : nx.Graph
        Undirected; nodes are managers carrying ``department_attr``, edges are ``KNOWS``
        ties. Self-loops are ignored, parallel edges count once, ``G`` is not modified.
    department_attr : str
        Node attribute holding the department id.
    top_brokers : int
        How many managers to report by betweenness.
    workers : int or None
        Processes for betweenness (see :func:`.brokers.betweenness`).
    method : BetweennessMethod or None
        Force exact or sampled betweenness; ``None`` chooses by size.

    Returns
    -------
    NetworkMetrics
        ``.to_dict()`` gives camelCase JSON.

    Raises
    ------
    ValueError
        If ``G`` is directed or a manager has no department.

    Notes
    -----
    Everything is linear in ties (triangles: in two-paths; the diameter takes as many
    breadth-first searches as settle its bounds, at most ``DIAMETER_WORK`` / ties of them,
    after which it reports the lower bound with ``diameter_exact`` false) except
    betweenness, O(sources · ties): exact (every manager a source) on small graphs,
    estimated from a fixed number of sampled sources above a work budget
    (:mod:`.brokers`; ``result.betweenness`` says which). It runs in worker
    processes alongside the rest on big graphs. Undefined ratios (no ties at all) are
    ``None``.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Social Psychology Quarterly 51(2).
    .. [2] Newman, M. E. J. (2006). PNAS 103(23): 8577-8582.
    .. [3] Brandes, U. (2001). Journal of Mathematical Sociology 25(2): 163-177.
    .. [4] Burt, R. S. (1992). Structural Holes. Harvard University Press.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a1", "a2", "a3"], department="A")
    >>> G.add_nodes_from(["b1", "b2", "b3"], department="B")
    >>> G.add_edges_from([("a1", "a2"), ("a1", "a3"), ("a2", "a3"),
    ...                   ("b1", "b2"), ("b1", "b3"), ("b2", "b3"), ("a3", "b1")])
    >>> result = compute_network_metrics(G, top_brokers=1)
    >>> round(result.organisation.ei_index, 4), result.brokers[0].id
    (-0.7143, 'a3')
    """
    g = index_graph(G, department_attr)
    return compute_indexed_metrics(g, top_brokers=top_brokers, workers=workers, method=method)


def compute_indexed_metrics(
    g: IndexedGraph,
    *,
    top_brokers: int = 20,
    workers: int | None = None,
    method: BetweennessMethod | None = None,
) -> NetworkMetrics:
    """:func:`compute_network_metrics` on an :class:`IndexedGraph` (built from arrays by
    :func:`~.graph.indexed_graph`, so big networks never become an ``nx.Graph``).
    ``method`` forces exact or sampled betweenness; ``None`` chooses by size
    (:func:`~.brokers.plan`)."""
    # Betweenness (the one O(n·m) step) starts first so that, on big graphs, its worker
    # processes run while everything else is computed here.
    with BetweennessRun(g, workers=workers, method=method) as running:
        ties = department_ties(g)
        internal = int(np.trace(ties))
        external = g.m - internal
        triangles = triangles_per_node(g.adjacency)
        count, labels = components(g)
        largest = largest_component(labels)
        low, high = diameter_bounds(g, largest, max_searches=max(64, DIAMETER_WORK // max(g.m, 1)))
        reached = other_departments_reached(g)
        organisation = OrganisationMetrics(
            managers=g.n,
            contacts=g.m,
            cross_department_share=(external / g.m) if g.m else None,
            ei_index=ei_index(external, internal),
            modularity=modularity(g, ties),
            average_clustering=float(clustering(triangles, g.degree).mean()) if g.n else 0.0,
            triangles=int(triangles.sum() // 3),
            components=count,
            largest_component=int(largest.size),
            diameter=low,
            isolates=int(np.count_nonzero(g.degree == 0)),
            fewer_than_3_departments=float(np.mean(reached < 3)) if g.n else None,
            diameter_exact=low == high,
            diameter_upper=high,
        )
        departments = department_metrics(g, ties)
        matrix = department_matrix(g, ties)
        scores = running.result()

    chosen = top_nodes(scores, g.nodes, top_brokers)
    burt = constraint(g, chosen)
    brokers = tuple(
        Broker(
            id=g.nodes[i],
            department=g.departments[g.dept[i]],
            betweenness=float(scores[i]),
            constraint=None if np.isnan(c) else float(c),
            degree=int(g.degree[i]),
        )
        for i, c in zip(chosen, burt)
    )
    return NetworkMetrics(
        organisation=organisation, departments=departments, matrix=matrix, brokers=brokers,
        betweenness=running.method,
    )


def compute(loaded: dict[str, Any], params: Params) -> dict[str, Any]:
    """The job's compute step: the loaded rows (all contacts, or those known by the
    ``as_of`` parameter) to the metrics' camelCase JSON, ``top_brokers`` brokers."""
    g = indexed_contacts(loaded, as_of_param(params))
    return compute_indexed_metrics(g, top_brokers=params["top_brokers"]).to_dict()


__all__ = ["DIAMETER_WORK", "compute", "compute_indexed_metrics", "compute_network_metrics"]
