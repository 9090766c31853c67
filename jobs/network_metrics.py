"""The ``network-metrics`` job: the contact network's organisation, department, matrix and
broker figures (:mod:`peernet.jobs.metrics`), stored as a snapshot per run. With ``as_of``
it uses only contacts known by that date (from their ``since``), so a trend can be rebuilt
and a cohort compared before and after its programme."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import networkx as nx

from peernet.errors import BadUserInput
from peernet.graph import metrics_store as store
from peernet.graph.driver import Database

from .metrics import compute_network_metrics
from .metrics_cohort import contacts_as_of
from .registry import Job, Params, register


def contact_graph(loaded: dict[str, Any], as_of: str | None = None) -> nx.Graph:
    """Managers with their department; contacts (all, or those known by ``as_of``)."""
    G = nx.Graph()
    G.add_nodes_from((m["id"], {"department": m["department"]}) for m in loaded["managers"])
    edges = loaded["contacts"] if not as_of else contacts_as_of(loaded["contacts"], as_of)
    G.add_edges_from((a, b) for a, b, *_ in edges if a in G and b in G)
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
    _as_of(params)
    return await store.load_network(db)


def compute(loaded: dict[str, Any], params: Params) -> dict[str, Any]:
    G = contact_graph(loaded, _as_of(params))
    return compute_network_metrics(G, top_brokers=params["top_brokers"]).to_dict()


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

__all__ = ["JOB", "contact_graph"]
