"""Shared-neighbour link prediction (Adamic–Adar, resource allocation) as sparse products.

For a node set with incidence matrix ``A`` (one row per scored node, one column per possible
neighbour) and neighbour weights ``w``, the score of a pair is ``(A · diag(w) · Aᵀ)[x, y]``,
the sum of ``w(z)`` over common neighbours ``z``. Adamic–Adar uses ``w(z) = 1 / log deg(z)``,
resource allocation ``w(z) = 1 / deg(z)``. The product is computed in row blocks whose size
is bounded by the two-hop work they cause, so memory stays flat however skewed the degrees,
and total work is the number of two-hop paths, never all pairs. Used by :mod:`.scoring` and
:mod:`.index` in the ``suggest-contacts`` job, and by the suggestion benches
(``bench/bench_suggestions.py``, ``bench/eval_suggestions.py``, ``bench/job_worker.py``).

References
----------
.. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web",
   Social Networks 25(3):211-230, 2003.
.. [2] T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information",
   European Physical Journal B 71:623-630, 2009.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

METHODS = ("adamic_adar", "resource_allocation")

# Two-hop paths materialised per block: ~12 bytes each in the product, and a few int64
# arrays of the filtered entries after it, so a block peaks at a few hundred MB.
DEFAULT_BLOCK_WORK = 4_000_000

# Scores are ranked after rounding so that the summation order of floats (which differs
# between NetworkX and a sparse product) cannot reorder candidates with equal scores.
RANK_DECIMALS = 10


def neighbour_weights(degrees: np.ndarray, method: str = "adamic_adar") -> np.ndarray:
    """Weight of each possible common neighbour: ``1/log(deg)`` or ``1/deg``.

    Nodes of degree below 2 get weight 0: they cannot be a common neighbour of two distinct
    nodes, and ``1/log(1)`` would be infinite.

    Examples
    --------
    >>> neighbour_weights(np.array([1, 2, 4]), "resource_allocation").tolist()
    [0.0, 0.5, 0.25]
    """
    deg = np.asarray(degrees, dtype=np.float64)
    w = np.zeros_like(deg)
    ok = deg > 1
    if method == "adamic_adar":
        w[ok] = 1.0 / np.log(deg[ok])
    elif method == "resource_allocation":
        w[ok] = 1.0 / deg[ok]
    else:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    return w


def binary_csr(matrix: sp.spmatrix | sp.sparray) -> sp.csr_matrix:
    """Canonical 0/1 CSR copy (sorted indices, no duplicates, data exactly 1.0)."""
    m = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    m.sum_duplicates()
    m.eliminate_zeros()
    m.data[:] = 1.0
    return m


def row_blocks(incidence: sp.csr_matrix, degrees: np.ndarray, max_work: int) -> list[range]:
    """Split the rows so that each block expands into at most ``max_work`` two-hop paths."""
    work = np.asarray(incidence @ np.asarray(degrees, dtype=np.float64)).ravel()
    cum = np.cumsum(work)
    blocks, start, n = [], 0, incidence.shape[0]
    while start < n:
        base = cum[start - 1] if start else 0.0
        end = int(np.searchsorted(cum, base + max_work, side="right"))
        end = min(max(end, start + 1), n)  # a single heavy row is still one block
        blocks.append(range(start, end))
        start = end
    return blocks


def iter_score_blocks(
    incidence: sp.csr_matrix,
    degrees: np.ndarray,
    *,
    method: str = "adamic_adar",
    max_work: int = DEFAULT_BLOCK_WORK,
) -> Iterator[tuple[range, sp.csr_matrix]]:
    """Yield ``(rows, S[rows])`` for ``S = A · diag(w) · Aᵀ`` block by block.

    ``incidence`` is a binary ``n × m`` CSR matrix (see :func:`binary_csr`); ``degrees`` has
    one entry per column. Each block is CSR with sorted indices and includes the diagonal.
    """
    inc = incidence
    weighted_t = inc.multiply(neighbour_weights(degrees, method)[None, :]).T.tocsr()
    for rows in row_blocks(inc, degrees, max_work):
        block = (inc[rows.start : rows.stop] @ weighted_t).tocsr()
        block.sum_duplicates()  # also sorts indices: needed for id tie-breaks downstream
        block.eliminate_zeros()
        yield rows, block


def csr_rows(block: sp.csr_matrix, offset: int = 0) -> np.ndarray:
    """Row index of every stored entry of a CSR block, shifted by ``offset``."""
    return np.repeat(np.arange(block.shape[0], dtype=np.int64) + offset, np.diff(block.indptr))


def in_pattern(block: sp.csr_matrix, pattern: sp.csr_matrix) -> np.ndarray:
    """Boolean mask over ``block``'s stored entries: is the position stored in ``pattern``?

    Linear time: each entry is tagged with its position + 1 and an element-wise product with
    the 0/1 ``pattern`` keeps exactly the overlapping tags.
    """
    tagged = sp.csr_matrix(
        (np.arange(1, block.nnz + 1, dtype=np.float64), block.indices, block.indptr),
        shape=block.shape,
    )
    hit = tagged.multiply(pattern).tocsr()
    hit.eliminate_zeros()
    mask = np.zeros(block.nnz, dtype=bool)
    mask[hit.data.astype(np.int64) - 1] = True
    return mask


def top_k_per_row(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best entries of each row: score descending, then column.

    Returns indices into the input arrays ordered by row, then rank.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    rows, cols = rows.astype(np.int64), cols.astype(np.int64)
    q = np.rint(scores * 10.0**RANK_DECIMALS)
    local = rows - rows.min()
    row_bits = int(local.max()).bit_length()
    score_bits = 62 - row_bits
    if q.min() >= 0 and q.max() < 2**score_bits:
        # np.lexsort is much slower than one integer argsort here. So: order by (row, col)
        # unless already so, then a stable sort on (row, -score) packed into one int64
        # keeps the column order within ties.
        rc = local * (int(cols.max()) + 1) + cols
        # Stable sort is timsort here: linear on input made of a few already-sorted runs.
        order = np.arange(len(rc)) if np.all(rc[1:] > rc[:-1]) else np.argsort(rc, kind="stable")
        key = (local[order] << score_bits) | (2**score_bits - 1 - q[order].astype(np.int64))
        order = order[np.argsort(key, kind="stable")]
    else:  # negative or huge scores: the general, slower path
        order = np.lexsort((cols, -q, rows))
    sorted_rows = rows[order]
    first = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    counts = np.diff(np.r_[first, len(order)])
    rank = np.arange(len(order)) - np.repeat(first, counts)
    return order[rank < k]


def link_prediction_topk(
    incidence: sp.spmatrix | sp.sparray,
    degrees: np.ndarray | None = None,
    *,
    k: int = 10,
    method: str = "adamic_adar",
    exclude: sp.spmatrix | sp.sparray | None = None,
    max_work: int = DEFAULT_BLOCK_WORK,
) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` Adamic–Adar [1]_ or resource-allocation [2]_ candidates for every row.

    Parameters
    ----------
    incidence : sparse matrix, shape (n, m)
        Row ``x`` marks the neighbours of node ``x``. For a plain graph pass its adjacency
        matrix (``m == n``); for nodes with extra hub neighbours (groups, events) append one
        column per hub.
    degrees : array, shape (m,), optional
        Degree of every neighbour column; defaults to the column sums of ``incidence``
        (right for a symmetric adjacency matrix).
    k : int
        List length per row.
    method : {"adamic_adar", "resource_allocation"}
    exclude : sparse matrix, shape (n, n), optional
        Pairs never returned (e.g. existing contacts). The diagonal is always excluded.
    max_work : int
        Two-hop paths expanded per row block; bounds peak memory.

    Returns
    -------
    (indices, scores) : arrays of shape (n, k)
        Candidates by score descending, ties by lower index; ``-1`` / ``0.0`` pad rows with
        fewer than ``k`` candidates. Only pairs with at least one common neighbour appear.

    Examples
    --------
    >>> import networkx as nx
    >>> adj = nx.to_scipy_sparse_array(nx.star_graph(3), nodelist=range(4))
    >>> idx, score = link_prediction_topk(adj, k=1)
    >>> idx[1].tolist(), round(float(score[1, 0]), 4)  # leaf 1 meets leaf 2 via the centre
    ([2], 0.9102)
    """
    inc = binary_csr(incidence)
    n = inc.shape[0]
    deg = np.asarray(inc.sum(axis=0)).ravel() if degrees is None else np.asarray(degrees)
    excl = binary_csr(exclude) if exclude is not None else None
    out_idx = np.full((n, k), -1, dtype=np.int64)
    out_score = np.zeros((n, k), dtype=np.float64)
    for rows, block in iter_score_blocks(inc, deg, method=method, max_work=max_work):
        r = csr_rows(block, rows.start)
        c = block.indices.astype(np.int64)
        keep = r != c
        if excl is not None:
            keep &= ~in_pattern(block, excl[rows.start : rows.stop])
        r, c, s = r[keep], c[keep], block.data[keep]
        best = top_k_per_row(r, c, s, k)
        r, c, s = r[best], c[best], s[best]
        first = np.searchsorted(r, r, side="left")
        slot = np.arange(len(r)) - first
        out_idx[r, slot] = c
        out_score[r, slot] = s
    return out_idx, out_score


__all__ = [
    "DEFAULT_BLOCK_WORK",
    "METHODS",
    "binary_csr",
    "csr_rows",
    "in_pattern",
    "iter_score_blocks",
    "link_prediction_topk",
    "neighbour_weights",
    "row_blocks",
    "top_k_per_row",
]
