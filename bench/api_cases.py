"""What the API benchmark asks, and the floor of each: the same data fetched by the least
Cypher that can fetch it, through the async driver, from a separate process.

A GraphQL case is a query and a list of (variables, token) to cycle through; its floor is one
Cypher read and a list of parameters, one per GraphQL request. The floors are written here,
not taken from ``graph/``, so that a change to the product's queries shows up as a change in
the ratio rather than moving the floor with it.
"""

from __future__ import annotations

import random
from typing import Any

from graphql import (
    GraphQLObjectType,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)

from peernet.auth import issue_dev_token
from peernet.config import Settings
from peernet.domain.query_text import analyse
from peernet.graph import find_peers as fp
from peernet.graph.paging import encode_cursor
from peernet.seeds.demo import DemoData

MANAGER_QUERY = """
query Manager($id: ID!) {
  manager(id: $id) {
    id name title level managerSince
    department { id name }
    cohorts { role cohort { id name start end } }
    contacts { since source manager { id name } }
  }
}"""
MANAGER_FLOOR = """
MATCH (m:Manager {id: $id})
RETURN m {.id, .name, .title, .level, .managerSince,
  department: head([(m)-[:WORKS_IN]->(d:Department) | d {.id, .name}]),
  cohorts: [(m)-[r:MEMBER_OF]->(c:Cohort) |
            {role: r.role, cohort: c {.id, .name, start: toString(c.start), end: toString(c.end)}}],
  contacts: [(m)-[k:KNOWS]-(o:Manager) |
             {since: k.since, source: k.source, manager: o {.id, .name}}]
} AS manager
"""

PAGE_QUERY = """
query Page($after: String) {
  managers(first: 50, after: $after) {
    edges { node {
      id name title level
      department { id name }
      cohorts { role cohort { id name } }
      contacts { since manager { id name } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
# 51 rows, as the API reads: the 51st only says there is a next page.
PAGE_FLOOR = """
MATCH (m:Manager) WHERE m.id > $after
WITH m ORDER BY m.id LIMIT 51
RETURN m {.id, .name, .title, .level,
  department: head([(m)-[:WORKS_IN]->(d:Department) | d {.id, .name}]),
  cohorts: [(m)-[r:MEMBER_OF]->(c:Cohort) | {role: r.role, cohort: c {.id, .name}}],
  contacts: [(m)-[k:KNOWS]-(o:Manager) | {since: k.since, manager: o {.id, .name}}]
} AS manager
"""

FIND_PEERS_QUERY = """
query Peers($problem: String!) {
  findPeers(problem: $problem, first: 5) {
    peer { id name }
    department { id name }
    score reasons
    matchedProblems { problem { id title category } outcome handledAt }
    connection { length steps { via manager { id name } cohort { id name } } }
  }
}"""

# The same data as findPeers in one read: full-text candidates, their handlers grouped per
# manager, and for the best five their department, matched problems (text only where the
# viewer may read it, as the API) and a shortest path from the asker. The API ranks with more
# features (character n-grams, outcomes, recency, cohorts); this is what the answer needs.
FIND_PEERS_FLOOR = """
CALL db.index.fulltext.queryNodes('problem_text', $lucene, {limit: $candidates})
YIELD node AS p, score
MATCH (m:Manager)-[h:HANDLED]->(p) WHERE m.id <> $viewerId
WITH m, p, h, score,
     NOT p.confidential OR EXISTS { (:Manager {id: $viewerId})-[:RAISED|HANDLED]->(p) } AS canRead
ORDER BY score DESC
WITH m, sum(score) AS total,
     collect({problem: p {.id, .category, title: CASE WHEN canRead THEN p.title END},
              outcome: h.outcome, handledAt: h.handledAt})[..5] AS matched
ORDER BY total DESC LIMIT 5
MATCH (me:Manager {id: $viewerId})
OPTIONAL MATCH path = shortestPath((me)-[:KNOWS|MEMBER_OF*..4]-(m))
RETURN m {.id, .name} AS peer,
       head([(m)-[:WORKS_IN]->(d:Department) | d {.id, .name}]) AS department,
       total AS score, matched,
       [n IN CASE WHEN path IS NULL THEN [] ELSE tail(nodes(path)) END | n {.id, .name}] AS steps
"""

SUGGESTED_QUERY = """
query Mine {
  me { id name suggestedContacts(first: 10) { manager { id name title } score reasons } }
}"""
SUGGESTED_FLOOR = """
MATCH (state:SuggestionState {id: 'current'})
MATCH (me:Manager {id: $managerId})
CALL (me, state) {
  MATCH (me)-[x:SUGGESTED {runId: state.runId}]->(o:Manager)
  WHERE x.response IS NULL AND NOT EXISTS { (me)-[:KNOWS]-(o) }
    AND NOT EXISTS { (me)-[:DISMISSED]-(o) }
  WITH x, o ORDER BY x.rank LIMIT 10
  RETURN collect({manager: o {.id, .name, .title}, score: x.score, reasons: x.reasons}) AS suggested
}
RETURN me {.id, .name} AS me, suggested
"""

# The job stores each run as a snapshot; the floor reads the latest one whole.
METRICS_FLOOR = """
MATCH (s:MetricsSnapshot)
WITH s ORDER BY coalesce(s.computedAt, s.createdAt, s.at, '') DESC, s.id DESC LIMIT 1
RETURN s {.*} AS snapshot
"""

SAMPLES = 200  # distinct requests per case, cycled through


def query_fields(schema: Any) -> dict[str, Any]:
    """The root Query fields of a strawberry Schema, as graphql-core fields."""
    return schema._schema.query_type.fields


def selection(type_: Any, depth: int) -> str:
    """Every field that needs no argument (``first`` set to 20 where taken), objects nested
    ``depth`` levels: for a field whose shape this benchmark does not fix."""
    named = get_named_type(type_)
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = []
    for name, field in named.fields.items():
        required = [a for a in field.args.values()
                    if is_non_null_type(a.type) and a.default_value is None and name != "first"]
        if required:
            continue
        args = "(first: 20)" if "first" in field.args else ""
        inner = get_named_type(field.type)
        if is_leaf_type(inner):
            parts.append(name + args)
        elif depth > 0 and is_object_type(inner):
            sub = selection(inner, depth - 1)
            if sub:
                parts.append(f"{name}{args} {sub}")
    return "{ " + " ".join(parts) + " }" if parts else ""


def build_cases(data: DemoData, settings: Settings, schema: Any, *, seed: int = 11) -> list[dict]:
    """The cases this schema supports, with sampled ids, texts and tokens."""
    rng = random.Random(seed)
    fields = query_fields(schema)
    in_cohort = sorted({m["managerId"] for m in data.memberships})
    with_contacts = {c["a"] for c in data.contacts} | {c["b"] for c in data.contacts}
    rich = [m for m in in_cohort if m in with_contacts]
    people = rng.sample(rich, min(SAMPLES, len(rich)))
    tokens = {m: issue_dev_token(settings, manager_id=m, roles=["manager"], hours=6)
              for m in people}
    ids = sorted(m["id"] for m in data.managers)
    cases = []

    cases.append({
        "name": "manager",
        "query": MANAGER_QUERY,
        "requests": [{"variables": {"id": m}, "token": tokens[m]} for m in people],
        "floor": {"kind": "cypher", "query": MANAGER_FLOOR, "params": [{"id": m} for m in people]},
    })
    starts = [ids[rng.randrange(max(1, len(ids) - 60))] for _ in range(SAMPLES)]
    cases.append(
        {
            "name": "managers_page50",
            "query": PAGE_QUERY,
            "requests": [
                {"variables": {"after": encode_cursor(a)}, "token": tokens[people[i % len(people)]]}
                for i, a in enumerate(starts)
            ],
            "floor": {
                "kind": "cypher",
                "query": PAGE_FLOOR,
                "params": [{"after": a} for a in starts],
            },
        }
    )
    if "findPeers" in fields:
        readable = [p for p in data.problems if not p["confidential"]]
        params: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        for p in rng.sample(readable, min(len(readable), SAMPLES * 2)):
            text = f"{p['title']}. {p['description']}"[:400]
            analysed = analyse(text)
            if not analysed.lucene:
                continue
            viewer = people[len(requests) % len(people)]
            requests.append({"variables": {"problem": text}, "token": tokens[viewer]})
            params.append({"lucene": analysed.lucene, "viewerId": viewer,
                           "candidates": getattr(fp, "CANDIDATES", 300)})
            if len(requests) == SAMPLES:
                break
        cases.append({
            "name": "find_peers",
            "query": FIND_PEERS_QUERY,
            "requests": requests,
            "floor": {"kind": "cypher", "query": FIND_PEERS_FLOOR, "params": params},
        })
    cases.append({
        "name": "me_suggested_contacts",
        "query": SUGGESTED_QUERY,
        "requests": [{"variables": {}, "token": tokens[m]} for m in people],
        "floor": {"kind": "cypher", "query": SUGGESTED_FLOOR,
                  "params": [{"managerId": m} for m in people]},
    })
    if "networkMetrics" in fields:
        body = selection(fields["networkMetrics"].type, 2)
        admin = issue_dev_token(settings, manager_id=people[0], roles=["admin"], hours=6)
        cases.append({
            "name": "network_metrics",
            "query": "query Metrics { networkMetrics " + body + " }",
            "requests": [{"variables": {}, "token": admin}],
            "floor": {"kind": "cypher", "query": METRICS_FLOOR, "params": [{}]},
        })
    return cases


__all__ = ["build_cases", "selection"]
