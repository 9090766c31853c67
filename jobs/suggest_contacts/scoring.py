"""The scoring of the ``suggest-contacts`` job: whom should each manager get to know?

:func:`compute_suggestions` is what the job's compute step (:mod:`.compute`) calls, and what
``bench/bench_suggestions.py``, ``bench/eval_suggestions.py`` and the unit tests call directly.

A candidate is a manager in another department whom the manager does not know yet. Its score
adds three parts, each explainable:

* structure — Adamic–Adar [1]_ (or resource allocation [2]_) over the manager network, where
  the neighbours of a manager are its contacts, its cohorts and the sessions it attended.
  Cohorts and sessions are kept as hub nodes rather than projected onto manager pairs: AA/RA
  then down-weights a big cohort (1/log 30) against a shared contact (1/log 15) by the same
  rule as everything else, no projection weight has to be invented, and the score is exactly
  ``nx.adamic_adar_index`` on the graph of :func:`.rows.build_network`;
* complementary experience — a manager who raised problems in a category (unresolved ones
  count most) is matched with people who handled that category (resolved counts most, and
  recent work more than old);
* experienced peer — a newer manager gets a bonus for candidates with long tenure.

All arithmetic is sparse: the structural part is ``A · diag(w) · Aᵀ`` in row blocks with
top-k per row (see :mod:`.link_prediction`), and experience adds, per manager and needed
category, only the strongest handlers of that category outside the department. No
Python runs per pair: the scores are array operations, and the result keeps the chosen pairs
as arrays, building reasons when they are read (:class:`SuggestionSet`).

The job's other pieces live beside this module: the input rows (:mod:`.rows`), the arrays
made of them (:mod:`.index`), the reasons (:mod:`.reasons`) and the result (:mod:`.results`).

References
----------
.. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web",
   Social Networks 25(3):211-230, 2003.
.. [2] T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information",
   European Physical Journal B 71:623-630, 2009.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .index import SuggestionIndex, SuggestionWeights, index_rows
from .link_prediction import (
    DEFAULT_BLOCK_WORK,
    RANK_DECIMALS,
    csr_rows,
    in_pattern,
    iter_score_blocks,
    top_k_per_row,
)
from .results import SuggestionSet
from .rows import NetworkRows, network_rows

# Frozen, so one instance can be the default of every call.
_PRODUCT_WEIGHTS = SuggestionWeights()


def compute_suggestions(
    network: NetworkRows | nx.Graph,
    *,
    now_year: float,
    top_k: int = 10,
    method: str = "adamic_adar",
    weights: SuggestionWeights = _PRODUCT_WEIGHTS,
    max_work: int = DEFAULT_BLOCK_WORK,
) -> SuggestionSet:
    """Top-``top_k`` contact suggestions for every manager.

    Parameters
    ----------
    network : NetworkRows or networkx.Graph
        Rows as loaded from Neo4j, or the graph :func:`.rows.build_network` makes of them.
    now_year : float
        The current year (fractional allowed); ages and tenures are measured from it. A
        parameter, not the clock, so equal input gives equal output.
    top_k : int
    method : {"adamic_adar", "resource_allocation"}
    weights : SuggestionWeights
    max_work : int
        Two-hop paths expanded per row block; bounds peak memory.

    Returns
    -------
    SuggestionSet
        A read-only mapping: manager id → suggestions by score descending, ties by
        suggested id; every manager is a key. Never suggested: the manager itself, its
        department, its contacts, and anyone on either side of a dismissed pair (a dismissal
        says the pair is no match). Suggestions and their reasons are built when read.

    Notes
    -----
    Every candidate sharing at least one neighbour is scored exactly. Candidates sharing
    none enter only through experience: the ``3 · top_k`` strongest handlers of each needed
    category outside the department. So a weaker handler with no shared neighbour can be
    missed, and the experienced-peer bonus re-ranks candidates but never adds any; both keep
    the work linear instead of scoring all pairs.

    Examples
    --------
    >>> rows = NetworkRows(
    ...     managers=[{"id": i, "departmentId": d} for i, d in
    ...               [("a", "d1"), ("b", "d1"), ("c", "d2"), ("x", "d3")]],
    ...     contacts=[("a", "x"), ("c", "x")])
    >>> [s.suggested_id for s in compute_suggestions(rows, now_year=2025)["a"]]
    ['c']
    """
    idx = index_rows(network_rows(network) if isinstance(network, nx.Graph) else network,
                     now_year=now_year, weights=weights)
    ctx = _scoring(idx, weights, top_k)
    picks = [_score_block(ctx, rows, block)
             for rows, block in iter_score_blocks(idx.incidence, idx.degrees, method=method,
                                                  max_work=max_work)]
    r, c, score, struct = (np.concatenate(p) for p in zip(*picks))
    return SuggestionSet(idx, r, c, score, struct, _experience(ctx, r, c), _peer(ctx, r, c))


# Pair codes: ``row_code[x] & col_code[y]`` has bit 15 set when ``x`` is a newer manager and
# ``y`` an experienced one (a peer bonus), and bit ``k % 15`` when ``x`` needs category ``k``
# and ``y`` offers it. A zero bit proves the term is zero; with more than 15 categories some
# share a bit, which lets a few zero terms through and never drops a non-zero one.
_PEER_BIT = np.uint16(1 << 15)
_CATEGORY_BITS = 15


@dataclass(frozen=True)
class _Scoring:
    """What every block needs, made once per run."""

    idx: SuggestionIndex
    weights: SuggestionWeights
    top_k: int
    tables: np.ndarray  # see _handler_tables
    dept: np.ndarray  # idx.dept as int32: half the memory traffic per pair
    need_cols: list[np.ndarray]  # need per category, contiguous
    offer_cols: list[np.ndarray]
    is_new: np.ndarray  # newness > 0
    row_code: np.ndarray  # uint16, see _PEER_BIT
    col_code: np.ndarray
    table_offers: np.ndarray  # [k, cat, g, j]: offer in k of the handler at tables[cat, g, j]
    table_seniority: np.ndarray  # [cat, g, j]: seniority of that handler
    table_best: np.ndarray  # [k, cat, g, 1]: the highest of table_offers[k, cat, g]
    table_best_seniority: np.ndarray  # [cat, g, 1]: the same for seniority
    # A newer manager's bonus for each candidate: _peer with newness 1, the same bits.
    peer_bonus: np.ndarray


def _scoring(idx: SuggestionIndex, weights: SuggestionWeights, top_k: int) -> _Scoring:
    is_new = idx.newness > 0
    row_code = np.where(is_new, _PEER_BIT, np.uint16(0))
    col_code = np.where(idx.seniority > 0, _PEER_BIT, np.uint16(0))
    for k in range(len(idx.categories)):
        bit = np.uint16(1 << (k % _CATEGORY_BITS))
        row_code[idx.need[:, k] > 0] |= bit
        col_code[idx.offer[:, k] > 0] |= bit
    tables = _handler_tables(idx, weights.candidates_per_category or 3 * top_k)
    listed, unlisted = np.maximum(tables, 0), tables < 0
    offer_cols = np.ascontiguousarray(idx.offer.T)
    table_offers = offer_cols[:, listed]
    table_offers[:, unlisted] = 0.0
    table_seniority = np.where(unlisted, 0.0, idx.seniority[listed])
    return _Scoring(idx, weights, top_k, tables, idx.dept.astype(np.int32),
                    list(np.ascontiguousarray(idx.need.T)), list(offer_cols), is_new, row_code,
                    col_code, table_offers, table_seniority,
                    table_offers.max(axis=-1, keepdims=True, initial=0.0),
                    table_seniority.max(axis=-1, keepdims=True, initial=0.0),
                    weights.experienced_peer * 1.0 * idx.seniority)


def _handler_tables(idx: SuggestionIndex, per_cat: int) -> np.ndarray:
    """``tables[k, g]`` lists the strongest handlers of category ``k`` outside department
    ``g`` (ties by id), padded with -1; row ``g = n_departments`` serves managers of unknown
    department.

    Built once, so a block only looks rows up: no per-department work inside the blocks.
    """
    n_dept, width = len(idx.department_ids), per_cat + 1  # +1: oneself may be on the list
    groups = np.arange(n_dept + 1)
    tables = np.full((idx.offer.shape[1], n_dept + 1, width), -1, dtype=np.int64)
    for cat, table in enumerate(tables):
        has = np.flatnonzero(idx.offer[:, cat] > 0)
        ranked = has[np.lexsort((has, -idx.offer[has, cat]))]
        # A department rarely holds more than 3 of the best 4·width, so a short prefix
        # usually suffices; the full list is the fallback.
        prefix = ranked[: 4 * width]
        elsewhere = idx.dept[prefix][None, :] != groups[:, None]
        slot = np.cumsum(elsewhere, axis=1) - 1
        g, j = np.nonzero(elsewhere & (slot < width))
        table[g, slot[g, j]] = prefix[j]
        if len(prefix) < len(ranked):
            for group in np.flatnonzero(elsewhere.sum(axis=1) < width).tolist():
                pick = ranked[idx.dept[ranked] != group][:width]
                table[group, : len(pick)] = pick
    return tables


def _experience(ctx: _Scoring, r: np.ndarray, c: np.ndarray,
                code: np.ndarray | None = None) -> np.ndarray:
    """``Σ_k need[r, k] · offer[c, k]`` per pair, added in category order.

    Only categories whose bit is set in the pair code are visited: the others add exact
    zeros, so skipping them leaves every sum bit for bit what the full sum gives.
    """
    if code is None:
        code = ctx.row_code[r] & ctx.col_code[c]
    out = np.zeros(len(r))
    for k, (need, offer) in enumerate(zip(ctx.need_cols, ctx.offer_cols)):
        sel = np.flatnonzero(code & np.uint16(1 << (k % _CATEGORY_BITS)))
        if len(sel):
            out[sel] += need[r[sel]] * offer[c[sel]]
    return out


def _peer(ctx: _Scoring, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    bonus: np.ndarray = ctx.weights.experienced_peer * ctx.idx.newness[r] * ctx.idx.seniority[c]
    return bonus


def _score_block(ctx: _Scoring, rows: range, block: sp.csr_matrix) -> tuple[np.ndarray, ...]:
    """The best ``top_k`` of one row block: rows, columns, scores and structural parts."""
    idx, w, start, stop = ctx.idx, ctx.weights, rows.start, rows.stop
    excluded = idx.exclude[start:stop]
    r = csr_rows(block, start)
    c = block.indices.astype(np.intp)  # intp: gathers by an int32 index take a slow path
    # Also drops the manager itself. Rows repeat their department: no gather needed.
    keep = np.repeat(ctx.dept[start:stop], np.diff(block.indptr)) != ctx.dept[c]
    keep &= ~in_pattern(block, excluded)
    r, c, s = r[keep], c[keep], block.data[keep]
    # score = w·structural + w·experience + peer, term by term as the full formula adds
    # them; experience and peer are zero for most pairs, and adding zero changes no bit.
    score = w.structural * s
    code = ctx.row_code[r] & ctx.col_code[c]
    some = np.flatnonzero(code)
    both = some[(code[some] & np.uint16(_PEER_BIT - 1)) != 0]
    score[both] += w.experience * _experience(ctx, r[both], c[both], code[both])
    peer = some[(code[some] & _PEER_BIT) != 0]
    score[peer] += ctx.peer_bonus[c[peer]]
    good = score > 0
    if not good.all():  # only when a weight is zero or negative
        r, c, s, score = r[good], c[good], s[good], score[good]
    best = top_k_per_row(r, c, score, ctx.top_k)
    picked = r[best], c[best], score[best], s[best]
    extra = _experience_candidates(ctx, rows, block, excluded, picked)
    if extra is None:
        return picked
    # The best k of a union are the best k of the two sides' best k (ties go by column on
    # both sides, and the sides share no pair); only managers with extra candidates change.
    has_extra = np.zeros(stop - start, dtype=bool)
    has_extra[extra[0] - start] = True
    mixed = has_extra[picked[0] - start]
    r, c, score, s = (np.concatenate([p[mixed], e]) for p, e in zip(picked, extra))
    best = top_k_per_row(r, c, score, ctx.top_k)
    merged = r[best], c[best], score[best], s[best]
    r, c, score, s = (np.concatenate([p[~mixed], m]) for p, m in zip(picked, merged))
    order = np.argsort(r, kind="stable")  # by manager, ranks kept in order
    return r[order], c[order], score[order], s[order]


def _experience_candidates(ctx: _Scoring, rows: range, block: sp.csr_matrix,
                           excluded: sp.csr_matrix,
                           picked: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...] | None:
    """The best ``top_k`` candidates that only experience brings: each needed category's
    strongest handlers elsewhere who share no neighbour with the manager.

    Every listed handler is scored exactly, as a table (manager × list position); only the
    few whose score reaches the manager's k-th structural pick (``picked``, the block's
    structural top ``k``) go on to the pair-wise checks — the others cannot make the list.
    """
    idx, w, start, n = ctx.idx, ctx.weights, rows.start, len(ctx.idx.ids)
    x, cat = np.nonzero(idx.need[start:rows.stop] > 0)
    x += start
    group = np.minimum(idx.dept[x], len(idx.department_ids))
    kth = _kth_rank_key(ctx, rows, picked)[x - start]
    if w.experience >= 0 and w.experienced_peer >= 0:
        # A list's best possible score — every category's strongest offer on it — is an
        # upper bound, computed with the same operations; lists that cannot reach the k-th
        # structural pick are skipped whole.
        best = _table_scores(ctx, x, cat, group, ctx.table_best, ctx.table_best_seniority)
        reach = np.flatnonzero(np.rint(best[:, 0] * 10.0**RANK_DECIMALS) >= kth)
        x, cat, group, kth = x[reach], cat[reach], group[reach], kth[reach]
    cand = ctx.tables[cat, group]
    score = _table_scores(ctx, x, cat, group, ctx.table_offers, ctx.table_seniority)
    keep = (cand >= 0) & (score > 0) & (np.rint(score * 10.0**RANK_DECIMALS) >= kth[:, None])
    # One pair per (manager, handler): a handler listed for two categories scores the same.
    key, score = np.repeat(x, cand.shape[1])[keep.ravel()] * n + cand[keep], score[keep]
    order = np.argsort(key)  # (np.unique is slower than a sort)
    key, score = key[order], score[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    (r, c), score = np.divmod(key[first], n), score[first]
    elsewhere = ctx.dept[r] != ctx.dept[c]
    r, c, score = r[elsewhere], c[elsewhere], score[elsewhere]
    # Contacts, dismissed pairs and pairs with a shared neighbour are rare here: look them
    # up only among the picks, and pick again for the managers where any turn up.
    best = top_k_per_row(r, c, score, ctx.top_k)
    checked, alive = np.zeros(len(r), dtype=bool), np.ones(len(r), dtype=bool)
    new = best
    while True:
        checked[new] = True
        gone = new[_stored(excluded, r[new] - start, c[new])
                   | _stored(block, r[new] - start, c[new])]
        if not len(gone):
            break
        alive[gone] = False
        again = np.zeros(len(rows), dtype=bool)
        again[r[gone] - start] = True
        redo = np.flatnonzero(again[r - start] & alive)
        redone = redo[top_k_per_row(r[redo], c[redo], score[redo], ctx.top_k)]
        best = np.concatenate([best[~again[r[best] - start]], redone])
        best = best[np.argsort(r[best], kind="stable")]  # by manager, ranks kept in order
        new = redone[~checked[redone]]
    if not len(best):
        return None
    return r[best], c[best], score[best], np.zeros(len(best))


def _table_scores(ctx: _Scoring, x: np.ndarray, cat: np.ndarray, group: np.ndarray,
                  offers: np.ndarray, seniority: np.ndarray) -> np.ndarray:
    """Score of handler ``ctx.tables[cat[i], group[i], j]`` for manager ``x[i]``, given
    that handler's ``offers[k, cat[i], group[i], j]`` in every category ``k`` and
    ``seniority[cat[i], group[i], j]``; there is no structural part.

    The same operations in the same order as :func:`_experience` and :func:`_peer` on the
    pairs, so equal to the bit; a category the manager does not need adds an exact zero and
    is skipped.
    """
    idx, w = ctx.idx, ctx.weights
    exp = np.zeros((len(x), offers.shape[-1]))
    for need, offer in zip(ctx.need_cols, offers):
        sel = np.flatnonzero(need[x] > 0)
        exp[sel] += need[x[sel], None] * offer[cat[sel], group[sel]]
    score = w.structural * 0.0 + w.experience * exp
    new = np.flatnonzero(ctx.is_new[x])  # the peer bonus of anyone else is an exact zero
    score[new] += (w.experienced_peer * idx.newness[x[new], None]
                   * seniority[cat[new], group[new]])
    return score


def _kth_rank_key(ctx: _Scoring, rows: range, picked: tuple[np.ndarray, ...]) -> np.ndarray:
    """Rank key (see :func:`.link_prediction.top_k_per_row`) of each manager's k-th pick
    in ``picked`` (which come by manager, then rank); -inf with fewer picks."""
    # At most k picks per manager: a pick k - 1 places after one of the same manager is
    # that manager's k-th.
    r, score, k = picked[0] - rows.start, picked[2], ctx.top_k
    at_k = np.flatnonzero(r[k - 1:] == r[:max(len(r) - k + 1, 0)]) + k - 1
    kth = np.full(len(rows), -np.inf)
    kth[r[at_k]] = np.rint(score[at_k] * 10.0**RANK_DECIMALS)
    return kth


def _stored(matrix: sp.csr_matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Is ``matrix[r[i], c[i]]`` stored? A binary search in every queried row at once.

    ``matrix`` must have sorted indices. Costs ``log2(longest row)`` array passes over the
    queries and nothing per stored entry, so it suits few queries against a big block.
    """
    if not len(r) or not matrix.nnz:
        return np.zeros(len(r), dtype=bool)
    first, end = matrix.indptr[r].astype(np.int64), matrix.indptr[r + 1].astype(np.int64)
    indices, last = matrix.indices, matrix.nnz - 1
    # Branch-free lower bound: ``at`` is the last position known to hold a smaller index.
    at = first - 1
    step = 1 << int((end - first).max()).bit_length()
    while step:
        probe = at + step
        at += step * ((probe < end) & (indices[np.minimum(probe, last)] < c))
        step >>= 1
    at += 1
    found: np.ndarray = at < end
    found[found] = indices[at[found]] == c[found]
    return found


__all__ = ["compute_suggestions"]
