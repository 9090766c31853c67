"""One CSV cell at a time: each function takes the stripped text of a non-empty cell and
returns the value as the graph stores it, or raises ``FieldError`` with a message a
spreadsheet user can act on. Empty cells never reach these functions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from peernet.domain.text_rules import control_problem

# The rule the API applies to ids a caller chooses (resolvers.validation.new_id); an imported
# id must be one the API would have accepted.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
MAX_NAME = 200
MAX_TEXT = 5000
FIRST_YEAR = 1950
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_STORED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

class FieldError(ValueError):
    """A cell whose text cannot become the value its column needs."""


def ident(text: str, column: str) -> str:
    if not ID_PATTERN.match(text):
        raise FieldError(
            f"{column} {text!r} is not a valid id (1–64 letters, digits or _.:-, "
            "starting with a letter or digit)"
        )
    return text


def bounded(text: str, column: str, max_len: int = MAX_NAME, multiline: bool = False) -> str:
    """A name (one line) or, with ``multiline``, a free text: at most ``max_len`` characters
    and no control character."""
    problem = control_problem(text, column, multiline=multiline)
    if problem:
        raise FieldError(problem)
    if len(text) > max_len:
        raise FieldError(f"{column} is {len(text)} characters; at most {max_len} are allowed")
    return text


def free_text(text: str, column: str) -> str:
    """A description or note: lines allowed, at most MAX_TEXT characters."""
    return bounded(text, column, MAX_TEXT, multiline=True)


def choice(text: str, column: str, allowed: Iterable[str]) -> str:
    options = tuple(allowed)
    value = text.upper()
    if value not in options:
        raise FieldError(f"{column} {text!r} is not one of {', '.join(options)}")
    return value


def boolean(text: str, column: str) -> bool:
    value = text.lower()
    if value not in ("true", "false"):
        raise FieldError(f"{column} {text!r} is not true or false (or empty for the default)")
    return value == "true"


def year(text: str, column: str, *, today: dt.date | None = None) -> int:
    last = (today or dt.date.today()).year
    try:
        value = int(text)
    except ValueError:
        raise FieldError(f"{column} {text!r} is not a whole number (a year such as 2015)") from None
    if not FIRST_YEAR <= value <= last:
        raise FieldError(f"{column} {value} is not a year between {FIRST_YEAR} and {last}")
    return value


# Contact dates repeat across a big file's rows; each distinct text is parsed once.
# Failures are not cached (lru_cache does not store exceptions).
@lru_cache(maxsize=1 << 16)
def iso_date(text: str, column: str) -> str:
    """``YYYY-MM-DD``, a real calendar day, returned as written."""
    try:
        if not _ISO_DAY.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise FieldError(f"{column} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def iso_datetime(text: str, column: str) -> str:
    """An ISO date or date-time, as the graph stores instants: UTC, whole seconds, ``Z``.

    A date alone means midnight UTC; a time without an offset is taken as UTC.
    """
    try:
        if _STORED.match(text):  # already as stored (an export from peernet): only check it
            dt.datetime.fromisoformat(text[:-1])
            return text
        if _ISO_DAY.match(text):
            moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        elif _ISO_TIME.match(text):
            moment = dt.datetime.fromisoformat(text)
        else:
            raise ValueError(text)
    except ValueError:
        raise FieldError(
            f"{column} {text!r} is not an ISO date or date-time "
            "(e.g. 2024-03-05 or 2024-03-05T09:30:00Z)"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


__all__ = [
    "FIRST_YEAR", "ID_PATTERN", "MAX_NAME", "MAX_TEXT", "FieldError", "boolean", "bounded",
    "choice", "free_text", "ident", "iso_date", "iso_datetime", "year",
]
