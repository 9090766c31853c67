"""The per-request context: the viewer, a database handle with its own query counter, and
fresh DataLoaders (a module-level loader would cache across requests and users)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from peernet.config import Settings
from peernet.domain.viewer import Viewer
from peernet.errors import Forbidden, Unauthenticated
from peernet.graph.driver import Database

from .audit import AuditTrail
from .loaders import Loaders


@dataclass
class Context:
    db: Database
    viewer: Viewer
    settings: Settings
    request: Any = None
    response: Any = None
    # Read a manager's nested fields with it in one query (``look_ahead``); False resolves
    # every field through its DataLoader, which tests use as the reference.
    look_ahead: bool = True
    loaders: Loaders = field(init=False)
    audit: AuditTrail = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.db, self.viewer)
        self.audit = AuditTrail(self.db, self.viewer)

    def require_manager(self) -> str:
        if not self.viewer.manager_id:
            raise Unauthenticated("this token is not linked to a manager")
        return self.viewer.manager_id

    def require_admin(self) -> None:
        if not self.viewer.is_admin:
            raise Forbidden("only an admin may do this")

    def require_sponsor_or_admin(self) -> None:
        if not (self.viewer.is_admin or self.viewer.is_sponsor):
            raise Forbidden("only a sponsor or an admin may do this")


Info = _Info[Context, None]

__all__ = ["Context", "Info"]
