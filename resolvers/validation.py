"""Input checks that name the field that was wrong, run before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid

from peernet.errors import BadUserInput

MAX_NAME = 200
MAX_TEXT = 5000
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a name or text
# display in an order other than the one stored ("Trojan Source"); no one types them. The
# marks U+200E/U+200F and the joiners stay allowed: mixed-script names need them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Free text keeps its lines: newline, and the carriage return and tab a pasted text brings.
_LINE_CONTROLS = frozenset("\n\r\t")
# Cc: C0/C1 controls (NUL, ESC, …); Cs: a lone surrogate, which no store can encode;
# Zl/Zp: the Unicode line and paragraph separators, line breaks a one-line name must not hold.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})
_LINE_CATEGORIES = frozenset({"Zl", "Zp"})


def _refused(char: str, multiline: bool) -> bool:
    if multiline and char in _LINE_CONTROLS:
        return False
    category = unicodedata.category(char)
    if category in _REFUSED_CATEGORIES or char in _BIDI_CONTROLS:
        return True
    return not multiline and category in _LINE_CATEGORIES


def no_controls(value: str, field: str, *, multiline: bool = False) -> str:
    """``value`` unchanged, or BadUserInput naming the first control character and where it is.

    Names (``multiline=False``) are one line: no control character at all. Free texts may hold
    newlines, carriage returns and tabs, but no other control character."""
    for position, char in enumerate(value, start=1):
        if _refused(char, multiline):
            allowed = " other than newline, carriage return and tab" if multiline else ""
            raise BadUserInput(
                f"{field} must not contain control characters{allowed}; "
                f"found U+{ord(char):04X} at character {position}",
                field=field,
            )
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
