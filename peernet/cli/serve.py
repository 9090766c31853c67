"""``peernet serve``: run the API under uvicorn."""

from __future__ import annotations

import typer
import uvicorn

from peernet.config import get_settings


def serve(
    host: str = typer.Option(None, help="Interface to bind (default from PEERNET_HOST)"),
    port: int = typer.Option(None, help="Port (default from PEERNET_PORT)"),
    workers: int = typer.Option(1, min=1, help="Worker processes"),
) -> None:
    """Serve GraphQL at /graphql."""
    settings = get_settings()
    uvicorn.run(
        "peernet.app:create_app", factory=True, host=host or settings.host,
        port=port or settings.port, workers=workers, log_level="info", access_log=False,
    )


__all__ = ["serve"]
