"""Input checks that name the field that was wrong, run before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from peernet.domain.text_rules import control_problem
from peernet.errors import BadUserInput

MAX_NAME = 200
MAX_TEXT = 5000
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
def no_controls(value: str, field: str, *, multiline: bool = False) -> str:
    """``value`` unchanged, or BadUserInput naming the first control character and where it is.

    Names (``multiline=False``) are one line: no control character at all. Free texts may hold
    newlines, carriage returns and tabs, but no other control character."""
    problem = control_problem(value, field, multiline=multiline)
    if problem:
        raise BadUserInput(problem, field=field)
    return value


def text(
    value: str | None, field: str, *, max_len: int = MAX_NAME, required: bool = True,
    multiline: bool = False,
) -> str | None:
    """``value`` stripped, or BadUserInput: missing or empty when required, too long, or holding
    a control character (see ``no_controls``; ``multiline`` for free texts)."""
    if value is None:
        if required:
            raise BadUserInput(f"{field} is required", field=field)
        return None
    cleaned = no_controls(value, field, multiline=multiline).strip()
    if required and not cleaned:
        raise BadUserInput(f"{field} must not be empty", field=field)
    if len(cleaned) > max_len:
        raise BadUserInput(
            f"{field} is {len(cleaned)} characters; at most {max_len} are allowed", field=field
        )
    return cleaned


def new_id(value: str | None, prefix: str) -> str:
    if value is None:
        return f"{prefix}-{uuid.uuid4().hex[:12]}"
    if not _ID.match(value):
        raise BadUserInput(
            "id must be 1–64 letters, digits or _.:- and start with a letter or digit", field="id"
        )
    return value


def year(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if not 1950 <= value <= dt.date.today().year:
        raise BadUserInput(f"{field} must be a year between 1950 and now", field=field)
    return value


def positive(value: int | None, field: str) -> int | None:
    if value is not None and value < 1:
        raise BadUserInput(f"{field} must be 1 or more", field=field)
    return value


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


__all__ = [
    "MAX_NAME", "MAX_TEXT", "new_id", "no_controls", "now_iso", "positive", "text", "year",
]
