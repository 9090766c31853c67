"""Who may read what, expressed inside Cypher so hidden text never leaves the database.

A confidential problem's title, description, raiser and handling notes are readable only by
its raiser, its handlers and admins. Every query that returns problem text goes through
``PROBLEM_PROJECTION``; the viewer arrives as the ``$viewerId`` / ``$viewerAdmin`` parameters.
"""

from __future__ import annotations

# Expects ``p`` bound to a :Problem; yields ``problem`` as a map parsed by records.problem.
CAN_READ = (
    "(NOT p.confidential OR $viewerAdmin OR "
    "EXISTS { MATCH (:Manager {id: $viewerId})-[:RAISED|HANDLED]->(p) })"
)

PROBLEM_PROJECTION = f"""
WITH p, {CAN_READ} AS canRead
RETURN p {{
  .id, .category, .confidential, .createdAt, .status, canRead: canRead,
  title: CASE WHEN canRead THEN p.title END,
  description: CASE WHEN canRead THEN p.description END,
  raisedBy: CASE WHEN canRead THEN head([(r:Manager)-[:RAISED]->(p) | r.id]) END
}} AS problem
"""

__all__ = ["CAN_READ", "PROBLEM_PROJECTION"]
