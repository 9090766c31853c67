"""Who may read what, expressed inside Cypher so hidden text never leaves the database.

A confidential problem's title, description, raiser and handling notes are readable only by
its raiser, its handlers and admins. Every query that returns problem text goes through
``PROBLEM_PROJECTION``; the viewer arrives as the ``$viewerId`` / ``$viewerAdmin`` parameters.
"""

from __future__ import annotations


def can_read(node: str) -> str:
    """Cypher that is true when the viewer may read the :Problem bound to ``node`` (a fixed
    variable name from our own code, never input)."""
    return (
        f"(NOT {node}.confidential OR $viewerAdmin OR "
        f"EXISTS {{ MATCH (:Manager {{id: $viewerId}})-[:RAISED|HANDLED]->({node}) }})"
    )


# Expects ``p`` bound to a :Problem; PROBLEM_PROJECTION yields ``problem`` as a map parsed by
# records.problem.
CAN_READ = can_read("p")

PROBLEM_PROJECTION = f"""
WITH p, {CAN_READ} AS canRead
RETURN p {{
  .id, .category, .confidential, .createdAt, .status, canRead: canRead,
  title: CASE WHEN canRead THEN p.title END,
  description: CASE WHEN canRead THEN p.description END,
  raisedBy: CASE WHEN canRead THEN head([(r:Manager)-[:RAISED]->(p) | r.id]) END
}} AS problem
"""

# Appended to every write that sets ``p.confidential``: the :OpenProblem label, which puts a
# problem in the open full-text index (graph.find_peers), follows it; only a problem known to
# be non-confidential has it.
OPEN_PROBLEM_LABEL = """
FOREACH (_ IN CASE WHEN p.confidential = false THEN [1] ELSE [] END | SET p:OpenProblem)
FOREACH (_ IN CASE WHEN p.confidential = false THEN [] ELSE [1] END | REMOVE p:OpenProblem)
"""

__all__ = ["CAN_READ", "OPEN_PROBLEM_LABEL", "PROBLEM_PROJECTION", "can_read"]
