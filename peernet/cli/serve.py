"""``peernet serve``: run the API under uvicorn."""

from __future__ import annotations

import inspect
from typing import Any

import typer
import uvicorn

from peernet.config import get_settings


def serve(
    host: str | None = typer.Option(None, help="Interface to bind (default from PEERNET_HOST)"),
    port: int | None = typer.Option(None, help="Port (default from PEERNET_PORT)"),
    workers: int = typer.Option(1, min=1, help="Worker processes"),
) -> None:
    """Serve GraphQL at /graphql."""
    settings = get_settings()
    # A spawned worker re-imports this CLI (typer, NetworkX, scipy) before it answers the
    # supervisor's health ping; on a busy 2-core machine that takes longer than uvicorn's
    # default 5 s, and the supervisor then kills and respawns its workers forever.
    extra: dict[str, Any] = ({"timeout_worker_healthcheck": 60}
             if "timeout_worker_healthcheck" in inspect.signature(uvicorn.run).parameters else {})
    uvicorn.run(
        "peernet.app:create_app", factory=True, host=host or settings.host,
        port=port or settings.port, workers=workers, log_level="info", access_log=False, **extra,
    )


__all__ = ["serve"]
