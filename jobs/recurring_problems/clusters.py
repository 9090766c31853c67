"""Groups from a text-similarity graph: Louvain, then centroid merging and member pruning.

Louvain on a k-nearest-neighbour graph has two habits that matter for problem reports:

* a large, uniform topic (500 reports on IT support) comes back in several communities,
  because modularity pays for splitting it -- so communities whose TF-IDF centroids are
  about the same thing are merged again (average linkage on centroid cosine);
* every report lands somewhere, one-offs included -- so members whose cosine to their
  group's centroid is low are let go.

Used by :func:`.groups.group_problems`.
"""

from __future__ import annotations

import random

import igraph as ig
import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from .neighbours import knn_similarity_edges

# Centroid neighbours that connect fragments of a topic for merging, and the largest
# connected set of groups whose average linkage is computed (a dense table of its size).
MERGE_NEIGHBOURS = 30
LINKAGE_LIMIT = 5000


def _runs(labels: np.ndarray) -> list[np.ndarray]:
    """Member indices of each label, labels in increasing order, members sorted."""
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1) if labels.size else []


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    graph = sp.coo_matrix((np.ones(a.size), (a, b)), shape=(n, n))
    labels: np.ndarray = connected_components(graph, directed=False)[1]
    return labels


def louvain_labels(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray,
    *,
    resolution: float,
    seed: int,
    keep_whole: int,
    atom_similarity: float = 0.7,
) -> np.ndarray:
    """Community label per node of the weighted graph ``(a, b, w)``.

    Connected components of at most ``keep_whole`` nodes stay whole: with
    ``resolution > 1`` modularity would split even a component of four identical reports
    when it is the whole graph. The rest goes to Louvain (:func:`_multilevel`), after
    near-duplicates (components of edges with ``w >= atom_similarity``) are contracted
    into one node each, with their inner weight kept as a self-loop. That is the
    contraction Louvain's own second level performs, done up front because the first
    level is the costly one (and the graph it would walk is several times larger).

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). "Fast
       unfolding of communities in large networks". J. Stat. Mech. P10008.
    """
    labels = np.full(n, -1, dtype=np.int64)
    component = _components(n, a, b)
    sizes = np.bincount(component, minlength=n)
    small = sizes[component] <= keep_whole
    labels[small] = component[small]  # component ids are < n; Louvain's get n + ...
    big = ~small
    if not big.any():
        return labels
    strong = (w >= atom_similarity) & big[a]
    atom = _components(n, a[strong], b[strong])
    ids, atom = np.unique(atom, return_inverse=True)
    inside = big[a]
    ua, ub, uw = atom[a[inside]], atom[b[inside]], w[inside]
    key = np.minimum(ua, ub) * ids.size + np.maximum(ua, ub)
    pairs, where = np.unique(key, return_inverse=True)
    weights = np.bincount(where, weights=uw)
    nodes = np.unique(atom[big])  # the atoms of big components, renumbered 0..m-1
    ends = np.searchsorted(nodes, np.column_stack([pairs // ids.size, pairs % ids.size]))
    found = _multilevel(nodes.size, ends, weights, resolution=resolution, seed=seed)
    community = np.empty(ids.size, dtype=np.int64)
    community[nodes] = n + found
    labels[big] = community[atom[big]]
    return labels


def _multilevel(
    n: int, ends: np.ndarray, weights: np.ndarray, *, resolution: float, seed: int
) -> np.ndarray:
    """Louvain community of each node, numbered by their smallest node.

    igraph's C implementation of the multilevel method rather than NetworkX's: at 500,000
    reports the graph has millions of edges, which an ``nx.Graph`` holds as dicts of dicts
    and pure-Python Louvain walks slowly. igraph draws its random
    node order from the Python generator it is given, seeded here for determinism.
    """
    graph = ig.Graph(n=n, edges=ends.tolist())
    graph.es["weight"] = weights.tolist()
    ig.set_random_number_generator(random.Random(seed))
    try:
        membership = np.asarray(
            graph.community_multilevel(weights="weight", resolution=resolution).membership
        )
    finally:
        ig.set_random_number_generator(random)
    # Renumber by smallest member, so that labels do not depend on igraph's numbering.
    first = np.full(membership.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, membership, np.arange(n))
    renumbered: np.ndarray = np.argsort(np.argsort(first))[membership]
    return renumbered


def _centroids(X: sp.csr_matrix, groups: list[np.ndarray]) -> sp.csr_matrix:
    """L2-normalised mean TF-IDF row of each group."""
    sizes = np.array([g.size for g in groups])
    members = sp.csr_matrix(
        (np.ones(sizes.sum()), (np.repeat(np.arange(len(groups)), sizes), np.concatenate(groups))),
        shape=(len(groups), X.shape[0]),
    )
    centroids = (members @ X).tocsr()
    norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ centroids)


def merge_similar(X: sp.csr_matrix, labels: np.ndarray, *, min_similarity: float) -> np.ndarray:
    """Merge groups whose centroids have cosine ``>= min_similarity`` (average linkage).

    Average linkage (UPGMA) rather than single: two fragments of a topic are merged when
    they are close on average, not because one pair of them happens to be, which would
    chain unrelated problems together. One-member groups do not take part.

    Exact without the quadratic ``groups × groups`` table: two clusters merge only when
    their average distance is within the cut, so some pair of their groups is within it
    too -- every merged cluster lies inside one connected component of the graph joining
    groups at least ``min_similarity`` alike. That graph comes from the neighbour search
    (:func:`knn_similarity_edges` on the centroids, ``merge_neighbours`` per group), and
    average linkage runs per component. A component of more than ``linkage_limit``
    groups (a dense table of 5,000 is 0.1 GiB) is left unmerged rather than risk the
    memory bound; none comes near that on the labelled or synthetic reports.

    References
    ----------
    .. [1] Sokal, R. R. and Michener, C. D. (1958). "A statistical method for evaluating
       systematic relationships". University of Kansas Science Bulletin 38: 1409-1438.
    """
    groups = [g for g in _runs(labels) if g.size > 1]
    if len(groups) < 2:
        return labels
    centroids = _centroids(X, groups)
    a, b, _ = knn_similarity_edges(centroids, neighbours=MERGE_NEIGHBOURS, threshold=min_similarity)
    out = labels.copy()
    for members in _runs(_components(len(groups), a, b)):
        if members.size < 2 or members.size > LINKAGE_LIMIT:
            continue
        rows = centroids[members]
        similarity = (rows @ rows.T).toarray()
        distance = np.clip(1.0 - similarity[np.triu_indices(members.size, 1)], 0.0, None)
        merged = fcluster(linkage(distance, method="average"), t=1.0 - min_similarity,
                          criterion="distance")
        targets, first = np.unique(merged, return_index=True)
        keeper = dict(zip(targets.tolist(), members[first].tolist()))  # first group of each
        for group, target in zip(members.tolist(), merged.tolist()):
            out[groups[group]] = labels[groups[keeper[target]][0]]
    return out


def prune_members(X: sp.csr_matrix, labels: np.ndarray, *, min_similarity: float) -> np.ndarray:
    """Make members whose cosine to their group's centroid is below the bar one-offs."""
    out = labels.copy()
    next_label = int(labels.max()) + 1 if labels.size else 0
    for members in _runs(labels):
        if members.size < 2:
            continue
        rows = X[members]
        centroid = np.asarray(rows.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        similarity = np.asarray(rows @ centroid).ravel() / norm if norm else np.zeros(members.size)
        loose = members[similarity < min_similarity]
        out[loose] = np.arange(next_label, next_label + loose.size)
        next_label += loose.size
    return out


__all__ = ["louvain_labels", "merge_similar", "prune_members"]
