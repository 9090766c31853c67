"""One run per job at a time. Two starts at once: one runs, the other is refused with
CONFLICT naming the running run, and the suggestions left are one complete set. A lock whose
holder died (heartbeat older than the abandonment threshold) is taken over; a run that fails
or is cancelled frees its job; the API and the CLI report a refused start."""

from __future__ import annotations

import asyncio
import threading

import pytest
from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.errors import Conflict
from peernet.graph import job_runs
from peernet.graph.driver import run as cypher_in
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from tests.conftest import _with_db, cypher, cypher_write, run

NAME = "lock-test-gated"
DEAD_RUN = "run-lock-test-holder"


class Gate:
    """Wraps a job so its compute step waits until the test opens the gate."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()
        self.fail_with: BaseException | None = None

    def wrap(self, job: registry.Job) -> registry.Job:
        def compute(loaded, params):
            self.entered.set()
            if not self.open.wait(timeout=30):
                raise TimeoutError("the test never opened the gate")
            if self.fail_with:
                raise self.fail_with
            return job.compute(loaded, params)

        return registry.Job(name=job.name, description=job.description, load=job.load,
                            compute=compute, write=job.write, defaults=job.defaults)


def _forget(job: str) -> None:
    cypher_write("MATCH (n) WHERE (n:JobRun OR n:JobLock) AND n.job = $j DETACH DELETE n", j=job)


@pytest.fixture
def gate(demo_graph):
    opened = Gate()

    async def load(db, params):
        return params["things"]

    def compute(things, params):
        return things

    async def write(db, things, params):
        return {"things": things}

    registry.register(opened.wrap(registry.Job(
        name=NAME, description="lock test", load=load, compute=compute, write=write,
        defaults={"things": 3})))
    yield opened
    opened.open.set()
    registry._JOBS.pop(NAME, None)
    _forget(NAME)


@pytest.fixture
def gated_suggestions(fresh_demo):
    """The real suggest-contacts job, its compute step gated."""
    real = registry.get("suggest-contacts")
    opened = Gate()
    registry.register(opened.wrap(real))
    yield opened
    opened.open.set()
    registry.register(real)


def _plant_holder(job: str, *, seconds_ago: int) -> None:
    """A lock held by a RUNNING run whose last heartbeat was ``seconds_ago``."""
    cypher_write("""
        MERGE (l:JobLock {job: $job}) SET l.runId = $id
        CREATE (:JobRun {id: $id, job: $job, startedAt: '2026-01-01T00:00:00.000Z',
                         status: 'RUNNING', params: '{}', counts: '{}', timings: '{}',
                         step: 'compute', fraction: 0.33,
                         heartbeat: datetime.realtime() - duration({seconds: $ago})})
    """, job=job, id=DEAD_RUN, ago=seconds_ago)


def test_two_suggestion_runs_at_once_leave_one_complete_set(gated_suggestions):
    async def attempt(db):
        try:
            return await run_job(db, "suggest-contacts")
        except Conflict as refused:
            gated_suggestions.open.set()  # the winner computes only once the loser is refused
            return refused

    async def both():
        # Two connections, as a click on the admin page and a scheduled run would have.
        return await asyncio.gather(_with_db(attempt), _with_db(attempt))

    outcomes = run(both())
    (done,) = [o for o in outcomes if isinstance(o, job_runs.JobRun)]
    (refused,) = [o for o in outcomes if isinstance(o, Conflict)]
    assert refused.code == "CONFLICT"
    assert refused.message == f"job 'suggest-contacts' is already running (run {done.id})"
    assert done.status == job_runs.SUCCEEDED and done.counts["suggestions"] > 0

    runs = run(_with_db(lambda db: job_runs.recent(db, job="suggest-contacts", limit=5)))
    assert [r.id for r in runs] == [done.id]  # the refused start recorded nothing
    # Every stored suggestion is from one run, the current one, and there are as many as it wrote.
    stored = cypher("""
        MATCH (state:SuggestionState {id: 'current'})
        MATCH (m:Manager)-[x:SUGGESTED]->(:Manager)
        RETURN collect(DISTINCT x.runId) AS runs, state.runId AS current, count(x) AS n,
               count(DISTINCT m) AS managers
    """)[0]
    assert stored["runs"] == [stored["current"]]
    assert stored["n"] == done.counts["suggestions"]
    assert stored["managers"] == done.counts["managers"]
    assert cypher("MATCH (l:JobLock {job: 'suggest-contacts'}) RETURN l.runId AS id") == [
        {"id": None}]


def test_a_second_start_while_one_runs_is_refused_naming_it(gate):
    async def scenario(db):
        first = asyncio.create_task(run_job(db, NAME))
        await asyncio.to_thread(gate.entered.wait, 20)
        (running,) = await job_runs.recent(db, job=NAME, limit=5)
        with pytest.raises(Conflict) as refused:
            await run_job(db, NAME)
        gate.open.set()
        return running, refused.value, await first, await run_job(db, NAME)

    running, refused, first, again = run(_with_db(scenario))
    assert running.status == job_runs.RUNNING
    assert refused.message == f"job {NAME!r} is already running (run {running.id})"
    assert refused.field == "name"
    assert first.id == running.id and first.status == job_runs.SUCCEEDED
    assert again.status == job_runs.SUCCEEDED and again.id != first.id  # the lock was released


def test_a_lock_whose_holder_died_is_taken_over(gate):
    _plant_holder(NAME, seconds_ago=job_runs.STALE_SECONDS + 5)
    gate.open.set()
    done = run(_with_db(lambda db: run_job(db, NAME)))
    assert done.status == job_runs.SUCCEEDED
    assert cypher("MATCH (l:JobLock {job: $j}) RETURN l.runId AS id", j=NAME) == [{"id": None}]


def test_a_live_holder_is_respected(gate):
    _plant_holder(NAME, seconds_ago=job_runs.STALE_SECONDS - 30)
    gate.open.set()
    with pytest.raises(Conflict, match=DEAD_RUN):
        run(_with_db(lambda db: run_job(db, NAME)))
    assert [r.id for r in run(_with_db(lambda db: job_runs.recent(db, job=NAME)))] == [DEAD_RUN]


def test_a_failed_run_frees_its_job(gate):
    gate.fail_with = ValueError("broken")
    gate.open.set()
    with pytest.raises(ValueError):
        run(_with_db(lambda db: run_job(db, NAME)))
    gate.fail_with = None
    assert run(_with_db(lambda db: run_job(db, NAME))).status == job_runs.SUCCEEDED


def test_a_cancelled_run_frees_its_job(gate):
    async def scenario(db):
        task = asyncio.create_task(run_job(db, NAME))
        await asyncio.to_thread(gate.entered.wait, 20)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        gate.open.set()
        return await run_job(db, NAME)

    assert run(_with_db(scenario)).status == job_runs.SUCCEEDED


def test_the_api_refuses_a_second_start_with_conflict(gate, gql):
    _plant_holder(NAME, seconds_ago=0)
    body = gql("mutation($n: String!) { runJob(name: $n) { id } }", {"n": NAME}, role="admin")
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "CONFLICT"
    assert error["message"] == f"job {NAME!r} is already running (run {DEAD_RUN})"


def test_the_cli_refuses_a_second_start_with_a_non_zero_exit(gate):
    _plant_holder(NAME, seconds_ago=0)
    result = CliRunner().invoke(cli, ["jobs", "run", NAME])
    assert result.exit_code == 1
    assert "already running" in result.output and DEAD_RUN in result.output


def test_the_locks_are_unique_per_job(demo_graph):
    try:
        cypher_write("CREATE (:JobLock {job: 'lock-test-twice'})")
        with pytest.raises(Conflict):  # the constraint refuses a second lock node
            run(_with_db(lambda db: db.write(lambda tx: cypher_in(
                tx, "CREATE (:JobLock {job: 'lock-test-twice'})"))))
    finally:
        _forget("lock-test-twice")
