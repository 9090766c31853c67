"""Cypher for removing a person (``eraseManager``, ``peernet erase`` and ``deleteManager``:
one meaning for removing someone). Afterwards no node, relationship or property holds their
id, their name or their texts; one audit entry records the removal.

What goes, in one transaction:

* the manager node with every relationship it has (contacts, memberships, attendance, their
  handlings and notes, their suggestions and dismissals, others' suggestions of them);
* the text of the problems they raised (title, description, and the notes others wrote when
  handling them): those problems stay as anonymous statistics (category, status, dates,
  sessions, who else handled them with what outcome), marked ``anonymisedAt`` so an import
  cannot bring the text back; recurring-problem labels built from that text give way to the
  category until the job recomputes them from the reports still readable;
* their escalations and actions on recurring problems keep their date and kind, without
  their author or note;
* every mention of them elsewhere: their name or id in others' problem texts, handling and
  escalation notes (replaced by ``[removed]``), suggestion reasons that name them (dropped),
  entries about them in stored metrics snapshots (brokers…) and job runs (dropped);
* in the audit log, their id where it is an entry's actor or target becomes ``[removed]``;
  the entry recording the removal keeps it (docs/privacy.md says what that entry holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from peernet.domain.redaction import REMOVED, Person, person, redact_text, scrub_json
from peernet.errors import NotFound

from . import audit
from .driver import Database, run
from .recurring_store import CLEAR_LABELS
from .timestamps import now_iso

PERSON = "MATCH (m:Manager {id: $id}) RETURN m.name AS name"
OTHER_NAMES = "MATCH (m:Manager) WHERE m.id <> $id RETURN collect(m.name) AS names"
ANONYMISE_RAISED = """
MATCH (:Manager {id: $id})-[:RAISED]->(p:Problem)
SET p.title = null, p.description = null, p.anonymisedAt = coalesce(p.anonymisedAt, $now)
RETURN collect(p.id) AS ids
"""
# Others' handling notes on the erased person's problems may describe them: notes go, the
# handling (who, outcome, when) stays.
REMOVE_NOTES = """
MATCH (:Manager {id: $id})-[:RAISED]->(:Problem)<-[h:HANDLED]-(:Manager)
WHERE h.note IS NOT NULL
SET h.note = null
RETURN count(h) AS n
"""
# Others' problems that may name them: the full-text index finds the candidates, Python
# checks whole words and rewrites the text.
PROBLEMS_NAMING = """
CALL db.index.fulltext.queryNodes('problem_text', $lucene) YIELD node AS p
RETURN p.id AS id, p.title AS title, p.description AS description
"""
SET_PROBLEM_TEXT = """
UNWIND $rows AS r
MATCH (p:Problem {id: r.id})
SET p.title = r.title, p.description = r.description
"""
NOTES_NAMING = """
MATCH ()-[h:HANDLED]->() WHERE h.note IS NOT NULL AND any(n IN $needles WHERE h.note CONTAINS n)
RETURN elementId(h) AS key, h.note AS text
"""
SET_NOTE = """
UNWIND $rows AS r
MATCH ()-[h:HANDLED]->() WHERE elementId(h) = r.key
SET h.note = r.text
"""
# Their own escalations and actions: the group's history keeps that something happened, when.
UNSIGN_EVENTS = """
MATCH (e:RecurringEvent {byId: $id})
SET e.byId = null, e.note = null
RETURN count(e) AS n
"""
EVENTS_NAMING = """
MATCH (e:RecurringEvent) WHERE e.note IS NOT NULL AND any(n IN $needles WHERE e.note CONTAINS n)
RETURN e.id AS key, e.note AS text
"""
SET_EVENT_NOTE = """
UNWIND $rows AS r
MATCH (e:RecurringEvent {id: r.key})
SET e.note = r.text
"""
SUGGESTIONS_NAMING = """
MATCH ()-[x:SUGGESTED]->()
WHERE any(reason IN x.reasons WHERE any(n IN $needles WHERE reason CONTAINS n))
RETURN elementId(x) AS key, x.reasons AS reasons
"""
SET_REASONS = """
UNWIND $rows AS r
MATCH ()-[x:SUGGESTED]->() WHERE elementId(x) = r.key
SET x.reasons = r.reasons
"""
SNAPSHOTS_NAMING = """
MATCH (s:MetricsSnapshot) WHERE any(n IN $needles WHERE s.data CONTAINS n)
RETURN s.id AS id, s.data AS data
"""
SET_SNAPSHOT = """
UNWIND $rows AS r
MATCH (s:MetricsSnapshot {id: r.id})
SET s.data = r.data
"""
RUNS_NAMING = """
MATCH (r:JobRun)
WHERE any(n IN $needles WHERE r.params CONTAINS n OR r.counts CONTAINS n OR r.error CONTAINS n)
RETURN r.id AS id, r.params AS params, r.counts AS counts, r.error AS error
"""
SET_RUN = """
UNWIND $rows AS row
MATCH (r:JobRun {id: row.id})
SET r.params = row.params, r.counts = row.counts, r.error = row.error
"""
REDACT_AUDIT = """
MATCH (a:AuditEntry) WHERE a.actorId = $id OR a.targetId = $id
SET a.actorId = CASE a.actorId WHEN $id THEN $removed ELSE a.actorId END,
    a.targetId = CASE a.targetId WHEN $id THEN $removed ELSE a.targetId END
RETURN count(a) AS n
"""
DELETE_MANAGER = """
MATCH (m:Manager {id: $id})
WITH m, COUNT { (m)--() } AS rels
DETACH DELETE m
RETURN rels
"""


Change = Callable[[dict[str, Any]], dict[str, Any] | None]  # a row, changed or None


@dataclass(frozen=True)
class Erasure:
    manager_id: str
    problems_anonymised: int
    notes_removed: int
    relationships_removed: int


def _lucene_phrases(who: Person) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return " OR ".join(quoted(n) for n in (who.id, *who.names))


async def _rewrite(
    tx: AsyncManagedTransaction, find: str, write: str, who: Person,
    change: Change, **params: Any,
) -> int:
    """Read the rows ``find`` returns, change each that mentions the person, write them back
    with ``write``; the number changed."""
    rows = [changed for r in await run(tx, find, **params) if (changed := change(r)) is not None]
    if rows:
        await run(tx, write, rows=rows)
    return len(rows)


def _text(who: Person, *columns: str, key: str = "key") -> Change:
    def change(row: dict[str, Any]) -> dict[str, Any] | None:
        new = {c: redact_text(row[c], who) if row[c] is not None else None for c in columns}
        if all(new[c] == row[c] for c in columns):
            return None
        return {key: row[key], **new}

    return change


def _reasons(who: Person) -> Change:
    def change(row: dict[str, Any]) -> dict[str, Any] | None:
        kept = [r for r in row["reasons"] if not who.mentioned_in(r)]
        return {"key": row["key"], "reasons": kept} if kept != row["reasons"] else None

    return change


def _json(who: Person, *columns: str) -> Change:
    def change(row: dict[str, Any]) -> dict[str, Any] | None:
        new = {c: scrub_json(row[c], who) for c in columns}
        return {"id": row["id"], **new} if new != {c: row[c] for c in columns} else None

    return change


def _run_fields(who: Person) -> Change:
    as_json = _json(who, "params", "counts")

    def change(row: dict[str, Any]) -> dict[str, Any] | None:
        error = redact_text(row["error"], who) if row["error"] else row["error"]
        new = as_json(row) or {"id": row["id"], "params": row["params"], "counts": row["counts"]}
        if error == row["error"] and all(new[c] == row[c] for c in ("params", "counts")):
            return None
        return {**new, "error": error}

    return change


async def _remove_mentions(tx: AsyncManagedTransaction, who: Person) -> None:
    """Every mention of the person outside their own node and relationships."""
    needles = [who.id, *who.names]
    await _rewrite(tx, PROBLEMS_NAMING, SET_PROBLEM_TEXT, who,
                   _text(who, "title", "description", key="id"), lucene=_lucene_phrases(who))
    await _rewrite(tx, NOTES_NAMING, SET_NOTE, who, _text(who, "text"), needles=needles)
    await _rewrite(tx, EVENTS_NAMING, SET_EVENT_NOTE, who, _text(who, "text"), needles=needles)
    await _rewrite(tx, SUGGESTIONS_NAMING, SET_REASONS, who, _reasons(who), needles=needles)
    await _rewrite(tx, SNAPSHOTS_NAMING, SET_SNAPSHOT, who, _json(who, "data"), needles=needles)
    await _rewrite(tx, RUNS_NAMING, SET_RUN, who, _run_fields(who), needles=needles)


async def erase(
    db: Database, manager_id: str, *, actor_id: str | None,
    action: str | None = audit.ERASE_MANAGER,
) -> Erasure:
    """Remove the manager and everything that identifies them. ``action`` names the audit
    entry written in the same transaction (None: the caller records it, as ``deleteManager``'s
    admin-action entry does)."""

    async def work(tx: AsyncManagedTransaction) -> Erasure:
        found = await run(tx, PERSON, id=manager_id)
        if not found:
            raise NotFound(f"no manager with id {manager_id!r}", field="id")
        others = (await run(tx, OTHER_NAMES, id=manager_id))[0]["names"]
        who = person(manager_id, found[0]["name"], others)
        problems = (await run(tx, ANONYMISE_RAISED, id=manager_id, now=now_iso()))[0]["ids"]
        notes = (await run(tx, REMOVE_NOTES, id=manager_id))[0]["n"]
        await run(tx, CLEAR_LABELS, ids=problems)
        await run(tx, UNSIGN_EVENTS, id=manager_id)
        await _remove_mentions(tx, who)
        rels = (await run(tx, DELETE_MANAGER, id=manager_id))[0]["rels"]
        await run(tx, REDACT_AUDIT, id=manager_id, removed=REMOVED)
        if action is not None:
            entry = audit.new_entries(actor_id, [(action, "Manager", manager_id)])
            await audit.append_tx(tx, entry)
        return Erasure(manager_id=manager_id, problems_anonymised=len(problems),
                       notes_removed=notes, relationships_removed=rels)

    return await db.write(work)


__all__ = ["Erasure", "erase"]
