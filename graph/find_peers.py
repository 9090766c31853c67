"""Cypher for "find a peer who handled this" and for problems like a given one.

``findPeers`` costs two round trips. ``HITS`` finds, scores and shortlists the problems and
returns, per problem, only its id, category, scores and who handled it how and when: enough
for ``domain.ranking`` to rank everyone exactly, and little to send. ``DETAILS`` fetches, for
the chosen few, what is shown: the manager, their department, shared cohorts, the readable
matched problems through ``PROBLEM_PROJECTION``, and the shortest path from the asker. Problem
text is only ever read inside Cypher.

Hidden text must not be an oracle (docs/find-peers.md, "Confidential problems"): every number
``HITS`` computes for a viewer depends only on text that viewer may read. Lucene's scores and
its candidate cut depend on the statistics of every text in the index searched, so a viewer
who is not an admin searches ``OPEN_INDEX``, which holds only non-confidential problems (the
``:OpenProblem`` label, kept by every write path and by the migration). The viewer's own
confidential problems (raised or handled) are matched by their n-gram share alone, which no
other text affects. Any other confidential problem counts only through its category, outcome
and date; a case its handler raised in their own team only through its category, and only if
the handler agreed (``findable`` on the HANDLED relationship).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from peernet.domain import records as domain
from peernet.domain.matches import CATEGORY, CONSENTED, Hit, Hop, PeerDetails, PeerHits, Shown
from peernet.domain.viewer import Viewer

from . import records
from .driver import Database
from .visibility import PROBLEM_PROJECTION, can_read

INDEX = "problem_text"  # every problem: for admins, who may read them all
OPEN_INDEX = "open_problem_text"  # the :OpenProblem (non-confidential) ones: everyone else
OPEN_LABEL = "OpenProblem"
HIDDEN_SHORTLIST = 150  # hidden handlings looked at: the best outcome × recency
CANDIDATES = 500  # full-text hits looked at
SHORTLIST = 150  # of those, the most promising that get the n-gram feature and the handlers
MAX_PATH_HOPS = 4  # a contact is one hop, a shared cohort two (manager → cohort → manager)
SIMILAR_CANDIDATES = 100
SIMILAR_MAX_FIRST = 20  # fetched per problem in one batch; the field slices to its `first`
SIMILAR_MAX_TERMS = 60
SIMILAR_CATEGORY_WEIGHT = 0.3

# Lucene's query syntax characters and ordinary punctuation, turned into spaces before a stored
# text is matched against n-grams or split into query terms.
SEPARATORS = (*"+-&|!(){}[]^\"~*?:\\/.,;'#$%<=>@_`–—’“”«»…", "\n", "\r", "\t")


# What can stand right before a word ("IT-supporten", "(Teams)", "”Nej”"): turned into spaces
# so that a word-start n-gram such as " sup" finds it. Fewer replacements than SEPARATORS, as
# this runs for every shortlisted problem.
WORD_JOINERS = ("-", "/", "(", "[", '"', "'", "“", "”", "’", "«", "»", "–", "—", "\n", "\t")


def _normalised(node: str, chars: str = "$separators") -> str:
    """Cypher for a problem's text, lower-cased, ``chars`` as spaces, padded with spaces."""
    return (
        f"reduce(s = ' ' + toLower(coalesce({node}.title, '') + ' ' + "
        f"coalesce({node}.description, '')) + ' ', c IN {chars} | replace(s, c, ' '))"
    )


# Handlers a viewer may be shown: not the viewer, active, not in the viewer's department when
# that is excluded. Expects ``m``, ``me`` (the viewer's node, or null) and ``mine`` (their
# department, or null). Nodes are compared, not ids: a predicate on ``m.id`` makes the planner
# scan every manager and join, many times slower than expanding from the problems.
_HANDLER_SHOWN = """(me IS NULL OR m <> me) AND coalesce(m.active, true)
  AND NOT ($excludeOwnDepartment AND EXISTS { (m)-[:WORKS_IN]->(mine) })"""
_NOT_THE_VIEWERS = "NOT EXISTS { MATCH (me)-[:RAISED|HANDLED]->(p) }"

# A handling's age in years, counted in months (the shortlist's cheap bound; Python's recency
# is exact). Expects ``h``.
_AGE = """$todayYears - toInteger(left(h.handledAt, 4))
       - (toInteger(substring(h.handledAt, 5, 2)) - 1) / 12.0"""
_PROMISE = """coalesce($outcomeWeights[h.outcome], 0.0) * CASE WHEN age IS NULL THEN $undatedRecency
                                     WHEN age <= 0 THEN 1.0
                                     ELSE 0.5 ^ (age / $halfLifeYears) END"""

_GRAM_SHARE = """CASE WHEN size($grams) = 0 THEN 0.0
          ELSE toFloat(size([g IN $grams WHERE text CONTAINS g])) / size($grams) END"""

# Four parts, each one list in one record (the driver pays per record and per object):
# (1) ``problems``: Lucene's best $candidates hits in the viewer's index ($index: every
# problem for admins, the open ones otherwise) and who handled them. A cheap shortlist: a
# hit's relevance as if every n-gram matched, times the best outcome × recency among its
# handlings, keeps the $shortlist most promising; without it, near-identical problems tie on
# text and Lucene's tie order (index order) would decide who is considered. For those, the
# share of the question's character n-grams found in the stored text. Per problem: [id,
# category, textScore, gramScore, [[managerId, outcome, handledAt]…]].
# (2) ``own`` (not for admins, whose index has them): the viewer's own confidential problems,
# in the same shape, the n-gram share standing in for the Lucene score.
# (3) ``hidden`` (not for admins): handlings of the other confidential problems of the
# question's categories, not by the raiser, the $hiddenShortlist best by outcome × recency:
# [problemId, category, managerId, outcome, handledAt].
# (4) ``consented``: [managerId, category] for confidential cases their handler raised and
# agreed to be found for, of the question's categories.
# Every number (weights, outcome weights, half-life, today) comes from domain.ranking.
HITS = f"""
OPTIONAL MATCH (me:Manager {{id: $viewerId}})
OPTIONAL MATCH (me)-[:WORKS_IN]->(mine:Department)
CALL (me, mine) {{
  CALL db.index.fulltext.queryNodes($index, $lucene, {{limit: $candidates}})
  YIELD node AS p, score
  // The open index holds no confidential text; this guards a label left on by mistake.
  WHERE $viewerAdmin OR p.confidential = false
  WITH me, mine, collect({{p: p, score: score}}) AS hits, max(score) AS top
  UNWIND hits AS hit
  WITH me, mine, hit.p AS p, hit.score / top AS textScore
  WITH me, mine, p, textScore, $textWeight * textScore + $gramWeight
       + CASE WHEN p.category IN $categories THEN $categoryWeight ELSE 0.0 END AS bound
  WHERE bound >= $minRelevance
  MATCH (p)<-[h:HANDLED]-(m:Manager)
  WHERE {_HANDLER_SHOWN}
  WITH p, textScore, bound, h, m, {_AGE} AS age
  WITH p, textScore, bound,
       collect({{managerId: m.id, outcome: h.outcome, handledAt: h.handledAt}}) AS handlings,
       max({_PROMISE}) AS promise
  ORDER BY bound * promise DESC, p.id
  LIMIT $shortlist
  WITH p, textScore, handlings, {_normalised('p', '$wordJoiners')} AS text
  WITH p, textScore, handlings, {_GRAM_SHARE} AS gramScore
  WHERE $textWeight * textScore + $gramWeight * gramScore
        + CASE WHEN p.category IN $categories THEN $categoryWeight ELSE 0.0 END >= $minRelevance
  RETURN collect([p.id, p.category, textScore, gramScore,
                  [x IN handlings | [x.managerId, x.outcome, x.handledAt]]]) AS problems
}}
CALL (me, mine) {{
  MATCH (me)-[:RAISED|HANDLED]->(p:Problem)
  WHERE NOT $viewerAdmin AND NOT p:{OPEN_LABEL}
  WITH DISTINCT me, mine, p
  WITH me, mine, p, {_normalised('p', '$wordJoiners')} AS text
  WITH me, mine, p, {_GRAM_SHARE} AS gramScore
  WHERE ($textWeight + $gramWeight) * gramScore
        + CASE WHEN p.category IN $categories THEN $categoryWeight ELSE 0.0 END >= $minRelevance
  MATCH (p)<-[h:HANDLED]-(m:Manager)
  WHERE {_HANDLER_SHOWN}
  WITH p, gramScore, collect([m.id, h.outcome, h.handledAt]) AS handlings
  RETURN collect([p.id, p.category, gramScore, gramScore, handlings]) AS own
}}
CALL (me, mine) {{
  UNWIND CASE WHEN $viewerAdmin THEN [] ELSE $categories END AS category
  MATCH (p:Problem {{category: category}})<-[h:HANDLED]-(m:Manager)
  WHERE NOT p:{OPEN_LABEL} AND {_HANDLER_SHOWN} AND {_NOT_THE_VIEWERS}
    // Handling one's own confidential problem would name the team it happened in.
    AND NOT EXISTS {{ (m)-[:RAISED]->(p) }}
  WITH p, h, m, {_AGE} AS age
  WITH p, h, m, {_PROMISE} AS promise
  ORDER BY promise DESC, p.id, m.id
  LIMIT $hiddenShortlist
  RETURN collect([p.id, p.category, m.id, h.outcome, h.handledAt]) AS hidden
}}
CALL (me, mine) {{
  UNWIND CASE WHEN $viewerAdmin THEN [] ELSE $categories END AS category
  MATCH (m:Manager)-[h:HANDLED]->(p:Problem {{category: category}})<-[:RAISED]-(m)
  WHERE h.findable = true AND NOT p:{OPEN_LABEL} AND {_HANDLER_SHOWN} AND {_NOT_THE_VIEWERS}
  WITH DISTINCT m.id AS managerId, category
  ORDER BY managerId, category
  RETURN collect([managerId, category]) AS consented
}}
RETURN problems, own, hidden, consented
"""

# For each chosen peer ($peers: [{id, problemIds}]): who they are, what the asker shares with
# them, the problems to show (projected, with the handling note only where readable), and,
# among the paths of least hops, the one through fewest people, then by lowest ids (shortest
# paths are not unique, and equal input must give equal output).
DETAILS = f"""
OPTIONAL MATCH (me:Manager {{id: $viewerId}})
OPTIONAL MATCH (me)-[:WORKS_IN]->(mine:Department)
UNWIND $peers AS peer
MATCH (m:Manager {{id: peer.id}})
OPTIONAL MATCH (m)-[:WORKS_IN]->(dept:Department)
CALL (m, peer) {{
  UNWIND peer.problemIds AS problemId
  MATCH (m)-[h:HANDLED]->(p:Problem {{id: problemId}})
  CALL (p) {{ {PROBLEM_PROJECTION} }}
  RETURN collect({{problem: problem, outcome: h.outcome, handledAt: h.handledAt,
                  note: CASE WHEN problem.canRead THEN h.note END}}) AS handled
}}
CALL (me, m) {{
  OPTIONAL MATCH path = allShortestPaths((me)-[:KNOWS|MEMBER_OF*..{MAX_PATH_HOPS}]-(m))
  WITH CASE WHEN path IS NULL THEN [] ELSE nodes(path) END AS ns
  ORDER BY size([n IN ns WHERE n:Manager]), [n IN ns | n.id]
  RETURN head(collect(ns)) AS ns
}}
RETURN peer.id AS peerId,
       m {{.id, .name, .title, .level, .managerSince, departmentId: dept.id}} AS manager,
       dept {{.id, .name}} AS department, coalesce(dept = mine, false) AS sameDepartment,
       me IS NOT NULL AND EXISTS {{ (m)-[:KNOWS]-(me) }} AS knows,
       [(m)-[:MEMBER_OF]->(c:Cohort)<-[:MEMBER_OF]-(me) | c {{.id, .name}}] AS sharedCohorts,
       handled,
       [n IN coalesce(ns, [])[1..] | CASE WHEN n:Cohort
          THEN {{cohort: n {{.id, .name, start: toString(n.start), end: toString(n.end)}}}}
          ELSE {{manager: n {{.id, .name, .title, .level, .managerSince,
                             departmentId: head([(n)-[:WORKS_IN]->(d:Department) | d.id])}}}}
          END] AS hops
"""

# The source problem's own words, read and turned into a query inside Cypher, for a source the
# viewer may read (for any other, nothing: its neighbours would be an oracle on its text). The
# neighbours come from the viewer's index ($index), so no hidden text chooses or orders them.
# Every Lucene syntax character is in $separators, so the terms cannot change the query.
SIMILAR_PROBLEMS = f"""
UNWIND $ids AS id
MATCH (src:Problem {{id: id}})
CALL (src) {{
  WITH src WHERE {can_read('src')}
  WITH src, {_normalised('src')} AS text
  WITH src, reduce(acc = [], t IN split(text, ' ') |
         CASE WHEN size(t) < 3 OR t IN acc THEN acc ELSE acc + t END)[..$maxTerms] AS terms
  WHERE size(terms) > 0
  CALL db.index.fulltext.queryNodes($index, reduce(q = '', t IN terms | q + ' ' + t),
                                    {{limit: $candidates}})
  YIELD node AS p, score
  WHERE p <> src AND ($viewerAdmin OR p.confidential = false)
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


def index_for(viewer: Viewer) -> str:
    """The full-text index whose statistics hold only text ``viewer`` may read."""
    return INDEX if viewer.is_admin else OPEN_INDEX


def peer_hits(
    problems: list[list[Any]], hidden: Sequence[Sequence[Any]] = (),
    consented: Sequence[Sequence[Any]] = (),
) -> list[PeerHits]:
    """``HITS``'s parts regrouped per manager, in order of first appearance: readable problems
    (``problems`` and ``own``) with their text features, hidden ones without."""
    by_manager: dict[str, list[Hit]] = {}
    for problem_id, category, text_score, gram_score, handlings in problems:
        for manager_id, outcome, handled_at in handlings:
            by_manager.setdefault(manager_id, []).append(Hit(
                problem_id=problem_id, category=category, outcome=outcome, handled_at=handled_at,
                text_score=float(text_score), gram_score=float(gram_score),
            ))
    for problem_id, category, manager_id, outcome, handled_at in hidden:
        by_manager.setdefault(manager_id, []).append(Hit(
            problem_id=problem_id, category=category, outcome=outcome, handled_at=handled_at,
            text_score=0.0, gram_score=0.0, kind=CATEGORY,
        ))
    for manager_id, category in consented:
        by_manager.setdefault(manager_id, []).append(Hit(
            problem_id="", category=category, outcome=None, handled_at=None, text_score=0.0,
            gram_score=0.0, kind=CONSENTED,
        ))
    return [PeerHits(manager_id=k, handled=tuple(v)) for k, v in by_manager.items()]


def _cohort(row: dict[str, Any]) -> domain.Cohort:
    return domain.Cohort(id=row["id"], name=row["name"], start=str(row.get("start") or ""),
                          end=str(row.get("end") or ""))


def hop(row: dict[str, Any]) -> Hop:
    if row.get("cohort"):
        return Hop(manager=None, cohort=_cohort(row["cohort"]))
    return Hop(manager=records.manager(row["manager"]), cohort=None)


def shown(row: dict[str, Any]) -> Shown:
    return Shown(problem=records.problem(row["problem"]), outcome=row["outcome"],
                 handled_at=row.get("handledAt"), note=row.get("note"))


def peer_details(row: dict[str, Any]) -> PeerDetails:
    department = row.get("department")
    return PeerDetails(
        manager=records.manager(row["manager"]),
        department=records.department(department) if department else None,
        same_department=bool(row["sameDepartment"]), knows=bool(row["knows"]),
        shared_cohorts=tuple(sorted((_cohort(c) for c in row["sharedCohorts"]),
                                    key=lambda c: c.id)),
        shown=tuple(shown(h) for h in row["handled"]), hops=tuple(hop(h) for h in row["hops"]),
    )


async def hits(
    db: Database, viewer: Viewer, *, lucene: str, grams: Sequence[str],
    scoring: Mapping[str, Any], exclude_own_department: bool, candidates: int = CANDIDATES,
    shortlist: int = SHORTLIST,
) -> list[PeerHits]:
    """Everyone but the viewer who handled a shortlisted full-text hit (see ``HITS``).
    ``scoring`` holds the ranking's numbers as parameters (``ranking.cypher_params``)."""
    rows = await db.read(
        HITS, lucene=lucene, grams=list(grams), wordJoiners=list(WORD_JOINERS),
        candidates=candidates, shortlist=shortlist, excludeOwnDepartment=exclude_own_department,
        index=index_for(viewer), hiddenShortlist=HIDDEN_SHORTLIST, **scoring, **viewer.params(),
    )
    if not rows:
        return []
    row = rows[0]
    return peer_hits(row["problems"] + row["own"], row["hidden"], row["consented"])


async def details(
    db: Database, viewer: Viewer, shown_problems: Mapping[str, Sequence[str]],
) -> dict[str, PeerDetails]:
    """For each peer id, who they are, how the viewer reaches them and the given problems."""
    if not shown_problems:
        return {}
    peers = [{"id": k, "problemIds": list(v)} for k, v in shown_problems.items()]
    rows = await db.read(DETAILS, peers=peers, **viewer.params())
    return {r["peerId"]: peer_details(r) for r in rows}


def _by_similarity(rows: list[dict[str, Any]]) -> list[domain.Problem]:
    ordered = sorted(rows, key=lambda r: (-r["similarity"], r["problem"]["id"]))
    return [records.problem(r["problem"]) for r in ordered]


async def similar_problems(
    db: Database, ids: list[str], viewer: Viewer, *, first: int = SIMILAR_MAX_FIRST,
) -> dict[str, list[domain.Problem]]:
    """For each problem id, up to ``first`` problems most like it, most similar first."""
    rows = await db.read(
        SIMILAR_PROBLEMS, ids=ids, first=first, separators=list(SEPARATORS),
        maxTerms=SIMILAR_MAX_TERMS, candidates=SIMILAR_CANDIDATES, index=index_for(viewer),
        categoryWeight=SIMILAR_CATEGORY_WEIGHT, **viewer.params(),
    )
    return {r["key"]: _by_similarity(r["similar"]) for r in rows}


__all__ = [
    "CANDIDATES", "DETAILS", "HIDDEN_SHORTLIST", "HITS", "INDEX", "MAX_PATH_HOPS", "OPEN_INDEX",
    "OPEN_LABEL", "SEPARATORS", "SHORTLIST", "index_for",
    "SIMILAR_MAX_FIRST", "SIMILAR_PROBLEMS", "WORD_JOINERS", "details", "hits", "hop",
    "peer_details", "peer_hits", "shown", "similar_problems",
]
