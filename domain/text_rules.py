"""Which characters a name or a free text may hold (pure, no I/O): one rule for the API
(``resolvers.validation``) and the CSV importer (``peernet.importer.fields``)."""

from __future__ import annotations

import unicodedata

# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a name or text
# display in an order other than the one stored ("Trojan Source"); no one types them. The
# marks U+200E/U+200F and the joiners stay allowed: mixed-script names need them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Free text keeps its lines: newline, and the carriage return and tab a pasted text brings.
LINE_CONTROLS = frozenset("\n\r\t")
# Cc: C0/C1 controls (NUL, ESC, …); Cs: a lone surrogate, which no store can encode;
# Zl/Zp: the Unicode line and paragraph separators, line breaks a one-line name must not hold.
REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})
LINE_CATEGORIES = frozenset({"Zl", "Zp"})


def refused(char: str, *, multiline: bool) -> bool:
    """Whether ``char`` may not stand in a name (``multiline=False``) or a free text."""
    if multiline and char in LINE_CONTROLS:
        return False
    category = unicodedata.category(char)
    if category in REFUSED_CATEGORIES or char in BIDI_CONTROLS:
        return True
    return not multiline and category in LINE_CATEGORIES


def control_problem(value: str, field: str, *, multiline: bool) -> str | None:
    """The message for the first refused character of ``value``, or None when it has none."""
    for position, char in enumerate(value, start=1):
        if refused(char, multiline=multiline):
            allowed = " other than newline, carriage return and tab" if multiline else ""
            return (f"{field} must not contain control characters{allowed}; "
                    f"found U+{ord(char):04X} at character {position}")
    return None


__all__ = ["BIDI_CONTROLS", "LINE_CONTROLS", "control_problem", "refused"]
