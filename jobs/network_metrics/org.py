"""Organisation- and department-level contact metrics, vectorised over an :class:`IndexedGraph`.

Everything here is linear in ties, except triangle counting, which is linear in two-paths
(the sum of squared degrees), done in row blocks so memory stays bounded. Used by the
``network-metrics`` job's compute step (:mod:`.compute`), :mod:`.cohort` (the E-I index),
``bench/bench_metrics.py`` and the unit tests.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from peernet.domain.metrics import DepartmentMatrix, DepartmentMetrics

from .graph import IndexedGraph

# Two-paths expanded per block in triangle counting: ~16 bytes each, so ~100 MiB at most.
_BLOCK_TWO_PATHS = 6_000_000


def _ratio(num: float, den: float) -> float | None:
    return float(num) / float(den) if den else None


def ei_index(external: int, internal: int) -> float | None:
    """Krackhardt's E-I index, ``(E - I) / (E + I)``; ``None`` when there are no ties.

    Ranges from -1 (all ties inside the group) to +1 (all ties leave it).

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). "Informal networks and organizational
       crises: an experimental simulation". Social Psychology Quarterly 51(2): 123-140.

    Examples
    --------
    >>> ei_index(1, 6)
    -0.7142857142857143
    """
    return _ratio(external - internal, external + internal)


def department_ties(g: IndexedGraph) -> np.ndarray:
    """Symmetric department × department tie counts; the diagonal counts internal ties once."""
    k = len(g.departments)
    a, b = g.dept[g.src], g.dept[g.dst]
    counts = np.bincount(a * k + b, minlength=k * k).reshape(k, k)
    return counts + counts.T - np.diag(np.diag(counts))


def department_matrix(g: IndexedGraph, ties: np.ndarray) -> DepartmentMatrix:
    """Tie counts and densities between and within departments.

    Density between departments *i* ≠ *j* is ``ties / (n_i * n_j)``, within *i* it is
    ``ties / (n_i (n_i - 1) / 2)``: the share of possible ties that exist (Wasserman and
    Faust 1994, "Social Network Analysis", ch. 4 density of a subgroup / between subgroups).
    """
    k = len(g.departments)
    size = np.bincount(g.dept, minlength=k)
    possible = np.outer(size, size).astype(float)
    np.fill_diagonal(possible, size * (size - 1) / 2)
    density = tuple(
        tuple(_ratio(ties[i, j], possible[i, j]) for j in range(k)) for i in range(k)
    )
    return DepartmentMatrix(
        departments=tuple(g.departments),
        ties=tuple(tuple(int(x) for x in row) for row in ties),
        density=density,
    )


def department_metrics(g: IndexedGraph, ties: np.ndarray) -> tuple[DepartmentMetrics, ...]:
    """Per department: managers, internal and external ties, E-I index, departments reached."""
    k = len(g.departments)
    size = np.bincount(g.dept, minlength=k)
    internal = np.diag(ties)
    external = ties.sum(axis=1) - internal
    off = ties.copy()
    np.fill_diagonal(off, 0)
    reached = (off > 0).sum(axis=1)
    return tuple(
        DepartmentMetrics(
            id=g.departments[i],
            managers=int(size[i]),
            internal_ties=int(internal[i]),
            external_ties=int(external[i]),
            ei_index=ei_index(int(external[i]), int(internal[i])),
            departments_reached=int(reached[i]),
        )
        for i in range(k)
    )


def modularity(g: IndexedGraph, ties: np.ndarray, resolution: float = 1.0) -> float | None:
    """Newman modularity of the department partition, ``None`` for a graph without ties.

    ``Q = sum_c [ L_c / m - resolution * (d_c / 2m)^2 ]`` with ``L_c`` the ties inside
    department *c* and ``d_c`` the sum of its managers' degrees; the same value as
    ``nx.community.modularity(G, departments)``, in O(ties).

    References
    ----------
    .. [1] Newman, M. E. J. (2006). "Modularity and community structure in networks".
       PNAS 103(23): 8577-8582.
    """
    m = g.m
    if m == 0:
        return None
    k = len(g.departments)
    degree_sum = np.bincount(g.dept, weights=g.degree, minlength=k)
    q = np.diag(ties) / m - resolution * (degree_sum / (2 * m)) ** 2
    return float(q.sum())


def triangles_per_node(adjacency: sp.csr_array) -> np.ndarray:
    """Triangles through each node (``nx.triangles``), by masked sparse products in row blocks.

    ``(A[R] @ A) * A[R]`` counts, for each tie (v, w) with v in block R, the common
    neighbours of v and w; summed over w that is twice the triangles at v.
    """
    n = adjacency.shape[0]
    degree = np.diff(adjacency.indptr)
    two_paths = adjacency @ degree
    out = np.zeros(n, dtype=np.int64)
    start = 0
    while start < n:
        stop, work = start, 0
        while stop < n and (work == 0 or work + two_paths[stop] <= _BLOCK_TWO_PATHS):
            work += two_paths[stop]
            stop += 1
        rows = adjacency[start:stop]
        closed = (rows @ adjacency).multiply(rows)
        out[start:stop] = np.asarray(closed.sum(axis=1)).ravel() // 2
        start = stop
    return out


def clustering(triangles: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Local clustering coefficient ``2 t / (d (d - 1))``, 0 below degree 2 (as NetworkX).

    References
    ----------
    .. [1] Watts, D. J. and Strogatz, S. H. (1998). "Collective dynamics of 'small-world'
       networks". Nature 393: 440-442.
    """
    pairs = degree * (degree - 1)
    out = np.zeros(degree.size, dtype=float)
    np.divide(2 * triangles, pairs, out=out, where=pairs > 0)
    return out


def other_departments_reached(g: IndexedGraph) -> np.ndarray:
    """For each manager, how many departments other than their own their contacts work in."""
    k = len(g.departments)
    membership = sp.csr_array(
        (np.ones(g.n, dtype=np.int64), (np.arange(g.n), g.dept)), shape=(g.n, k)
    )
    reach = g.adjacency @ membership  # contacts per (manager, department)
    distinct: np.ndarray = np.diff(reach.indptr)
    same = g.dept[g.src] == g.dept[g.dst]
    own = np.bincount(g.src[same], minlength=g.n) + np.bincount(g.dst[same], minlength=g.n)
    return distinct - (own > 0)


__all__ = [
    "clustering",
    "department_matrix",
    "department_metrics",
    "department_ties",
    "ei_index",
    "modularity",
    "other_departments_reached",
    "triangles_per_node",
]
