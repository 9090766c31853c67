"""The runner records a run when it starts (RUNNING, on its first step), moves it from step to
step while the job works, and finishes it SUCCEEDED or FAILED, so whoever watches the graph
(the admin page, another terminal) sees the same progress as the CLI's bar."""

from __future__ import annotations

import asyncio
import threading

import pytest

from peernet.errors import BadUserInput
from peernet.graph import job_runs
from peernet.graph.driver import run as cypher_in
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from tests.conftest import _with_db, run

NAME = "runner-test-gated"


class Gate:
    """A job whose compute step waits until the test opens the gate (or fails on request)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()
        self.fail_with: BaseException | None = None

    def job(self) -> registry.Job:
        async def load(db, params):
            return params["things"]

        def compute(things, params):
            self.entered.set()
            if not self.open.wait(timeout=30):
                raise TimeoutError("the test never opened the gate")
            if self.fail_with:
                raise self.fail_with
            return things

        async def write(db, things, params):
            return {"things": things}

        return registry.Job(name=NAME, description="runner test", load=load, compute=compute,
                            write=write, defaults={"things": 3})


@pytest.fixture
def gate(demo_graph):
    opened = Gate()
    registry.register(opened.job())
    yield opened
    opened.open.set()
    registry._JOBS.pop(NAME, None)
    run(
        _with_db(
            lambda db: db.write(
                lambda tx: cypher_in(tx, "MATCH (r:JobRun {job: $j}) DETACH DELETE r", j=NAME)
            )
        )
    )


async def _watch(db, until, timeout: float = 20.0) -> job_runs.JobRun:
    """Poll the recorded runs, as the admin page does, until one matches."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        runs = await job_runs.recent(db, job=NAME, limit=1)
        if runs and until(runs[0]):
            return runs[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no run of {NAME} matched in {timeout} s: {runs}")


def test_a_run_is_seen_running_on_its_step_and_then_succeeded(gate):
    seen: list[tuple[str, float]] = []

    async def scenario(db):
        task = asyncio.create_task(run_job(db, NAME, {"things": 5},
                                           progress=lambda s, f: seen.append((s, f))))
        running = await _watch(db, lambda r: r.step == "compute")
        assert not task.done()
        gate.open.set()
        finished = await task
        return running, finished, (await job_runs.recent(db, job=NAME, limit=5))

    running, finished, stored = run(_with_db(scenario))
    assert running.status == job_runs.RUNNING and running.finished_at is None
    assert running.fraction == pytest.approx(0.33)
    assert "load" in running.timings and "compute" not in running.timings  # load done, compute not
    assert running.params == {"things": 5}

    assert [r.id for r in stored] == [running.id]  # one record, updated in place
    (done,) = stored
    assert done == finished
    assert done.status == job_runs.SUCCEEDED and done.error is None
    assert (done.step, done.fraction) == ("done", 1.0)
    assert done.finished_at >= done.started_at
    assert done.counts == {"things": 5} and set(done.timings) == {"load", "compute", "write"}
    # The CLI's bar saw the same steps the graph recorded.
    assert [s for s, _ in seen] == ["load", "compute", "write", "done"]


def test_a_failing_job_is_recorded_failed_with_its_step_and_error(gate):
    gate.fail_with = ValueError("row 17 of a secret table")
    gate.open.set()

    with pytest.raises(ValueError):
        run(_with_db(lambda db: run_job(db, NAME)))
    (failed,) = run(_with_db(lambda db: job_runs.recent(db, job=NAME, limit=5)))
    assert failed.status == job_runs.FAILED and failed.finished_at
    assert failed.step == "compute" and failed.fraction == pytest.approx(0.33)
    assert failed.error == "ValueError"  # the type only: an internal message may quote data
    assert failed.counts == {}


def test_a_user_facing_error_is_recorded_with_its_message(gate):
    gate.fail_with = BadUserInput("things must be fewer than 4", field="params")
    gate.open.set()

    with pytest.raises(BadUserInput):
        run(_with_db(lambda db: run_job(db, NAME)))
    (failed,) = run(_with_db(lambda db: job_runs.recent(db, job=NAME, limit=5)))
    assert failed.error == "BAD_USER_INPUT: things must be fewer than 4"


def test_a_cancelled_run_does_not_stay_running(gate):
    async def scenario(db):
        task = asyncio.create_task(run_job(db, NAME))
        await _watch(db, lambda r: r.step == "compute")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        gate.open.set()  # let the worker thread finish
        return await job_runs.recent(db, job=NAME, limit=5)

    (cancelled,) = run(_with_db(scenario))
    assert (cancelled.status, cancelled.error, cancelled.step) == (
        job_runs.FAILED,
        "cancelled",
        "compute",
    )


def test_bad_parameters_fail_before_anything_is_recorded(gate):
    with pytest.raises(BadUserInput):
        run(_with_db(lambda db: run_job(db, NAME, {"nonsense": 1})))
    assert run(_with_db(lambda db: job_runs.recent(db, job=NAME, limit=5))) == []


def test_a_run_whose_process_died_is_reported_failed_not_running_forever(gate):
    """A RUNNING record whose heartbeat stopped (the process was killed) must not keep the
    admin page waiting, nor its button disabled."""
    async def scenario(db):
        await db.write(lambda tx: cypher_in(tx, """
            CREATE (:JobRun {id: 'run-dead', job: $job, startedAt: '2026-01-01T08:00:00.000Z',
                             status: 'RUNNING', params: '{}', counts: '{}', timings: '{}',
                             step: 'compute', fraction: 0.33,
                             heartbeat: datetime.realtime() - duration({seconds: $age})})""",
            job=NAME, age=job_runs.STALE_SECONDS + 5))
        return await job_runs.recent(db, job=NAME, limit=5)

    (dead,) = run(_with_db(scenario))
    assert (dead.status, dead.error, dead.step) == (job_runs.FAILED, job_runs.ABANDONED, "compute")
    assert dead.finished_at is None  # nobody knows when it stopped


def test_a_long_step_keeps_beating_so_it_is_not_taken_for_dead(gate, monkeypatch):
    from peernet.jobs import runner

    monkeypatch.setattr(runner, "HEARTBEAT_SECONDS", 0.1)
    beats = "MATCH (r:JobRun {job: $job}) RETURN r.heartbeat.epochMillis AS at"

    async def scenario(db):
        task = asyncio.create_task(run_job(db, NAME))
        await _watch(db, lambda r: r.step == "compute")
        first = (await db.read(beats, job=NAME))[0]["at"]
        await asyncio.sleep(0.5)  # compute is still waiting at the gate
        later = (await db.read(beats, job=NAME))[0]["at"]
        gate.open.set()
        await task
        return first, later

    first, later = run(_with_db(scenario))
    assert later > first
