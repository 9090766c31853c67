"""Erasure leaves nothing: after every job has run and the person has left traces everywhere
(suggestions, broker lists, recurring problems, escalations, notes, job runs, the audit log),
``eraseManager`` removes every property value, anywhere in the graph, that holds their id,
their name, or a first or last name only they have — searched in strings, in lists and inside
JSON strings. The one entry left is the audit log's record of the erasure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from peernet.graph import audit
from peernet.graph.driver import run as tx_run
from peernet.jobs import registry
from peernet.seeds import demo as demo_data
from tests.conftest import _with_db, cypher, run

ADMIN = demo_data.DEMO_ADMIN_ID
SPONSOR = demo_data.DEMO_SPONSOR_ID
ME = demo_data.DEMO_MANAGER_ID
DEMO = demo_data.build_demo()
NAMES = {m["id"]: m["name"] for m in DEMO.managers}

ESCALATE = """mutation($id: ID!, $note: String!) {
  escalateRecurringProblem(id: $id, note: $note) { status } }"""
ALL_NODES = "MATCH (n) RETURN labels(n) AS where, properties(n) AS props"
ALL_RELATIONSHIPS = """
MATCH (a)-[r]->(b) RETURN type(r) + ' ' + coalesce(a.id, '?') + '->' + coalesce(b.id, '?') AS where,
                        properties(r) AS props
"""


def write(query: str, **params: Any) -> list[dict[str, Any]]:
    return run(_with_db(lambda db: db.write(lambda tx: tx_run(tx, query, **params))))


def tokens(manager_id: str) -> list[str]:
    """What identifies the person in text: id, full name, and a first or last name no one
    else's name contains."""
    name = NAMES[manager_id]
    others = {w for mid, n in NAMES.items() if mid != manager_id for w in n.split()}
    return [manager_id, name, *[w for w in name.split() if w not in others and len(w) > 2]]


def _values(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + f"[key {k}]", str(k)
            yield from _values(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _values(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value
        if value[:1] in "[{":
            try:
                parsed = json.loads(value)
            except ValueError:
                return
            yield from _values(parsed, path + "<json>")
    elif value is not None:
        yield path, str(value)


def mentions(manager_id: str) -> list[str]:
    """Every property value in the graph that mentions the person."""
    patterns = [re.compile(rf"(?<!\w){re.escape(t)}(?!\w)") for t in tokens(manager_id)]
    found = []
    for query in (ALL_NODES, ALL_RELATIONSHIPS):
        for row in cypher(query):
            for path, text in _values(row["props"], str(row["where"])):
                if any(p.search(text) for p in patterns):
                    found.append(f"{path} = {text[:120]!r}")
    return found


def _run_every_job(gql) -> None:
    for job in registry.all_jobs():
        params = {"days": 2000} if job.name == "retention" else {}
        body = gql("mutation($n: String!, $p: JSON) { runJob(name: $n, params: $p) { status } }",
                   {"n": job.name, "p": params}, role="admin")
        assert body["data"]["runJob"]["status"] == "SUCCEEDED", body


def _victim() -> str:
    """A broker in the latest snapshot who raised a report, still readable, that a recurring
    problem groups, and who is suggested to others."""
    latest = "MATCH (s:MetricsSnapshot) RETURN s.data AS d ORDER BY s.computedAt DESC LIMIT 1"
    data = json.loads(cypher(latest)[0]["d"])
    brokers = [b["id"] for b in data["brokers"]]
    grouped = {r["id"] for r in cypher("""
        MATCH (g:RecurringProblem)-[:INCLUDES]->(p:Problem)<-[:RAISED]-(m:Manager)
        WHERE p.title IS NOT NULL AND EXISTS { ()-[:SUGGESTED]->(m) }
        RETURN DISTINCT m.id AS id""")}
    special = (ME, ADMIN, SPONSOR)
    for candidate in brokers:
        if candidate in grouped and candidate not in special and len(tokens(candidate)) > 2:
            return candidate
    raise AssertionError("the demo data has no broker who raised a grouped report")


def _leave_traces(gql, victim: str) -> dict[str, str]:
    """Traces the person leaves through the API and in texts others write."""
    name = NAMES[victim]
    group = cypher("""MATCH (g:RecurringProblem)-[:INCLUDES]->(:Problem)<-[:RAISED]-(m:Manager)
                      WHERE m.id = $id RETURN g.id AS id LIMIT 1""", id=victim)[0]["id"]
    # Their own escalation (as a sponsor) and someone else's note naming them.
    for by, note in ((victim, "Escalating this: my team cannot cope."),
                     (SPONSOR, f"Discussed with {name} on Monday.")):
        body = gql(ESCALATE, {"id": group, "note": note}, role="sponsor", manager_id=by)
        assert "errors" not in body, body
    # Someone else's problem naming them, and a handling note naming them.
    raised = gql("mutation($i: RaiseProblemInput!) { raiseProblem(input: $i) { id } }",
                 {"i": {"title": f"Friction with {name.split()[0]}'s team",
                        "description": f"Hand-overs between my team and {name}'s keep failing.",
                        "category": "CONFLICT", "confidential": False}})
    assert "errors" not in raised, raised
    write("""MATCH (m:Manager)-[h:HANDLED]->(p:Problem) WHERE m.id <> $id AND p.title IS NOT NULL
             WITH h LIMIT 1 SET h.note = 'Asked ' + $name + ' (' + $id + ') for advice.'""",
          id=victim, name=name)
    # A reason naming them on a suggestion between two others, and a run that names them.
    write("""MATCH (a:Manager)-[x:SUGGESTED]->(b:Manager) WHERE NOT $id IN [a.id, b.id]
             WITH x LIMIT 1 SET x.reasons = x.reasons + ['you both know ' + $name]""",
          id=victim, name=name)
    write("""MATCH (r:JobRun) WITH r LIMIT 1
             SET r.error = 'BAD_USER_INPUT: no contacts for ' + $id""", id=victim)
    # The audit log: an admin exports their data; they read their own confidential text.
    assert "errors" not in gql(f'{{ exportManagerData(id: "{victim}") }}', role="admin")
    return {"group": group}


def test_erasure_after_every_job_leaves_no_id_name_or_text_anywhere(gql, fresh_demo):
    _run_every_job(gql)
    victim = _victim()
    traces = _leave_traces(gql, victim)
    before = mentions(victim)
    # The search finds them everywhere today: in the snapshot, the audit log, the events…
    for where in ("MetricsSnapshot", "AuditEntry", "RecurringEvent", "SUGGESTED", "JobRun",
                  "Problem"):
        assert any(where in m for m in before), (where, before)

    body = gql(f'mutation {{ eraseManager(id: "{victim}") {{ managerId }} }}', role="admin")
    assert "errors" not in body, body

    left = mentions(victim)
    erasure = cypher("MATCH (a:AuditEntry {targetId: $id}) RETURN properties(a) AS e", id=victim)
    assert [e["e"]["action"] for e in erasure] == [audit.ERASE_MANAGER]
    assert erasure[0]["e"]["actorId"] == ADMIN
    assert [m for m in left if "AuditEntry" not in m] == []
    assert len([m for m in left if "AuditEntry" in m]) == 1  # that entry's targetId, nothing else

    # The escalations stay in the group's history, without author or the erased person's note.
    events = cypher("""MATCH (:RecurringProblem {id: $id})-[:HAS_EVENT]->(e) RETURN e.byId AS by,
                       e.note AS note""", id=traces["group"])
    assert sorted(events, key=lambda e: e["by"] or "") == [
        {"by": None, "note": None}, {"by": SPONSOR, "note": "Discussed with [removed] on Monday."}]


def test_a_recurring_label_built_from_erased_text_gives_way_to_the_category(gql, fresh_demo):
    _run_every_job(gql)
    victim = _victim()
    groups = cypher("""MATCH (g:RecurringProblem)-[:INCLUDES]->(:Problem)<-[:RAISED]-(m:Manager)
                       WHERE m.id = $id
                       RETURN DISTINCT g.id AS id, g.category AS category""", id=victim)
    assert groups
    erased = gql(f'mutation {{ eraseManager(id: "{victim}") {{ managerId }} }}', role="admin")
    assert "errors" not in erased, erased
    labels = "MATCH (g:RecurringProblem) RETURN g.id AS id, g.label AS label, g.terms AS terms"
    after = {r["id"]: r for r in cypher(labels)}
    for g in groups:
        assert after[g["id"]]["label"] == g["category"].replace("_", " ").lower()
        assert after[g["id"]]["terms"] == []
