"""The Cypher the local-server launcher (``peernet.neo4j_launcher``) and the test suite run:
the liveness ping, and the marker node that tells the disposable test instance from any
other database, so that nothing but the test instance is ever wiped by the suite.

Synchronous, and importing nothing of the app: the launcher runs before (and without) it.
The label is this module's constant, never user input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neo4j import Driver, Session

TEST_MARKER_LABEL = "PeernetTestInstance"

PING = "RETURN 1"
MARK_TEST_INSTANCE = f"MERGE (:{TEST_MARKER_LABEL} {{id: 'test'}})"
IS_TEST_INSTANCE = f"MATCH (m:{TEST_MARKER_LABEL}) RETURN count(m) AS n"
WIPE_TEST_INSTANCE = f"MATCH (n) WHERE NOT n:{TEST_MARKER_LABEL} DETACH DELETE n"


def ping(session: Session) -> None:
    """Raise unless the server runs a query for ``session``. A bare session run, not
    ``execute_query``: its retries would hide the answer."""
    session.run(PING).consume()


def mark_test_instance(driver: Driver) -> None:
    driver.execute_query(MARK_TEST_INSTANCE)


__all__ = [
    "IS_TEST_INSTANCE", "MARK_TEST_INSTANCE", "PING", "TEST_MARKER_LABEL", "WIPE_TEST_INSTANCE",
    "mark_test_instance", "ping",
]
