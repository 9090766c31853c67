"""Load step of the ``network-metrics`` job: managers, their departments and contacts (with
the contacts' dates when ``as_of`` is set), read by
:func:`peernet.graph.metrics_store.load_network`. Used by the job runner through the job's
registration in :mod:`peernet.jobs.network_metrics`."""

from __future__ import annotations

from typing import Any

from peernet.graph import metrics_store as store
from peernet.graph.driver import Database

from ..registry import Params
from .contacts import as_of_param


async def load(db: Database, params: Params) -> dict[str, Any]:
    # Contact dates are only needed to rebuild the network at an earlier date.
    return await store.load_network(db, since=bool(as_of_param(params)))


__all__ = ["load"]
