"""The loaded rows of the ``network-metrics`` job as a contact network: all ties, or those
known by a date.

:func:`indexed_contacts` gives the arrays the job's compute step (:mod:`.compute`) works on;
:func:`contact_graph` gives an ``nx.Graph`` for the GraphQL cohort comparison
(``resolvers/metrics.py``, with :func:`.cohort.cohort_before_after`). :func:`as_of_param`
checks the job's ``as_of`` parameter for all three steps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import numpy as np

from peernet.errors import BadUserInput

from ..registry import Params
from .cohort import as_date
from .graph import IndexedGraph, indexed_graph


def _ties(
    loaded: dict[str, Any], as_of: str | None
) -> tuple[list[Any], list[Any], np.ndarray]:
    """Managers with a department, their departments, and the ties between them (index
    pairs): all, or those known by ``as_of`` (see :func:`.cohort.contacts_as_of`:
    an undated contact counts at every date)."""
    keep = [i for i, d in enumerate(loaded["departments"]) if d is not None]
    ids = [loaded["ids"][i] for i in keep]
    position = {m: i for i, m in enumerate(ids)}
    cutoff = as_date(as_of) if as_of else None
    pairs: list[tuple[int, int]] = []
    for i in keep:
        a = position[loaded["ids"][i]]
        dates = loaded["since"][i] if cutoff else []
        for j, other in enumerate(loaded["contacts"][i]):
            b = position.get(other)
            if b is None:
                continue
            if cutoff and dates[j] is not None and as_date(dates[j]) > cutoff:
                continue
            pairs.append((a, b))
    array = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return ids, [loaded["departments"][i] for i in keep], array


def indexed_contacts(loaded: dict[str, Any], as_of: str | None = None) -> IndexedGraph:
    """The loaded network as arrays for :func:`.compute.compute_indexed_metrics`; at 100,000
    managers an ``nx.Graph`` would cost GiBs that the arrays do not."""
    ids, departments, pairs = _ties(loaded, as_of)
    return indexed_graph(ids, departments, pairs)


def contact_graph(loaded: dict[str, Any], as_of: str | None = None) -> nx.Graph:
    """Managers with their department; contacts (all, or those known by ``as_of``)."""
    ids, departments, pairs = _ties(loaded, as_of)
    G = nx.Graph()
    G.add_nodes_from((m, {"department": d}) for m, d in zip(ids, departments))
    G.add_edges_from((ids[a], ids[b]) for a, b in pairs.tolist())
    return G


def as_of_param(params: Params) -> str | None:
    """The job's ``as_of`` parameter, checked: an ISO date, or ``None`` for all contacts.
    Read by all three steps (load fetches contact dates only when it is set)."""
    value = params.get("as_of") or None
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise BadUserInput(f"as_of must be an ISO date (YYYY-MM-DD), got {value!r}",
                               field="params") from exc
    return value


__all__ = ["as_of_param", "contact_graph", "indexed_contacts"]
