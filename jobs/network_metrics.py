"""The ``network-metrics`` job: the contact network's organisation, department, matrix and
broker figures (:mod:`peernet.jobs.metrics`), stored as a snapshot per run. With ``as_of``
it uses only contacts known by that date (from their ``since``), so a trend can be rebuilt
and a cohort compared before and after its programme."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import networkx as nx
import numpy as np

from peernet.errors import BadUserInput
from peernet.graph import metrics_store as store
from peernet.graph.driver import Database

from .metrics import compute_indexed_metrics
from .metrics_cohort import as_date
from .metrics_graph import IndexedGraph, indexed_graph
from .registry import Job, Params, register


def _ties(loaded: dict[str, Any], as_of: str | None) -> tuple[list, list, np.ndarray]:
    """Managers with a department, their departments, and the ties between them (index
    pairs): all, or those known by ``as_of`` (see :func:`.metrics_cohort.contacts_as_of`:
    an undated contact counts at every date)."""
    keep = [i for i, d in enumerate(loaded["departments"]) if d is not None]
    ids = [loaded["ids"][i] for i in keep]
    position = {m: i for i, m in enumerate(ids)}
    cutoff = as_date(as_of) if as_of else None
    pairs = []
    for i in keep:
        a = position[loaded["ids"][i]]
        dates = loaded["since"][i] if cutoff else None
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
    """The loaded network as arrays for :func:`.metrics.compute_indexed_metrics`; at 100,000
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


def _as_of(params: Params) -> str | None:
    value = params.get("as_of") or None
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise BadUserInput(f"as_of must be an ISO date (YYYY-MM-DD), got {value!r}", field="params") from exc
    return value


async def load(db: Database, params: Params) -> dict[str, Any]:
    # Contact dates are only needed to rebuild the network at an earlier date.
    return await store.load_network(db, since=bool(_as_of(params)))


def compute(loaded: dict[str, Any], params: Params) -> dict[str, Any]:
    g = indexed_contacts(loaded, _as_of(params))
    return compute_indexed_metrics(g, top_brokers=params["top_brokers"]).to_dict()


async def write(db: Database, result: dict[str, Any], params: Params) -> dict[str, int]:
    computed_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    await store.write_snapshot(db, id=f"metrics-{uuid.uuid4().hex[:12]}", computed_at=computed_at,
                               as_of=_as_of(params), data=result)
    org = result["organisation"]
    return {"snapshots": 1, "managers": org["managers"], "contacts": org["contacts"]}


JOB = register(Job(
    name="network-metrics",
    description="Cross-department connection metrics (E-I index, modularity, brokers, …) as a snapshot.",
    load=load, compute=compute, write=write,
    defaults={"as_of": "", "top_brokers": 20},
))

__all__ = ["JOB", "contact_graph", "indexed_contacts"]
