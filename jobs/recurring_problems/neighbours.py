"""Each report's nearest neighbours by TF-IDF cosine: a sparse graph, never ``n × n``.

Up to a few thousand reports the search is exhaustive. Above, it is an inverted-file
search whose memory and time grow with the number of reports, not its square: every
intermediate is either ``n × (small constant)`` or a block of bounded size. Used by
:func:`.groups.group_problems` (the similarity graph), :mod:`.clusters` (centroid
neighbours) and the unit tests.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.cluster import MiniBatchKMeans
from sklearn.neighbors import NearestNeighbors

# Above this many reports the exhaustive neighbour search (quadratic in time) gives way to
# a partitioned one (linear).
EXACT_SEARCH_LIMIT = 6000
# Dimensions of the random projection that picks candidates, and candidates re-scored
# per report beyond the neighbours kept: more of either raises recall and cost.
PROJECTION_DIMENSIONS = 256
EXTRA_CANDIDATES = 11
# Reports per cell of the partition, and cells each report is filed in.
CELL_SIZE = 500
PROBES = 3
# Rows per dense block: 8,192 × 1,000 cells or 2,048 × a pool of ~1,500 float32 values
# is 12-32 MiB, whatever the number of reports.
_BLOCK = 8192
_QUERY_BLOCK = 2048


def _exact_neighbours(
    X: sp.csr_matrix, k: int, n_jobs: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices and cosine similarities of each row's ``k`` nearest rows, itself included."""
    search = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute", n_jobs=n_jobs)
    # scikit-learn sizes its distance chunks by working_memory (default 1 GiB: all of a
    # 5,000 × 5,000 block at once); 32 MiB keeps the peak small at no cost in speed.
    with sklearn.config_context(working_memory=32):
        distance, index = search.fit(X).kneighbors(X)
    return index, 1.0 - distance


def _projection(X: sp.csr_matrix, rng: np.random.Generator) -> np.ndarray:
    """Rows randomly projected to 256 dense dimensions and L2-normalised.

    A Gaussian projection (as sklearn's ``GaussianRandomProjection``) keeps inner
    products to about ±0.06 (Johnson-Lindenstrauss); float32 throughout, so the sparse
    matrix is neither converted nor copied. ``n × 256`` float32: 0.5 GiB at 500,000.
    """
    projection = rng.standard_normal((X.shape[1], PROJECTION_DIMENSIONS), dtype=np.float32)
    Z = np.asarray(X.astype(np.float32, copy=False) @ projection)
    del projection
    Z /= np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-12)
    return Z


def _nearest_cells(Z: np.ndarray, centres: np.ndarray, probes: int) -> np.ndarray:
    """The ``probes`` nearest centres of each row, nearest first, in row blocks (the full
    ``n × cells`` table would be 2 GiB at 500,000 reports and 1,000 cells)."""
    out = np.empty((Z.shape[0], probes), dtype=np.int32)
    for start in range(0, Z.shape[0], _BLOCK):
        closeness = Z[start : start + _BLOCK] @ centres.T
        nearest = np.argpartition(-closeness, probes - 1, axis=1)[:, :probes]
        rank = np.argsort(-np.take_along_axis(closeness, nearest, axis=1), axis=1, kind="stable")
        out[start : start + _BLOCK] = np.take_along_axis(nearest, rank, axis=1)
    return out


def _runs(keys: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions sorted by ``keys`` (stable) and the bounds of each key's run."""
    order = np.argsort(keys, kind="stable")
    return order, np.searchsorted(keys[order], np.arange(count + 1))


def _partitioned_candidates(X: sp.csr_matrix, k: int, seed: int) -> np.ndarray:
    """``k`` candidate neighbours per row found within a few cells of a coarse partition.

    Inverted-file search (Jégou et al. 2011): randomly projected rows are split into cells
    of ~500 by k-means, each row is filed in its 3 nearest cells, and a row is compared
    only with the ~1,500 rows filed in its nearest cell -- ``O(n × 1,500)`` work instead
    of ``O(n²)``. The caller re-scores candidates with the exact TF-IDF cosine, so only
    recall is approximate: most of the exact 10-NN edges are found, the misses being
    near-ties (recall on synthetic reports in ``BENCHMARKS.md``).

    Returns an ``n × k`` int32 array; rows whose pool is smaller than ``k`` are padded
    with themselves (dropped by the caller).

    References
    ----------
    .. [1] Jégou, H., Douze, M. and Schmid, C. (2011). "Product quantization for nearest
       neighbor search". IEEE TPAMI 33(1): 117-128 (the inverted-file index).
    .. [2] Dasgupta, S. and Gupta, A. (2003). "An elementary proof of a theorem of Johnson
       and Lindenstrauss". Random Structures & Algorithms 22(1): 60-65.
    """
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    Z = _projection(X, rng)
    cells = max(1, n // CELL_SIZE)
    probes = min(PROBES, cells)
    # A sample of ~10 rows per cell and five passes over it train the centres: enough
    # for roughly even cells, which is all they need to be (more passes find no more
    # neighbours). Random initial centres, as k-means++ seeding costs more here than
    # everything else in the search.
    sample = np.sort(rng.choice(n, size=min(n, max(5000, 10 * cells)), replace=False))
    kmeans = MiniBatchKMeans(
        n_clusters=cells, init="random", random_state=seed, n_init=1, batch_size=2048,
        max_iter=5,
    )
    centres = kmeans.fit(Z[sample]).cluster_centers_.astype(np.float32)
    probe = _nearest_cells(Z, centres, probes)
    # Inverted lists by sorting, not by scanning all rows once per cell (O(n × cells)).
    filed, filed_bounds = _runs(probe.ravel(), cells)
    filed //= probes  # position in probe.ravel() -> row
    primary, primary_bounds = _runs(probe[:, 0], cells)
    del probe

    out = np.repeat(np.arange(n, dtype=np.int32)[:, None], k, axis=1)
    for cell in range(cells):
        pool = filed[filed_bounds[cell] : filed_bounds[cell + 1]]
        queries = primary[primary_bounds[cell] : primary_bounds[cell + 1]]
        if queries.size == 0:
            continue
        pooled = Z[pool]
        take = min(k, pool.size)
        for start in range(0, queries.size, _QUERY_BLOCK):
            q = queries[start : start + _QUERY_BLOCK]
            projected = Z[q] @ pooled.T
            best = np.argpartition(-projected, take - 1, axis=1)[:, :take]
            out[q, :take] = pool[best]
    return out


def _pair_cosine(X: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dot products of row pairs (cosine, rows being L2-normalised), in bounded chunks.

    A chunk of 20,000 pairs gathers 2 × 20,000 rows of ~230 n-grams: ~70 MiB.
    """
    out = np.empty(a.size, dtype=np.float32)
    for start in range(0, a.size, 20_000):
        s = slice(start, start + 20_000)
        out[s] = np.asarray(X[a[s]].multiply(X[b[s]]).sum(axis=1)).ravel()
    return out


def _top_per_row(a: np.ndarray, b: np.ndarray, sims: np.ndarray, n: int, k: int) -> np.ndarray:
    """Mask of edges among the ``k`` most similar of either endpoint (kNN-graph union)."""
    ends = np.concatenate([a, b])
    edge = np.concatenate([np.arange(a.size), np.arange(a.size)])
    order = np.lexsort((-np.concatenate([sims, sims]), ends))
    ends, edge = ends[order], edge[order]
    starts = np.searchsorted(ends, np.arange(n))
    rank = np.arange(ends.size) - starts[ends]
    keep = np.zeros(a.size, dtype=bool)
    keep[edge[rank < k]] = True
    return keep


def knn_similarity_edges(
    X: sp.csr_matrix,
    *,
    neighbours: int = 10,
    threshold: float = 0.1,
    seed: int = 0,
    exact_limit: int = EXACT_SEARCH_LIMIT,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's nearest neighbours by TF-IDF cosine similarity, kept when ``>= threshold``.

    Up to ``exact_limit`` rows: exhaustive search with scikit-learn's ``NearestNeighbors``
    on the sparse matrix, in 32 MiB chunks of ``rows × n`` distances, never ``n × n``.
    Above: ``neighbours + 11`` candidates per row from :func:`_partitioned_candidates`,
    re-scored with the exact cosine, the best ``neighbours`` of each kept. Keeping
    ``neighbours`` per report bounds the graph at ``n × neighbours`` edges even when
    thousands of reports are near-duplicates.

    Returns
    -------
    rows, cols, similarity : ndarray
        Undirected edges with ``rows < cols``, each once, sorted by (row, col);
        ``similarity`` is the exact cosine similarity of the TF-IDF rows.
    """
    n = X.shape[0]
    if n < 2 or X.shape[1] == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    if n <= exact_limit:
        index, sims = _exact_neighbours(X, min(neighbours + 1, n), n_jobs)
    else:
        index, sims = _partitioned_candidates(X, neighbours + EXTRA_CANDIDATES, seed), None
    rows = np.repeat(np.arange(n, dtype=np.int64), index.shape[1])
    cols = index.ravel().astype(np.int64)
    keep = rows != cols
    # A pair found from both ends appears twice; keep one, in a fixed order.
    key = np.minimum(rows[keep], cols[keep]) * n + np.maximum(rows[keep], cols[keep])
    del rows, cols
    key, first = np.unique(key, return_index=True)
    a, b = key // n, key % n
    del key
    if sims is not None:
        sims = sims.ravel()[keep][first]
    else:  # candidates: exact cosine, then each report's best `neighbours`
        sims = _pair_cosine(X, a, b)
        best = _top_per_row(a, b, sims, n, neighbours)
        a, b, sims = a[best], b[best], sims[best]
    strong = sims >= threshold
    return a[strong], b[strong], sims[strong].astype(np.float64)


__all__ = ["EXACT_SEARCH_LIMIT", "knn_similarity_edges"]
