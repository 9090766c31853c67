"""The import's write loop, with a stand-in transaction: batches, counts, progress, and what an
import too large for the server's transaction memory turns into."""

from __future__ import annotations

import asyncio

import pytest
from neo4j.exceptions import Neo4jError

from peernet.errors import BadUserInput, DbUnavailable
from peernet.graph import bulk, importer


class FakeTx:
    def __init__(self, fail_on: int | None = None) -> None:
        self.calls: list[tuple[str, int]] = []
        self.fail_on = fail_on

    async def run(self, query, params):
        self.calls.append((query, len(params["rows"])))
        if self.fail_on == len(self.calls):
            raise memory_error()
        return FakeResult(
            [{"created": len(params["rows"]) - 1}] if query == bulk.MERGE_CONTACTS else []
        )


class FakeResult:
    def __init__(self, records):
        self.records = records

    def __aiter__(self):
        return self._gen()

    async def _gen(self):
        for record in self.records:
            yield type("Record", (), {"data": lambda self, r=record: r})()


def memory_error() -> Neo4jError:
    return Neo4jError._hydrate_neo4j(
        code=importer.MEMORY_LIMIT,
        message="The allocation of an extra 2.0 MiB would use more than the limit 716.8 MiB.")


class FakeDb:
    def __init__(self, tx: FakeTx, *, commit_fails: bool = False) -> None:
        self.tx = tx
        self.commit_fails = commit_fails

    async def write(self, work):
        result = await work(self.tx)
        if self.commit_fails:  # as Database.write reports a TransientError left after retrying
            raise DbUnavailable(
                "the database is unavailable; try again shortly"
            ) from memory_error()
        return result


def test_rows_are_written_in_batches_in_order_with_progress_and_created_counts():
    tx = FakeTx()
    seen = []
    created = asyncio.run(importer.write(
        FakeDb(tx), [("managers", [{}] * 5), ("contacts", [{}] * 7)], now="2026-01-01T00:00:00Z",
        progress=lambda kind, done, total: seen.append((kind, done, total)), batch_size=3))
    assert tx.calls == [(bulk.MERGE_MANAGERS, 3), (bulk.MERGE_MANAGERS, 2),
                        (bulk.MERGE_CONTACTS, 3), (bulk.MERGE_CONTACTS, 3),
                        (bulk.MERGE_CONTACTS, 1)]
    assert seen == [("managers", 3, 5), ("managers", 5, 5), ("contacts", 3, 7), ("contacts", 6, 7),
                    ("contacts", 7, 7)]
    assert created == {"contacts": 2 + 2 + 0}


def test_running_out_of_transaction_memory_is_a_clear_error_not_a_retry():
    tx = FakeTx(fail_on=2)
    with pytest.raises(
        BadUserInput, match=r"too large for one transaction.*716.8 MiB.*nothing was written"
    ):
        asyncio.run(importer.write(FakeDb(tx), [("contacts", [{}] * 9)], now="x", batch_size=3))
    assert len(tx.calls) == 2


def test_running_out_of_memory_while_committing_is_the_same_clear_error():
    with pytest.raises(BadUserInput, match="too large for one transaction"):
        asyncio.run(
            importer.write(FakeDb(FakeTx(), commit_fails=True), [("contacts", [{}] * 2)], now="x")
        )
