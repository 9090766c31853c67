"""The ``suggest-contacts`` job: whom should each manager get to know?

Three steps, one module each: :mod:`.load` (the manager network from Neo4j), :mod:`.compute`
(pure: rows and parameters in, one row of suggestions per manager out) and :mod:`.write`
(replace the previous run). The science lives beside them: :mod:`.scoring` (the score and
the top-k), :mod:`.link_prediction` (sparse Adamic–Adar / resource allocation),
:mod:`.rows` (the input rows and their graph), :mod:`.index` (the rows as arrays),
:mod:`.reasons` (why each suggestion) and :mod:`.results` (what the scoring returns).

Importing this package registers the job (:mod:`peernet.jobs.registry`); the job runner,
the CLI (``peernet jobs run suggest-contacts``) and the ``runJob`` mutation run it by name.
"""

from __future__ import annotations

from ..registry import Job, register
from . import compute, load, write

JOB = register(Job(
    name="suggest-contacts",
    description="Suggest cross-department contacts (Adamic–Adar + complementary experience).",
    load=load.load, compute=compute.compute, write=write.write,
    defaults={"top_k": 10, "method": "adamic_adar", "now_year": 0.0},
))

__all__ = ["JOB"]
