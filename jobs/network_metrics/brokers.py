"""Brokers: betweenness centrality -- exact, or estimated on big graphs -- and Burt's
constraint for the top few. Used by the ``network-metrics`` job's compute step
(:mod:`.compute`), ``bench/bench_metrics.py`` and the unit tests.

Betweenness is the only super-linear step of the metrics job (Brandes: O(managers · ties)),
too slow to run exactly on a large organisation. So it is exact while ``managers x ties``
stays under :data:`EXACT_WORK`, and above it estimated from :data:`SAMPLED_SOURCES` random
sources with linear scaling (:mod:`.sampling`): a fixed number of breadth-first searches, so
the cost grows linearly with ties. Sampled betweenness rarely names the true top brokers
exactly -- betweenness is flat near the top -- but the brokers' purpose is to point at
people whose *exact* betweenness is high, and the linearly scaled sample's top 20 hold
nearly all of the true top 20's exact betweenness (``bench/job_worker.py --exact-max``;
the figures are in ``BENCHMARKS.md``). The result says which it was
(:class:`~peernet.domain.metrics.BetweennessMethod`).

Either way the sources are split over worker processes: betweenness is a sum over
sources, so the parts add up.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import igraph as ig
import numpy as np
import scipy.sparse as sp

from peernet.domain.metrics import BetweennessMethod

from .graph import IndexedGraph
from .sampling import dependencies, sample_sources

# Below this many node·tie units process start-up costs more than a second process saves.
_PARALLEL_WORK = 200_000_000
# Exact while managers x ties is below this (a few seconds on one core) ...
EXACT_WORK = 50_000_000
# ... and above it this many sampled sources, or as many as the same work buys if more.
SAMPLED_SOURCES = 2048


def plan(n: int, m: int, *, exact_work: int = EXACT_WORK,
         sampled_sources: int = SAMPLED_SOURCES) -> BetweennessMethod:
    """Exact if ``n * m <= exact_work`` or sampling would not save much; else sampled.

    Examples
    --------
    >>> plan(2_000, 12_000)
    BetweennessMethod(exact=True, sources=2000)
    >>> plan(10_000, 75_000)
    BetweennessMethod(exact=False, sources=2048)
    """
    k = max(sampled_sources, exact_work // max(m, 1))
    if n * m <= exact_work or k >= 0.8 * n:
        return BetweennessMethod(exact=True, sources=n)
    return BetweennessMethod(exact=False, sources=int(k))


def _exact_part(n: int, edges: np.ndarray, sources: np.ndarray | None) -> np.ndarray:
    graph = ig.Graph(n=n, edges=edges.tolist())
    if sources is None:
        return np.asarray(graph.betweenness(directed=False), dtype=float)
    return np.asarray(
        graph.betweenness(directed=False, sources=sources.tolist()), dtype=float
    )


def _sampled_part(n: int, indptr: np.ndarray, indices: np.ndarray,
                  sources: np.ndarray) -> np.ndarray:
    a = sp.csr_array((np.ones(indices.size), indices, indptr), shape=(n, n))
    return dependencies(a, sources, linear=True)


def _workers(work: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, int(workers))
    if work < _PARALLEL_WORK:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


# One worker's share: the function and the arguments it is called with (in a process).
_Task = tuple[Callable[..., np.ndarray], tuple[Any, ...]]


class BetweennessRun:
    """Betweenness started in the background, collected with :meth:`result`.

    On a big graph the worker processes start on entering the ``with`` block, so that the
    caller's other (linear) metrics are computed while they run; with one worker the work
    happens in :meth:`result`. Leaving the block always shuts the workers down.
    """

    def __init__(self, g: IndexedGraph, *, workers: int | None = None,
                 method: BetweennessMethod | None = None, seed: int = 0) -> None:
        self._g = g
        self.method = method or plan(g.n, g.m)
        self._sources = (None if self.method.exact
                         else sample_sources(g.n, self.method.sources, seed))
        work = self.method.sources * max(g.m, 1)
        self._parts = _workers(work, workers) if g.n > 2 else 1
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[np.ndarray]] = []

    def _submit(self, part: int) -> _Task:
        g, parts = self._g, self._parts
        # Interleaved sources balance the parts better than contiguous ranges, whose
        # node order often follows departments of very different size.
        if self._sources is None:
            sources = np.arange(part, g.n, parts) if parts > 1 else None
            return _exact_part, (g.n, np.column_stack([g.src, g.dst]), sources)
        a = g.adjacency
        return _sampled_part, (g.n, a.indptr, a.indices, self._sources[part::parts])

    def __enter__(self) -> BetweennessRun:
        if self._parts > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self._parts, mp_context=context)
            self._futures = [self._pool.submit(fn, *args)
                             for fn, args in map(self._submit, range(self._parts))]
        return self

    def result(self) -> np.ndarray:
        """Normalised betweenness of every node (see :func:`betweenness`)."""
        n = self._g.n
        if n <= 2:
            return np.zeros(n)
        if self._pool is None:
            fn, args = self._submit(0)
            raw = fn(*args)
        else:
            # asarray only types the sum: every part is an array, so it is one already.
            raw = np.asarray(sum(f.result() for f in self._futures))
        if self._sources is not None:
            # An unbiased estimate of the sum over all n sources.
            raw = raw * (n / self._sources.size)
        return raw / ((n - 1) * (n - 2) / 2)

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def betweenness(g: IndexedGraph, *, workers: int | None = None,
                method: BetweennessMethod | None = None, seed: int = 0) -> np.ndarray:
    """Betweenness of every node, normalised as ``nx.betweenness_centrality``.

    Parameters
    ----------
    g : IndexedGraph
    workers : int or None
        Processes to spread the BFS sources over; ``None`` picks 1 for small graphs and
        up to 2 (the cores of our machines) for large ones. Processes are *spawned*, not
        forked, so a caller holding threads (a database driver) is safe.
    method : BetweennessMethod or None
        Exact, or sampled from ``method.sources`` sources; ``None`` chooses by :func:`plan`.
    seed : int
        Seed of the source sample (the same graph gives the same brokers on every run).

    Returns
    -------
    ndarray
        ``b(v) / ((n - 1)(n - 2) / 2)`` where ``b(v)`` counts, over unordered pairs, the share
        of shortest paths through ``v`` -- NetworkX's normalisation for undirected graphs
        (``n`` is every node, isolates included). Sampled: an unbiased estimate of it.

    References
    ----------
    .. [1] Freeman, L. C. (1977). "A set of measures of centrality based on betweenness".
       Sociometry 40(1): 35-41.
    .. [2] Brandes, U. (2001). "A faster algorithm for betweenness centrality".
       Journal of Mathematical Sociology 25(2): 163-177.
    """
    with BetweennessRun(g, workers=workers, method=method, seed=seed) as run:
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


def top_nodes(values: np.ndarray, ids: Sequence[Hashable], count: int) -> np.ndarray:
    """Indices of the ``count`` largest values, ties broken by ``str(id)`` for determinism.

    Values are compared at 12 significant digits so that float noise (summing per-worker
    parts in a different order) cannot reorder managers whose betweenness is equal.
    """
    rounded = [float(f"{v:.12g}") for v in values]
    order = sorted(range(len(ids)), key=lambda i: (-rounded[i], str(ids[i])))
    return np.asarray(order[: max(0, count)], dtype=np.int64)


__all__ = [
    "EXACT_WORK", "SAMPLED_SOURCES", "BetweennessRun", "betweenness",
    "constraint", "plan", "top_nodes",
]
