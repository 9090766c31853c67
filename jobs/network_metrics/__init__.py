"""The ``network-metrics`` job: the contact network's organisation, department, matrix and
broker figures, stored as a snapshot per run. With ``as_of`` it uses only contacts known by
that date (from their ``since``), so a trend can be rebuilt and a cohort compared before and
after its programme.

Three steps, one module each: :mod:`.load` (managers, departments, contacts from Neo4j),
:mod:`.compute` (pure: rows and parameters in, the metrics' JSON out) and :mod:`.write` (one
more snapshot). The science lives beside them: :mod:`.contacts` (the rows as a network),
:mod:`.graph` (the network as arrays), :mod:`.org`, :mod:`.paths`, :mod:`.brokers`,
:mod:`.sampling` and :mod:`.cohort`.

Importing this package registers the job (:mod:`peernet.jobs.registry`); the job runner,
the CLI (``peernet jobs run network-metrics``) and the ``runJob`` mutation run it by name.
"""

from __future__ import annotations

from ..registry import Job, register
from . import compute, load, write

JOB = register(Job(
    name="network-metrics",
    description=("Cross-department connection metrics (E-I index, modularity, brokers, …)"
                 " as a snapshot."),
    load=load.load, compute=compute.compute, write=write.write,
    defaults={"as_of": "", "top_brokers": 20},
))

__all__ = ["JOB"]
