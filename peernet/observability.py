"""Prometheus metrics and structured request logs.

``/metrics`` exposes request latency per GraphQL operation, error counts by code, and job
durations and sizes. Every HTTP request gets a request id (taken from ``X-Request-ID`` or
made up), echoed in the response and written on one JSON log line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
import uuid

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

GRAPHQL_LATENCY = Histogram(
    "peernet_graphql_seconds", "GraphQL operation latency", ["operation"],
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10),
)
GRAPHQL_ERRORS = Counter("peernet_graphql_errors_total", "GraphQL errors by code", ["code"])
JOB_SECONDS = Histogram(
    "peernet_job_seconds", "Job step durations", ["job", "step"],
    buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900),
)
JOB_ITEMS = Counter("peernet_job_items_total", "Items written by jobs", ["job", "kind"])

log = logging.getLogger("peernet.http")


class OperationMetrics(SchemaExtension):
    """Times each operation under its name; counts errors by their code."""

    def on_operation(self):  # type: ignore[override]
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = context.operation_name or "anonymous"
        GRAPHQL_LATENCY.labels(operation=name[:64]).observe(time.perf_counter() - started)
        for error in (context.result.errors if context.result else None) or []:
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
            GRAPHQL_ERRORS.labels(code=code).inc()


def record_job(job: str, timings: dict[str, float], counts: dict[str, int]) -> None:
    for step, seconds in timings.items():
        JOB_SECONDS.labels(job=job, step=step).observe(seconds)
    for kind, n in counts.items():
        JOB_ITEMS.labels(job=job, kind=kind).inc(n)


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class RequestLog:
    """Gives every request an id and writes one structured log line when it ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")[:64]
        rid = given if given.replace("-", "").isalnum() else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", rid.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info(json.dumps({
                "request_id": rid, "method": scope["method"], "path": scope["path"],
                "status": status, "ms": round((time.perf_counter() - started) * 1000, 2),
            }))
            request_id.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record), "level": record.levelname, "logger": record.name,
            "request_id": request_id.get(), "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("peernet")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


__all__ = [
    "JsonFormatter", "OperationMetrics", "RequestLog", "configure_logging", "metrics_endpoint",
    "record_job", "request_id",
]
