"""Schemathesis generates GraphQL operations from the schema (every root query and mutation
field, with random arguments and selections) and sends them, with a valid admin token, to the
real server under uvicorn. None may produce a server error: no 5xx other than 503 with
DB_UNAVAILABLE, and no masked INTERNAL_SERVER_ERROR in a 200 either.

Run alone (it prints the figures): ``.venv/bin/pytest tests/e2e/test_schemathesis.py -s``.
"""

from __future__ import annotations

import collections
import json
import time

import pytest
import schemathesis
from graphql import get_introspection_query
from hypothesis import HealthCheck, given, settings

from peernet.schema import build_schema
from tests.conftest import make_token
from tests.servers import uvicorn_server

EXAMPLES_PER_OPERATION = 35
MINIMUM_CASES = 1000


def _operations():
    introspection = build_schema().execute_sync(get_introspection_query()).data
    schema = schemathesis.graphql.from_dict(introspection)
    return [result.ok() for result in schema.get_all_operations()]


def _check(operation, url: str, headers: dict[str, str],
           statuses: collections.Counter[int], failures: list[str]) -> None:
    """Send the operation's generated cases; count their statuses, note each server error."""

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), derandomize=True)
    @given(operation.as_strategy())
    def check(case):
        response = case.call(base_url=f"{url}/graphql", headers=headers, timeout=30)
        statuses[response.status_code] += 1
        body = response.json() if response.content else {}
        codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
        server_error = response.status_code >= 500 and not (
            response.status_code == 503 and codes == {"DB_UNAVAILABLE"})
        if server_error or "INTERNAL_SERVER_ERROR" in codes:
            failures.append(f"{operation.label}: {response.status_code} "
                            f"{json.dumps(body)[:300]}\n  for {case.body!r:.500}")

    check()


@pytest.mark.slow
def test_generated_operations_cause_no_server_error(fresh_demo):
    operations = _operations()
    headers = {"Authorization": f"Bearer {make_token('admin')}"}
    statuses: collections.Counter[int] = collections.Counter()
    failures: list[str] = []
    started = time.monotonic()
    with uvicorn_server() as url:
        for operation in operations:
            _check(operation, url, headers, statuses, failures)
    total = sum(statuses.values())
    assert len(operations) >= 30  # every root field of the schema, not a subset
    print(f"\nschemathesis: {len(operations)} operations, {total} generated cases in "
          f"{time.monotonic() - started:.0f} s, "
          f"statuses {dict(sorted(statuses.items()))}, server errors {len(failures)}")
    assert failures == [], "\n".join(failures[:10])
    assert total >= MINIMUM_CASES
