"""Brokers: exact betweenness centrality (igraph) and Burt's constraint for the top few.

Exact betweenness is the only super-linear step of the metrics job (Brandes: O(n·m)).
NetworkX needs an estimated 73 minutes at 10,000 managers, igraph about 85 s, and sampling
is no way out: on cohort-shaped graphs betweenness is flat and ``k=256`` sampling named
none of the true top 20 (``/work/shared/STYLE.md``). So it stays exact, in igraph, and on
big graphs the BFS sources are split over worker processes: betweenness is a sum over
sources, so the parts add up to the exact value.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import igraph as ig
import numpy as np

from .metrics_graph import IndexedGraph

# Below ~this many node·tie units (≈ 5 s of igraph) process start-up is not worth it.
_PARALLEL_WORK = 200_000_000


def _betweenness_part(n: int, edges: np.ndarray, sources: np.ndarray | None) -> np.ndarray:
    graph = ig.Graph(n=n, edges=edges.tolist())
    if sources is None:
        return np.asarray(graph.betweenness(directed=False), dtype=float)
    return np.asarray(
        graph.betweenness(directed=False, sources=sources.tolist()), dtype=float
    )


def _workers(g: IndexedGraph, workers: int | None) -> int:
    if workers is not None:
        return max(1, int(workers))
    if g.n * g.m < _PARALLEL_WORK:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


class BetweennessRun:
    """Exact betweenness started in the background, collected with :meth:`result`.

    On a big graph the worker processes start on entering the ``with`` block, so that the
    caller's other (linear) metrics are computed while they run; with one worker the work
    happens in :meth:`result`. Leaving the block always shuts the workers down.
    """

    def __init__(self, g: IndexedGraph, *, workers: int | None = None) -> None:
        self._g = g
        self._parts = _workers(g, workers) if g.n > 2 else 1
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list = []

    def __enter__(self) -> "BetweennessRun":
        g, parts = self._g, self._parts
        if parts > 1:
            edges = np.column_stack([g.src, g.dst])
            # Interleaved sources balance the parts better than contiguous ranges, whose
            # node order often follows departments of very different size.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=parts, mp_context=context)
            self._futures = [
                self._pool.submit(_betweenness_part, g.n, edges, np.arange(i, g.n, parts))
                for i in range(parts)
            ]
        return self

    def result(self) -> np.ndarray:
        """Normalised betweenness of every node (see :func:`betweenness`)."""
        n = self._g.n
        if n <= 2:
            return np.zeros(n)
        if self._pool is None:
            raw = _betweenness_part(n, np.column_stack([self._g.src, self._g.dst]), None)
        else:
            raw = sum(f.result() for f in self._futures)
        return raw / ((n - 1) * (n - 2) / 2)

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def betweenness(g: IndexedGraph, *, workers: int | None = None) -> np.ndarray:
    """Exact betweenness of every node, normalised as ``nx.betweenness_centrality``.

    Parameters
    ----------
    g : IndexedGraph
    workers : int or None
        Processes to spread the BFS sources over; ``None`` picks 1 for small graphs and
        up to 2 (the cores of our machines) for large ones. Processes are *spawned*, not
        forked, so a caller holding threads (a database driver) is safe.

    Returns
    -------
    ndarray
        ``b(v) / ((n - 1)(n - 2) / 2)`` where ``b(v)`` counts, over unordered pairs, the share
        of shortest paths through ``v`` -- NetworkX's normalisation for undirected graphs
        (``n`` is every node, isolates included).

    References
    ----------
    .. [1] Freeman, L. C. (1977). "A set of measures of centrality based on betweenness".
       Sociometry 40(1): 35-41.
    .. [2] Brandes, U. (2001). "A faster algorithm for betweenness centrality".
       Journal of Mathematical Sociology 25(2): 163-177.
    """
    with BetweennessRun(g, workers=workers) as run:
        return run.result()


def constraint(g: IndexedGraph, nodes: np.ndarray) -> np.ndarray:
    """Burt's constraint of the given node indices, ``nan`` for isolates (as ``nx.constraint``).

    ``c(i) = sum_j (p_ij + sum_q p_iq p_qj)^2`` over the contacts ``j`` of ``i`` with
    ``p_ij = 1 / degree(i)`` on an unweighted graph. ``nx.constraint(G, nodes=...)``
    recomputes every normalisation inside its inner loop (cubic in degree per node, slow
    for hubs); here ``sum_q p_iq p_qj`` for all ``j`` is one sparse row product.

    References
    ----------
    .. [1] Burt, R. S. (1992). "Structural Holes: The Social Structure of Competition".
       Harvard University Press.
    .. [2] Burt, R. S. (2004). "Structural holes and good ideas". American Journal of
       Sociology 110(2): 349-399.
    """
    a = g.adjacency
    degree = g.degree.astype(float)
    out = np.full(len(nodes), np.nan)
    for k, i in enumerate(np.asarray(nodes, dtype=np.int64)):
        if degree[i] == 0:
            continue
        contacts = a.indices[a.indptr[i] : a.indptr[i + 1]]
        # p_iq p_qj summed over q, for every j: (1/d_i) * sum_q a_qj / d_q
        indirect = (a[contacts].T @ (1.0 / degree[contacts])) / degree[i]
        local = 1.0 / degree[i] + indirect[contacts]
        out[k] = float(np.sum(local**2))
    return out


def top_nodes(values: np.ndarray, ids: list, count: int) -> np.ndarray:
    """Indices of the ``count`` largest values, ties broken by ``str(id)`` for determinism.

    Values are compared at 12 significant digits so that float noise (summing per-worker
    parts in a different order) cannot reorder managers whose betweenness is equal.
    """
    rounded = [float(f"{v:.12g}") for v in values]
    order = sorted(range(len(ids)), key=lambda i: (-rounded[i], str(ids[i])))
    return np.asarray(order[: max(0, count)], dtype=np.int64)


__all__ = ["BetweennessRun", "betweenness", "constraint", "top_nodes"]
