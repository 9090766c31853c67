"""``findPeers`` and ``Problem.similarProblems``: validate, analyse the question, read the hits,
rank, read the details of the chosen few. The Cypher is in ``graph.find_peers``, the scoring in
``ranking``, the text analysis in ``query_text``; this module only wires them together."""

from __future__ import annotations

import datetime as dt

from peernet.domain import query_text, ranking, records
from peernet.graph import find_peers as graph
from peernet.graph import problems
from peernet.graph.paging import check_first

from . import validation
from .context import Info

MAX_FIRST = 20
MAX_QUESTION = 1000


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


async def find_peers(
    info: Info, *, problem: str, first: int = 5, exclude_own_department: bool = False,
) -> list[ranking.RankedPeer]:
    viewer_id = info.context.require_manager()
    text = validation.text(problem, "problem", max_len=MAX_QUESTION, multiline=True)
    first = check_first(first, MAX_FIRST)
    query = query_text.analyse(text or "")
    if first == 0 or not query.lucene:
        return []
    db, viewer, today = info.context.db, info.context.viewer, _today()
    hits = await graph.hits(
        db, viewer, lucene=query.lucene, grams=query.grams,
        scoring=ranking.cypher_params(query.categories, today),
        exclude_own_department=exclude_own_department,
    )
    ranked = ranking.rank(hits, categories=query.categories, today=today, first=first,
                          exclude_id=viewer_id)
    details = await graph.details(db, viewer, ranking.shown_problems(ranked))
    return ranking.present_all(ranked, details)


async def set_handling_findable(info: Info, *, problem_id: str, findable: bool) -> bool:
    """The signed-in manager's consent to be found for a confidential case they raised and
    handled in their own team (category only; see docs/privacy.md), given or withdrawn."""
    info.context.require_manager()
    return await problems.set_findable(info.context.db, info.context.viewer,
                                       problem_id=problem_id, findable=findable)


async def similar_problems(info: Info, problem_id: str, *, first: int = 5) -> list[records.Problem]:
    first = check_first(first, graph.SIMILAR_MAX_FIRST)
    if first == 0:
        return []
    return (await info.context.loaders.similar_problems.load(problem_id))[:first]


__all__ = ["MAX_FIRST", "find_peers", "set_handling_findable", "similar_problems"]
