"""Betweenness estimated from a sample of sources, with Geisberger-Sanders-Schultes scaling.
Used by :mod:`.brokers` (worker processes included) and the unit tests.

Exact betweenness (Brandes) needs one breadth-first search per manager: O(managers · ties),
too slow on a large organisation. Above a work budget the job therefore sums the
dependencies of ``k`` sources drawn at random and scales by ``n / k`` (Brandes and Pich
2007), with two refinements measured on the bench's 10,000-manager organisation
(``docs/metrics.md``; the figures are in ``BENCHMARKS.md``):

* **Linear scaling** (Geisberger, Sanders and Schultes 2008). On these graphs a top broker
  owes most of its betweenness to pairs within two steps of it: a source next to it
  contributes far more than the average, so plain source sampling is dominated by whether a
  broker's few neighbours happen to be drawn. Linear scaling credits each source-target
  pair to ``v`` in proportion to ``d(s, v) / d(s, t)``, so a pair's weight goes mostly to
  the endpoint far from ``v`` -- the one that is likely to be sampled. Summed over *all*
  sources it is still exact (each pair's two shares add up to one), so the estimate stays
  unbiased, and at equal ``k`` its reported top 20 hold more of the true top 20's exact
  betweenness than plain sampling's; ``k = 2048`` is where that share stops mattering.
* **Exact strata did not pay**: computing the neighbours of the highest-degree managers
  exactly and sampling the rest gave no better share than linear scaling at equal cost.

The kernel is Brandes' algorithm written as sparse-matrix products over a batch of sources
at once (one column per source, one product per BFS level, forward for path counts and
backward for dependencies); on these graphs it runs at igraph's per-source speed, and unlike
igraph it lets the accumulation be weighted. Summed over every source with ``linear=False``
it is exact betweenness, which the tests check against NetworkX.

References
----------
.. [1] Brandes, U. (2001). "A faster algorithm for betweenness centrality". Journal of
   Mathematical Sociology 25(2): 163-177.
.. [2] Brandes, U. and Pich, C. (2007). "Centrality estimation in large networks".
   International Journal of Bifurcation and Chaos 17(7): 2303-2318.
.. [3] Geisberger, R., Sanders, P. and Schultes, D. (2008). "Better approximation of
   betweenness centrality". Proc. 10th ALENEX, 90-100.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

# Dense n x batch matrices held at once: about six of them, 4 bytes a cell, so ~100 MiB
# per worker process at most, whatever the number of managers.
_BATCH_CELLS = 4_000_000
_MAX_BATCH = 256
# Single precision halves the memory traffic of the sparse products (the bulk of the time);
# its 7 significant digits are far finer than the sampling error.
_FLOAT = np.float32


def batch_size(n: int) -> int:
    """Sources per batch for ``n`` nodes, bounded so that memory does not grow with ``n``."""
    return int(max(1, min(_MAX_BATCH, _BATCH_CELLS // max(n, 1))))


def _batch(a: sp.csr_array, sources: np.ndarray, linear: bool) -> np.ndarray:
    n, width = a.shape[0], sources.size
    cols = np.arange(width)
    sigma = np.zeros((n, width), dtype=_FLOAT)  # shortest paths from each source
    sigma[sources, cols] = 1.0
    dist = np.full((n, width), -1, dtype=np.int16)
    dist[sources, cols] = 0
    frontier = sigma.copy()
    depth = 0
    while True:
        reached = a @ frontier
        new = reached > 0
        new &= dist < 0
        if not new.any():
            break
        depth += 1
        frontier = reached * new
        sigma += frontier
        dist[new] = depth
    inverse = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=sigma > 0)
    del frontier, reached, new
    # Dependencies, deepest level first: every neighbour one level further down is a
    # successor on a shortest path (unweighted graph), so one product per level suffices.
    # Each node's value is written once, at its own level, so adding into zeros is setting.
    acc = np.zeros((n, width), dtype=_FLOAT)
    for level in range(depth, 0, -1):
        # Plain Brandes counts each target once; linear scaling weights target t by
        # 1 / d(s, t), and the node's share is multiplied by d(s, v) at the end.
        target = (1.0 / level) if linear else 1.0
        coef = (acc + _FLOAT(target)) * inverse
        coef *= dist == level
        pushed = a @ coef
        pushed *= sigma
        pushed *= dist == level - 1
        acc += pushed
    acc[sources, cols] = 0.0
    if linear:
        acc *= np.maximum(dist, 0)
    total: np.ndarray = acc.sum(axis=1, dtype=np.float64)
    return total


def dependencies(a: sp.csr_array, sources: np.ndarray, *, linear: bool) -> np.ndarray:
    """Sum over ``sources`` of each node's dependency on them.

    Parameters
    ----------
    a : scipy.sparse.csr_array
        Symmetric 0/1 adjacency (float64) of an undirected graph without self-loops.
    sources : ndarray of int
    linear : bool
        ``False``: Brandes' dependency ``delta_s(v) = sum_t sigma_st(v) / sigma_st``; over all
        sources that is twice the (unordered-pair) betweenness. ``True``: the
        Geisberger-Sanders-Schultes linearly scaled dependency, ``sum_t sigma_st(v) / sigma_st
        * d(s, v) / d(s, t)``; over all sources that is the betweenness itself.

    Returns
    -------
    ndarray
        One value per node.
    """
    sources = np.asarray(sources, dtype=np.int64)
    a = a.astype(_FLOAT)
    out = np.zeros(a.shape[0])
    step = batch_size(a.shape[0])
    for start in range(0, sources.size, step):
        out += _batch(a, sources[start : start + step], linear)
    return out


def sample_sources(n: int, k: int, seed: int = 0) -> np.ndarray:
    """``k`` distinct nodes out of ``n``, the same ones on every run with the same graph."""
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=min(k, n), replace=False))


__all__ = ["batch_size", "dependencies", "sample_sources"]
