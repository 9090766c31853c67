"""The ``recurring-problems`` job: group reports of the same underlying problem, flag those
spanning many departments or reports, and store them for the sponsors' board, keeping each
group's escalations across runs.

Three steps, one module each: :mod:`.load` (reports and the previous groups from Neo4j),
:mod:`.compute` (pure: reports and parameters in, one row per recurring group out) and
:mod:`.write` (replace the previous groups). The science lives beside them:
:mod:`.groups` (grouping, keys across runs), :mod:`.recurrence` (the recurrence rules),
:mod:`.similarity` (Swedish character n-gram TF-IDF), :mod:`.neighbours` (nearest reports)
and :mod:`.clusters` (Louvain, merging, pruning).

Importing this package registers the job (:mod:`peernet.jobs.registry`); the job runner,
the CLI (``peernet jobs run recurring-problems``) and the ``runJob`` mutation run it by name.
"""

from __future__ import annotations

from ..registry import Job, register
from . import compute, load, write

JOB = register(Job(
    name="recurring-problems",
    description="Group similar problem reports and flag those recurring across departments.",
    load=load.load, compute=compute.compute, write=write.write,
    defaults={"min_departments": 3, "min_reports": 5, "window_days": 365},
))

__all__ = ["JOB"]
