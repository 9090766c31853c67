"""What the retention job would anonymise if run now: its dry run, as the CLI and the admin
page show it before anything is written (frozen)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetentionPreview:
    days: int  # the retention period used
    cutoff: str  # problems created before this instant would be anonymised
    problems: int  # how many of them still hold text
    oldest: str | None  # createdAt of the oldest of them (None when there are none)
    newest: str | None


__all__ = ["RetentionPreview"]
