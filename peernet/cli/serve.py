"""``peernet serve``: run the API under uvicorn."""

from __future__ import annotations

import inspect
import os
from typing import Any

import typer
import uvicorn

from peernet.config import Mode, get_settings, is_loopback

from .common import console


def serve(
    host: str | None = typer.Option(None, help="Interface to bind (default from PEERNET_HOST)"),
    port: int | None = typer.Option(None, help="Port (default from PEERNET_PORT)"),
    workers: int = typer.Option(1, min=1, help="Worker processes"),
) -> None:
    """Serve GraphQL at /graphql. With PEERNET_MODE unset, binding to an address other than
    loopback serves in production mode (and its checks apply)."""
    settings = get_settings()
    if host and not is_loopback(host) and "mode" not in settings.model_fields_set:
        # The workers read the settings again: tell them through the environment.
        os.environ["PEERNET_MODE"] = Mode.PRODUCTION.value
        get_settings.cache_clear()
        console.print(f"PEERNET_MODE is unset and {host} is not a loopback address: serving in "
                      "production mode (set PEERNET_MODE=development to serve a development "
                      "set-up on the network)")
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
