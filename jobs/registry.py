"""The jobs peernet knows, each as three steps: load (Neo4j → plain data or a NetworkX
graph), compute (a pure function), write (result → Neo4j, replacing the previous run in one
transaction). The runner times each step and records the run.

Each job is a package, ``jobs/<job>/``, whose ``load.py``, ``compute.py`` and ``write.py``
hold the three steps and whose ``__init__.py`` registers them here (:func:`register`);
:data:`BUILTIN_JOB_MODULES` lists those packages. The runner (:mod:`.runner`), the CLI
(``peernet jobs``), the admin page and the GraphQL ``jobs`` / ``runJob`` fields look jobs
up by name (:func:`get`, :func:`all_jobs`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from peernet.graph.driver import Database

Params = dict[str, Any]


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    load: Callable[[Database, Params], Awaitable[Any]]
    compute: Callable[[Any, Params], Any]
    write: Callable[[Database, Any, Params], Awaitable[dict[str, int]]]
    defaults: Params

    def params(self, given: Params | None) -> Params:
        unknown = sorted(set(given or {}) - set(self.defaults))
        if unknown:
            from peernet.errors import BadUserInput

            raise BadUserInput(
                f"job {self.name!r} has no parameter {unknown[0]!r}; it takes "
                f"{', '.join(sorted(self.defaults)) or 'none'}",
                field="params",
            )
        merged = dict(self.defaults)
        for key, value in (given or {}).items():
            default = self.defaults[key]
            merged[key] = _coerce(key, value, default)
        return merged


def _coerce(key: str, value: Any, default: Any) -> Any:
    from peernet.errors import BadUserInput

    if default is None or isinstance(value, type(default)):
        return value
    try:
        if isinstance(default, bool):
            return str(value).lower() in ("1", "true", "yes")
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise BadUserInput(f"parameter {key!r} must be a {type(default).__name__}",
                           field="params") from exc


_JOBS: dict[str, Job] = {}


def register(job: Job) -> Job:
    _JOBS[job.name] = job
    return job


def get(name: str) -> Job:
    _load_builtin_jobs()
    from peernet.errors import NotFound

    try:
        return _JOBS[name]
    except KeyError:
        raise NotFound(f"no job named {name!r}; known: {', '.join(sorted(_JOBS))}",
                       field="name") from None


def all_jobs() -> list[Job]:
    _load_builtin_jobs()
    return [_JOBS[name] for name in sorted(_JOBS)]


def _load_builtin_jobs() -> None:
    # Importing a job's package registers it; the list lives in one place.
    import importlib

    for module in BUILTIN_JOB_MODULES:
        importlib.import_module(module)


BUILTIN_JOB_MODULES: list[str] = [
    "peernet.jobs.suggest_contacts",
    "peernet.jobs.network_metrics",
    "peernet.jobs.recurring_problems",
    "peernet.jobs.retention",
]

__all__ = ["BUILTIN_JOB_MODULES", "Job", "Params", "all_jobs", "get", "register"]
