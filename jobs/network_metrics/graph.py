"""Turn a NetworkX contact graph into integer arrays once, for every metric to share.

Walking an ``nx.Graph`` in Python is slow per edge, and the metrics need the edges many
times over, so they are read once into NumPy arrays and a SciPy CSR adjacency matrix, which
also holds a large organisation in a fraction of the ``nx.Graph``'s memory (figures in
``BENCHMARKS.md``). Used by every module of the ``network-metrics`` job that computes
(:mod:`.contacts`, :mod:`.compute`, :mod:`.org`, :mod:`.paths`, :mod:`.brokers`),
``bench/bench_metrics.py`` and the unit tests.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class IndexedGraph:
    """Integer view of an undirected contact graph.

    Attributes
    ----------
    nodes : list
        Node ids in ``G``'s iteration order; node *i* below is ``nodes[i]``.
    departments : list
        Department labels, sorted (by ``str``) so output order is deterministic.
    dept : ndarray of int
        ``departments`` index of each node.
    src, dst : ndarray of int
        Each undirected tie once, ``src < dst``; self-loops dropped (a contact with oneself
        is not a tie) and parallel edges merged.
    adjacency : scipy.sparse.csr_array
        Symmetric 0/1 adjacency, int64.
    degree : ndarray of int
        Ties per node.
    """

    nodes: list[Hashable]
    departments: list[Hashable]
    dept: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    adjacency: sp.csr_array
    degree: np.ndarray

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.src.size)


def index_graph(G: nx.Graph, department_attr: str = "department") -> IndexedGraph:
    """Build the :class:`IndexedGraph` of ``G`` without modifying it.

    Raises
    ------
    ValueError
        If ``G`` is directed, or a node lacks ``department_attr`` (every manager works in
        exactly one department, ``docs/model.md``; silently inventing an "unknown" department
        would distort every E-I index).
    """
    if G.is_directed():
        raise ValueError("contact networks are undirected; pass G.to_undirected()")
    nodes = list(G)
    position = {node: i for i, node in enumerate(nodes)}
    labels = []
    missing = []
    for node, label in G.nodes(data=department_attr):
        if label is None:
            missing.append(node)
        labels.append(label)
    if missing:
        raise ValueError(
            f"{len(missing)} node(s) lack {department_attr!r}, e.g. {missing[:5]!r}"
        )
    pairs = np.fromiter(
        (x for u, v in G.edges() for x in (position[u], position[v])),
        dtype=np.int64,
        count=2 * G.number_of_edges(),
    ).reshape(-1, 2)
    return indexed_graph(nodes, labels, pairs)


def indexed_graph(nodes: list[Hashable], labels: list[Hashable], pairs: np.ndarray) -> IndexedGraph:
    """Build the :class:`IndexedGraph` straight from arrays, without an ``nx.Graph``.

    At 100,000 managers and 3 million ties an ``nx.Graph`` alone would take several GiB;
    the job builds its graph here from the loaded rows instead.

    Parameters
    ----------
    nodes : list
        Node ids; node *i* is ``nodes[i]``.
    labels : list
        Department of each node (none may be ``None``).
    pairs : ndarray of int, shape (m, 2)
        Ties as node indices, in any direction; self-loops are dropped, duplicates merged.
    """
    if any(label is None for label in labels):
        missing = [node for node, label in zip(nodes, labels) if label is None]
        raise ValueError(f"{len(missing)} node(s) lack a department, e.g. {missing[:5]!r}")
    departments = sorted(set(labels), key=str)
    code = {label: i for i, label in enumerate(departments)}
    dept = np.fromiter((code[label] for label in labels), dtype=np.int64, count=len(labels))

    n = len(nodes)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs.sort(axis=1)
    pairs = np.unique(pairs, axis=0)  # merges MultiGraph duplicates
    src, dst = pairs[:, 0].copy(), pairs[:, 1].copy()

    ones = np.ones(2 * src.size, dtype=np.int64)
    adjacency = sp.csr_array(
        (ones, (np.concatenate([src, dst]), np.concatenate([dst, src]))), shape=(n, n)
    )
    adjacency.sort_indices()
    degree = np.diff(adjacency.indptr)
    return IndexedGraph(list(nodes), departments, dept, src, dst, adjacency, degree)


__all__ = ["IndexedGraph", "index_graph", "indexed_graph"]
