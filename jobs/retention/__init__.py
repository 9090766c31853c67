"""The ``retention`` job: storage limitation (GDPR art. 5(1)(e)) for problem texts.

Problems older than the retention period (``PEERNET_RETENTION_DAYS``, or the ``days``
parameter) lose their title, description and handling notes; their category, status, dates,
sessions and handling outcomes stay for statistics. Already anonymised problems are skipped,
so running it again changes nothing.

Three steps, one module each: :mod:`.load` (the cutoff and the candidates from Neo4j),
:mod:`.compute` (pure: the ids to anonymise) and :mod:`.write` (anonymise them). Importing
this package registers the job (:mod:`peernet.jobs.registry`); the job runner, the CLI
(``peernet jobs run retention``) and the ``runJob`` mutation run it by name.
"""

from __future__ import annotations

from ..registry import Job, register
from . import compute, load, write

JOB = register(Job(
    name="retention",
    description=("Anonymise problem texts older than the retention period"
                 " (days=0: PEERNET_RETENTION_DAYS)."),
    load=load.load, compute=compute.compute, write=write.write,
    defaults={"days": 0},
))

__all__ = ["JOB"]
