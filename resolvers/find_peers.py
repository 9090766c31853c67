"""``findPeers`` and ``Problem.similarProblems``: validate, analyse the question, two reads,
rank. The Cypher is in ``graph.find_peers``, the scoring in ``ranking``, the text analysis in
``query_text``; this module only wires them together."""

from __future__ import annotations

import datetime as dt

from peernet.graph import find_peers as graph
from peernet.graph import records
from peernet.graph.paging import check_first

from . import query_text, ranking, validation
from .context import Info

MAX_FIRST = 20
MAX_QUESTION = 1000


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


async def find_peers(
    info: Info, *, problem: str, first: int = 5, exclude_own_department: bool = False,
) -> list[ranking.RankedPeer]:
    viewer_id = info.context.require_manager()
    text = validation.text(problem, "problem", max_len=MAX_QUESTION)
    first = check_first(first, MAX_FIRST)
    query = query_text.analyse(text or "")
    if first == 0 or not query.lucene:
        return []
    db, viewer = info.context.db, info.context.viewer
    candidates = await graph.find_peers(
        db, viewer, lucene=query.lucene, grams=query.grams,
        exclude_own_department=exclude_own_department,
    )
    ranked = ranking.rank(candidates, categories=query.categories, today=_today(), first=first,
                          exclude_id=viewer_id)
    hops = await graph.connections(db, viewer_id, [peer.manager.id for peer in ranked])
    return [ranking.with_connection(peer, hops.get(peer.manager.id, ())) for peer in ranked]


async def similar_problems(info: Info, problem_id: str, *, first: int = 5) -> list[records.Problem]:
    first = check_first(first, graph.SIMILAR_MAX_FIRST)
    if first == 0:
        return []
    return (await info.context.loaders.similar_problems.load(problem_id))[:first]


__all__ = ["MAX_FIRST", "find_peers", "similar_problems"]
