"""Cypher for "find a peer who handled this" and for problems like a given one.

``find_peers`` is one round trip: full-text candidates → a character n-gram re-ranking feature
computed on the stored text → who handled each candidate, aggregated per manager with what the
reasons need. ``connections`` is the second: shortest paths from the asker to the chosen peers,
all in one query. Problem text is only ever read inside Cypher; what comes back goes through
``PROBLEM_PROJECTION``, so a confidential problem the viewer may not read arrives as its
category and ``restricted``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records
from .driver import Database
from .managers import MANAGER_MAP
from .visibility import PROBLEM_PROJECTION, Viewer

INDEX = "problem_text"
CANDIDATES = 300  # full-text hits considered before looking at who handled them
SIMILAR_CANDIDATES = 100
SIMILAR_MAX_FIRST = 20  # fetched per problem in one batch; the field slices to its `first`
MAX_PATH_HOPS = 4  # a contact is one hop, a shared cohort two (manager → cohort → manager)
SIMILAR_MAX_TERMS = 60
SIMILAR_CATEGORY_WEIGHT = 0.3

# Lucene's query syntax characters and ordinary punctuation, turned into spaces before a stored
# text is matched against n-grams or split into query terms.
SEPARATORS = tuple("+-&|!(){}[]^\"~*?:\\/.,;'#$%<=>@_`–—’“”«»…") + ("\n", "\r", "\t")


def _normalised(node: str) -> str:
    """Cypher for a problem's text, lower-cased, punctuation as spaces, padded with spaces."""
    return (
        f"reduce(s = ' ' + toLower(coalesce({node}.title, '') + ' ' + "
        f"coalesce({node}.description, '')) + ' ', c IN $separators | replace(s, c, ' '))"
    )


FIND_PEERS = f"""
CALL db.index.fulltext.queryNodes('{INDEX}', $lucene, {{limit: $candidates}})
YIELD node AS p, score
WITH collect({{p: p, score: score}}) AS hits, max(score) AS top
UNWIND hits AS hit
WITH hit.p AS p, hit.score / top AS textScore
WITH p, textScore, {_normalised('p')} AS text
WITH p, textScore,
     CASE WHEN size($grams) = 0 THEN 0.0
          ELSE toFloat(size([g IN $grams WHERE text CONTAINS g])) / size($grams) END AS gramScore
CALL (p) {{ {PROBLEM_PROJECTION} }}
MATCH (m:Manager)-[h:HANDLED]->(p)
WHERE m.id <> $viewerId
  // Handling one's own confidential problem would name the team it happened in.
  AND (problem.canRead OR NOT EXISTS {{ (m)-[:RAISED]->(p) }})
OPTIONAL MATCH (m)-[:WORKS_IN]->(dept:Department)
WITH m, dept, h, problem, textScore, gramScore,
     dept IS NOT NULL AND EXISTS {{ (dept)<-[:WORKS_IN]-(:Manager {{id: $viewerId}}) }}
       AS sameDepartment
WHERE NOT ($excludeOwnDepartment AND sameDepartment)
WITH m, dept, sameDepartment,
     collect({{problem: problem, textScore: textScore, gramScore: gramScore, outcome: h.outcome,
              handledAt: h.handledAt,
              note: CASE WHEN problem.canRead THEN h.note END}}) AS handled
RETURN {MANAGER_MAP} AS manager, dept {{.id, .name}} AS department, sameDepartment,
       EXISTS {{ (m)-[:KNOWS]-(:Manager {{id: $viewerId}}) }} AS knows,
       [(m)-[:MEMBER_OF]->(c:Cohort)<-[:MEMBER_OF]-(:Manager {{id: $viewerId}}) | c {{.id, .name}}]
         AS sharedCohorts,
       handled
"""

# Among the paths of least hops, the one through fewest people, then the lowest ids: shortest
# paths are not unique, and equal input must give equal output.
CONNECTIONS = f"""
MATCH (a:Manager {{id: $viewerId}})
UNWIND $peerIds AS peerId
MATCH (b:Manager {{id: peerId}})
OPTIONAL MATCH path = allShortestPaths((a)-[:KNOWS|MEMBER_OF*..{MAX_PATH_HOPS}]-(b))
WITH peerId, CASE WHEN path IS NULL THEN [] ELSE nodes(path) END AS ns
WITH peerId, ns ORDER BY peerId, size([n IN ns WHERE n:Manager]), [n IN ns | n.id]
WITH peerId, head(collect(ns)) AS ns
CALL (ns) {{
  UNWIND range(1, size(ns) - 1) AS i
  WITH i, ns[i] AS m ORDER BY i
  RETURN collect(CASE WHEN m:Cohort
    THEN {{cohort: m {{.id, .name, start: toString(m.start), end: toString(m.end)}}}}
    ELSE {{manager: {MANAGER_MAP}}} END) AS hops
}}
RETURN peerId, hops
"""

# The source problem's own words, read and turned into a query inside Cypher: its text never
# leaves the database, so a viewer who may not read it still gets (projected) neighbours.
# Every Lucene syntax character is in $separators, so the terms cannot change the query.
SIMILAR_PROBLEMS = f"""
UNWIND $ids AS id
MATCH (src:Problem {{id: id}})
CALL (src) {{
  WITH src, {_normalised('src')} AS text
  WITH src, reduce(acc = [], t IN split(text, ' ') |
         CASE WHEN size(t) < 3 OR t IN acc THEN acc ELSE acc + t END)[..$maxTerms] AS terms
  WHERE size(terms) > 0
  CALL db.index.fulltext.queryNodes('{INDEX}', reduce(q = '', t IN terms | q + ' ' + t),
                                    {{limit: $candidates}})
  YIELD node AS p, score
  WHERE p <> src
  WITH src, collect({{p: p, score: score}}) AS hits, max(score) AS top
  UNWIND hits AS hit
  WITH hit.p AS p, hit.score / top
       + CASE WHEN hit.p.category = src.category THEN $categoryWeight ELSE 0.0 END AS similarity
  ORDER BY similarity DESC, p.id
  LIMIT $first
  CALL (p) {{ {PROBLEM_PROJECTION} }}
  RETURN collect({{problem: problem, similarity: similarity}}) AS similar
}}
RETURN id AS key, similar
"""


@dataclass(frozen=True, slots=True)
class HandledMatch:
    """One handling of a full-text candidate, with the features the ranking needs."""

    problem: records.Problem
    outcome: str
    handled_at: str | None
    note: str | None
    text_score: float  # Lucene score / best Lucene score of the query, in (0, 1]
    gram_score: float  # share of the query's character n-grams found in the problem's text


@dataclass(frozen=True, slots=True)
class PeerCandidate:
    manager: records.Manager
    department: records.Department | None
    same_department: bool
    knows: bool
    shared_cohorts: tuple[records.Cohort, ...]
    handled: tuple[HandledMatch, ...]


@dataclass(frozen=True, slots=True)
class Hop:
    """One node after the asker on a path: a manager, or the cohort two managers share."""

    manager: records.Manager | None
    cohort: records.Cohort | None


def handled_match(row: dict[str, Any]) -> HandledMatch:
    return HandledMatch(
        problem=records.problem(row["problem"]), outcome=row["outcome"],
        handled_at=row.get("handledAt"), note=row.get("note"),
        text_score=float(row["textScore"]), gram_score=float(row["gramScore"]),
    )


def _cohort(row: dict[str, Any]) -> records.Cohort:
    return records.Cohort(id=row["id"], name=row["name"], start=str(row.get("start") or ""),
                          end=str(row.get("end") or ""))


def peer_candidate(row: dict[str, Any]) -> PeerCandidate:
    department = row.get("department")
    return PeerCandidate(
        manager=records.manager(row["manager"]),
        department=records.department(department) if department else None,
        same_department=bool(row["sameDepartment"]), knows=bool(row["knows"]),
        shared_cohorts=tuple(sorted((_cohort(c) for c in row["sharedCohorts"]), key=lambda c: c.id)),
        handled=tuple(handled_match(h) for h in row["handled"]),
    )


def hop(row: dict[str, Any]) -> Hop:
    if row.get("cohort"):
        return Hop(manager=None, cohort=_cohort(row["cohort"]))
    return Hop(manager=records.manager(row["manager"]), cohort=None)


async def find_peers(
    db: Database, viewer: Viewer, *, lucene: str, grams: tuple[str, ...],
    exclude_own_department: bool, candidates: int = CANDIDATES,
) -> list[PeerCandidate]:
    rows = await db.read(
        FIND_PEERS, lucene=lucene, grams=list(grams), separators=list(SEPARATORS),
        candidates=candidates, excludeOwnDepartment=exclude_own_department, **viewer.params(),
    )
    return [peer_candidate(r) for r in rows]


async def connections(db: Database, viewer_id: str, peer_ids: list[str]) -> dict[str, list[Hop]]:
    """For each peer, the nodes after the asker on the chosen shortest path (empty: none)."""
    if not peer_ids:
        return {}
    rows = await db.read(CONNECTIONS, viewerId=viewer_id, peerIds=peer_ids)
    return {r["peerId"]: [hop(h) for h in r["hops"]] for r in rows}


def _by_similarity(rows: list[dict[str, Any]]) -> list[records.Problem]:
    ordered = sorted(rows, key=lambda r: (-r["similarity"], r["problem"]["id"]))
    return [records.problem(r["problem"]) for r in ordered]


async def similar_problems(
    db: Database, ids: list[str], viewer: Viewer, *, first: int = SIMILAR_MAX_FIRST,
) -> dict[str, list[records.Problem]]:
    """For each problem id, up to ``first`` problems most like it, most similar first."""
    rows = await db.read(
        SIMILAR_PROBLEMS, ids=ids, first=first, separators=list(SEPARATORS),
        maxTerms=SIMILAR_MAX_TERMS, candidates=SIMILAR_CANDIDATES,
        categoryWeight=SIMILAR_CATEGORY_WEIGHT, **viewer.params(),
    )
    return {r["key"]: _by_similarity(r["similar"]) for r in rows}


__all__ = [
    "CANDIDATES", "CONNECTIONS", "FIND_PEERS", "HandledMatch", "Hop", "MAX_PATH_HOPS",
    "PeerCandidate", "SEPARATORS", "SIMILAR_MAX_FIRST", "SIMILAR_PROBLEMS", "connections", "find_peers",
    "handled_match", "hop", "peer_candidate", "similar_problems",
]
