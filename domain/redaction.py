"""Removing one person from stored values: what erasure does to the JSON a job stored
(metrics snapshots, job runs) and to free text that names them.

Pure: values in, values out; the graph room (``graph/erasure.py``) reads and writes them.
An entry that is about the person (a broker, an isolate: a dict holding their id) is
dropped from its list rather than blanked, so no row is left whose place and figures still
point at them; a bare mention (their id as a value, their name inside a text) is replaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

REMOVED = "[removed]"  # what stands where a removed person's name or id was


@dataclass(frozen=True, slots=True)
class Person:
    """Who is being removed: their id and the names that identify them in text (the full
    name, and a first or last name only when no one else has it)."""

    id: str
    names: tuple[str, ...]

    def mentioned_in(self, text: str) -> bool:
        return self.id in text or any(_word(n).search(text) for n in self.names)


def person(manager_id: str, name: str | None, others: Iterable[str] = ()) -> Person:
    """The person with id ``manager_id`` called ``name``; ``others`` are everyone else's names,
    to tell which parts of the name single them out."""
    full = (name or "").strip()
    if not full:
        return Person(manager_id, ())
    parts = full.split()
    taken = {word for other in others if other and other.strip() != full for word in other.split()}
    unique = [p for p in parts if len(parts) > 1 and len(p) > 2 and p not in taken]
    return Person(manager_id, tuple(dict.fromkeys([full, *unique])))


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def redact_text(text: str, who: Person) -> str:
    """``text`` with every mention of the person's id or names replaced."""
    for token in sorted({who.id, *who.names}, key=len, reverse=True):
        text = _word(token).sub(REMOVED, text)
    return text


def _about(value: object, who: Person) -> bool:
    """Whether a JSON value is an entry about the person: their id, or an object holding it."""
    if isinstance(value, str):
        return value == who.id
    if isinstance(value, dict):
        return any(v == who.id for v in value.values())
    return False


def scrub(value: object, who: Person) -> object:
    """A JSON value without the person: list entries about them dropped, object keys that
    are their id dropped, strings that mention them redacted."""
    if isinstance(value, dict):
        return {k: scrub(v, who) for k, v in value.items() if k != who.id}
    if isinstance(value, list):
        return [scrub(v, who) for v in value if not _about(v, who)]
    if isinstance(value, str):
        return redact_text(value, who) if who.mentioned_in(value) else value
    return value


def scrub_json(text: str | None, who: Person) -> str | None:
    """A JSON string without the person (see :func:`scrub`); text that is not JSON is
    redacted as text."""
    if text is None or not who.mentioned_in(text):
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return redact_text(text, who)
    return json.dumps(scrub(parsed, who), sort_keys=True)


__all__ = ["REMOVED", "Person", "person", "redact_text", "scrub", "scrub_json"]
