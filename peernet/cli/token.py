"""``peernet token``: a signed development token (refused in production)."""

from __future__ import annotations

import typer

from peernet.auth import AuthError, issue_dev_token
from peernet.config import get_settings

from .common import console, fail


def token(
    role: list[str] = typer.Option(["manager"], "--role",
                                   help="manager, sponsor or admin (repeatable)"),
    manager: str = typer.Option(None, "--manager", help="The manager id the token speaks for"),
    hours: float = typer.Option(12.0, help="Hours until it expires"),
) -> None:
    """Print a signed development token; the last line of the output is the bare token.
    Refused in production mode (the identity provider issues tokens there)."""
    from peernet.seeds import demo as demo_data

    if get_settings().production:
        fail("peernet token is refused in production mode: tokens are issued by the identity "
             "provider there")
        return

    default = {
        "admin": demo_data.DEMO_ADMIN_ID, "sponsor": demo_data.DEMO_SPONSOR_ID,
    }.get(role[0] if role else "", demo_data.DEMO_MANAGER_ID)
    roles = sorted(set(role) | {"manager"})
    try:
        signed = issue_dev_token(get_settings(), manager_id=manager or default, roles=roles,
                                 hours=hours)
    except AuthError as exc:
        fail(str(exc))
        return
    console.print(f"# token for {manager or default} with roles {', '.join(roles)} ({hours:g} h)")
    print(signed)


__all__ = ["token"]
