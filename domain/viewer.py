"""Who is asking: a manager id (or none, for an admin who is not a manager) and their roles."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("manager", "sponsor", "admin")


@dataclass(frozen=True)
class Viewer:
    manager_id: str | None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def is_sponsor(self) -> bool:
        return "sponsor" in self.roles

    def params(self) -> dict[str, object]:
        return {"viewerId": self.manager_id, "viewerAdmin": self.is_admin}


__all__ = ["ROLES", "Viewer"]
