"""Connected components and the exact diameter of the largest one. Used by the
``network-metrics`` job's compute step (:mod:`.compute`), ``bench/bench_metrics.py`` and the
unit tests.

The diameter needs every node's eccentricity in principle, one breadth-first search each,
which is slow on a large organisation even in igraph. The bounding algorithm of Takes
and Kosters usually settles it after a handful of searches on small-world graphs, and is
exact: it stops only when its lower and upper bounds meet. Each search runs in igraph (C).
"""

from __future__ import annotations

import igraph as ig
import numpy as np
from scipy.sparse.csgraph import connected_components

from .graph import IndexedGraph


def components(g: IndexedGraph) -> tuple[int, np.ndarray]:
    """Number of connected components (isolates included, as NetworkX) and each node's label."""
    count, labels = connected_components(g.adjacency, directed=False)
    return int(count), labels


def largest_component(labels: np.ndarray) -> np.ndarray:
    """Indices of the nodes of the largest component; the lowest label wins a tie in size."""
    if labels.size == 0:
        return labels
    sizes = np.bincount(labels)
    return np.flatnonzero(labels == int(np.argmax(sizes)))


def _component_igraph(g: IndexedGraph, members: np.ndarray) -> ig.Graph:
    local = np.full(g.n, -1, dtype=np.int64)
    local[members] = np.arange(members.size)
    keep = local[g.src] >= 0  # a component holds both ends of its ties, or neither
    edges = np.column_stack([local[g.src[keep]], local[g.dst[keep]]])
    return ig.Graph(n=int(members.size), edges=edges.tolist())


def _relax_upper(graph_csr: tuple[np.ndarray, np.ndarray], upper: np.ndarray) -> np.ndarray:
    """Tighten ``ecc(w) <= ecc(x) + 1`` over every tie (w, x) until nothing changes."""
    indptr, indices = graph_csr
    has = np.diff(indptr) > 0
    while True:
        best_neighbour = np.full(upper.size, np.iinfo(np.int64).max // 2)
        best_neighbour[has] = np.minimum.reduceat(upper[indices], indptr[:-1][has])
        relaxed = np.minimum(upper, best_neighbour + 1)
        if np.array_equal(relaxed, upper):
            return upper
        upper = relaxed


def diameter(g: IndexedGraph, members: np.ndarray, *, bounding_steps: int = 64) -> int | None:
    """Exact diameter of the connected node set ``members`` (``None`` if it is empty);
    see :func:`diameter_bounds`."""
    return diameter_bounds(g, members, bounding_steps=bounding_steps)[0]


def diameter_bounds(
    g: IndexedGraph, members: np.ndarray, *, bounding_steps: int = 64,
    max_searches: int | None = None,
) -> tuple[int | None, int | None]:
    """Lower and upper bound of the diameter of the connected node set ``members``: equal
    (the exact diameter) unless ``max_searches`` breadth-first searches did not settle it.
    The lower bound is always a real eccentricity, so a shortest path that long exists.

    Keeps per-node lower and upper bounds on the eccentricity, refined after each BFS from
    ``v`` by ``max(ecc(v) - d(v, w), d(v, w)) <= ecc(w) <= ecc(v) + d(v, w)``; BFS sources
    alternate between the largest upper and the smallest lower bound (Takes and Kosters
    2011, as ``nx.diameter(G, usebounds=True)``). Then, because cohort cliques give nearly
    every manager an eccentricity of 3 or 4 and those bounds alone would need thousands of
    searches, eccentricities are computed outright in igraph, a batch at a time, for the
    nodes adjacent to the most unsettled ones (a greedy dominating set), and each exact
    value caps its neighbours' through ``ecc(w) <= ecc(x) + 1``. A node is dropped once its
    upper bound is at most the best eccentricity found; the answer is exact.

    References
    ----------
    .. [1] Takes, F. W. and Kosters, W. A. (2011). "Determining the diameter of small world
       networks". Proc. 20th ACM CIKM, 1191-1196.
    """
    size = int(members.size)
    if size == 0:
        return None, None
    if size == 1:
        return 0, 0
    searches = 0
    graph = _component_igraph(g, members)
    adjacency = g.adjacency[members][:, members].tocsr()
    csr = (adjacency.indptr.astype(np.int64), adjacency.indices.astype(np.int64))
    degree = np.diff(csr[0])
    lower = np.zeros(size, dtype=np.int64)
    upper = np.full(size, size, dtype=np.int64)
    best = 0
    high = True
    for _ in range(bounding_steps):
        pool = np.flatnonzero(upper > np.maximum(lower, best))
        if pool.size == 0:
            return best, best
        # Ties go to the best-connected node: its BFS tightens the most bounds.
        if high:
            v = int(pool[np.lexsort((-degree[pool], -upper[pool]))[0]])
        else:
            v = int(pool[np.lexsort((-degree[pool], lower[pool]))[0]])
        high = not high
        dist = np.asarray(graph.distances(source=v)[0], dtype=np.int64)
        searches += 1
        ecc = int(dist.max())
        lower = np.maximum(lower, np.maximum(dist, ecc - dist))
        upper = np.minimum(upper, ecc + dist)
        best = max(best, int(lower.max()))
    upper = _relax_upper(csr, upper)
    while True:
        pending = np.flatnonzero((upper > best) & (lower < upper))
        if pending.size == 0:
            return best, best
        if max_searches is not None and searches >= max_searches:
            # On cohort-shaped graphs most managers' eccentricity equals the diameter, so
            # settling it exactly costs a search for a good share of the managers, far too
            # long at 100,000. Past the budget, report what is known instead.
            return best, int(upper[pending].max())
        # Greedy domination: an exact eccentricity caps every neighbour, so measure the
        # nodes with the most unsettled neighbours; plus the unsettled nodes with the
        # largest upper bounds while those exceed the best by more than one -- the
        # likeliest to raise it.
        unsettled = np.zeros(size)
        unsettled[pending] = 1.0
        reach = adjacency @ unsettled + unsettled
        unknown = np.flatnonzero(lower < upper)
        batch = unknown[np.lexsort((unknown, -reach[unknown]))[:48]]
        far = pending[upper[pending] > best + 1]
        if far.size:
            batch = np.union1d(batch, far[np.lexsort((far, -upper[far]))[:64]])
        exact = np.asarray(graph.eccentricity(vertices=batch.tolist()), dtype=np.int64)
        searches += int(batch.size)
        lower[batch] = upper[batch] = exact
        best = max(best, int(exact.max()))
        upper = _relax_upper(csr, upper)


__all__ = ["components", "diameter", "diameter_bounds", "largest_component"]
