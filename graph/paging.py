"""Keyset pagination: pages are ordered by id and continue after the last id seen, so a page
costs the same at the end of a list as at its start (no SKIP)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Generic, TypeVar

from peernet.errors import BadUserInput

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_next: bool
    after: str | None


def encode_cursor(item_id: str) -> str:
    return base64.urlsafe_b64encode(f"id:{item_id}".encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        text = ""
    if not text.startswith("id:"):
        raise BadUserInput("after is not a cursor this API issued", field="after")
    return text[3:]


def check_first(first: int, cap: int) -> int:
    if first < 0:
        raise BadUserInput("first must not be negative", field="first")
    if first > cap:
        raise BadUserInput(f"first may be at most {cap}", field="first")
    return first


__all__ = ["Page", "check_first", "decode_cursor", "encode_cursor"]
