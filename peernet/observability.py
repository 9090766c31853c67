"""Prometheus metrics and structured request logs.

``/metrics`` exposes request latency per GraphQL operation, error counts by code, and job
durations and sizes. Every HTTP request gets a request id (taken from ``X-Request-ID`` or
made up), echoed in the response and written on one JSON log line.

Operation names are chosen by clients, and each label value is a time series Prometheus keeps:
only the names the project's own pages send get a series of their own, every other name is
counted as ``other``. ``/metrics`` asks for ``PEERNET_METRICS_TOKEN`` as a bearer token when
it is set, and in production is not served without one unless ``PEERNET_METRICS_PUBLIC``.
"""

from __future__ import annotations

import contextvars
import hmac
import json
import logging
import time
import uuid
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from peernet.auth import AuthError, bearer_token
from peernet.config import Settings
from peernet.media import error_response

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

# The operations the pages send (web/static/js/queries.js; the README's examples are
# anonymous). tests/unit/test_metrics_labels.py checks this against those files.
KNOWN_OPERATIONS = frozenset({
    "CohortMembers", "Cohorts", "Escalate", "FindPeers", "JobRuns", "Me", "Network",
    "NetworkMetrics", "NetworkMetricsHistory", "RecordAction", "RecordContact", "Recurring",
    "Respond", "RunJob", "Suggestions",
})


def operation_label(name: str | None) -> str:
    """The latency label of an operation name: bounded, whatever clients send."""
    if name is None:
        return "anonymous"
    return name if name in KNOWN_OPERATIONS else "other"


class OperationMetrics(SchemaExtension):
    """Times each operation under its label; counts errors by their code."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        label = operation_label(context.operation_name)
        GRAPHQL_LATENCY.labels(operation=label).observe(time.perf_counter() - started)
        for error in (context.result.errors if context.result else None) or []:
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
            GRAPHQL_ERRORS.labels(code=code).inc()


def record_job(job: str, timings: dict[str, float], counts: dict[str, int]) -> None:
    for step, seconds in timings.items():
        JOB_SECONDS.labels(job=job, step=step).observe(seconds)
    for kind, n in counts.items():
        JOB_ITEMS.labels(job=job, kind=kind).inc(n)


def _metrics_refusal(settings: Settings, authorization: str | None) -> tuple[int, str] | None:
    """Why /metrics is not served to this request (status and reason), or None."""
    if settings.metrics_token is not None:
        expected = settings.metrics_token.get_secret_value().encode()
        try:
            given = bearer_token(authorization).encode()
        except AuthError as exc:
            return 401, str(exc)
        if not hmac.compare_digest(given, expected):
            return 401, "the metrics token is not valid"
        return None
    if settings.production and not settings.metrics_public:
        return 403, ("/metrics is not served in production without PEERNET_METRICS_TOKEN "
                     "(or PEERNET_METRICS_PUBLIC=true where only the scraper reaches it)")
    return None


async def metrics_endpoint(request: Request) -> Response:
    refusal = _metrics_refusal(request.app.state.settings, request.headers.get("authorization"))
    if refusal is not None:
        status, reason = refusal
        headers = {"www-authenticate": 'Bearer realm="peernet-metrics"'} if status == 401 else None
        return error_response(status, reason, accept=request.headers.get("accept"), headers=headers)
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
    "KNOWN_OPERATIONS", "JsonFormatter", "OperationMetrics", "RequestLog", "configure_logging",
    "metrics_endpoint", "operation_label", "record_job", "request_id",
]
