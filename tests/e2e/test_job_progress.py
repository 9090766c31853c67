"""Job progress over GraphQL, as the admin page reads it: while a job runs (started from
another process, here a thread with its own connection) `jobRuns` shows it RUNNING with its
step, fraction and no finish time; a failed run shows FAILED and why."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from peernet.graph.driver import run as cypher_in
from peernet.jobs import registry
from peernet.jobs.runner import run_job
from tests.conftest import _with_db, run

NAME = "progress-test-gated"
RUNS = """query($job: String) { jobRuns(job: $job, first: 5) {
  id job status step fraction error startedAt finishedAt counts timings } }"""


@pytest.fixture
def gated_job(demo_graph):
    gate = threading.Event()

    async def load(db, params):
        return None

    def compute(loaded, params):
        if not gate.wait(timeout=30):
            raise TimeoutError("the test never opened the gate")
        if params["fail"]:
            raise RuntimeError("internal detail that must not reach the API")
        return 2

    async def write(db, result, params):
        return {"things": result}

    registry.register(registry.Job(name=NAME, description="progress test", load=load,
                                   compute=compute, write=write, defaults={"fail": False}))
    yield gate
    gate.set()
    registry._JOBS.pop(NAME, None)
    run(_with_db(lambda db: db.write(
        lambda tx: cypher_in(tx, "MATCH (r:JobRun {job: $j}) DETACH DELETE r", j=NAME))))


def _in_background(params: dict) -> tuple[threading.Thread, list]:
    outcome: list = []

    def work():
        try:
            outcome.append(asyncio.run(_with_db(lambda db: run_job(db, NAME, params))))
        except Exception as exc:  # the test asserts on it
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, outcome


def _poll(gql, until, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = gql(RUNS, {"job": NAME}, role="admin")["data"]["jobRuns"]
        if runs and until(runs[0]):
            return runs[0]
        time.sleep(0.1)
    raise AssertionError(f"no run of {NAME} matched within {timeout} s")


def test_an_admin_sees_a_running_job_on_its_step_then_its_result(gql, gated_job):
    thread, outcome = _in_background({})
    running = _poll(gql, lambda r: r["step"] == "compute")
    assert running["status"] == "RUNNING" and running["finishedAt"] is None
    assert running["fraction"] == pytest.approx(0.33) and running["error"] is None
    assert thread.is_alive()

    gated_job.set()
    thread.join(timeout=20)
    done = _poll(gql, lambda r: r["status"] != "RUNNING")
    assert done["id"] == running["id"]
    assert (done["status"], done["step"], done["fraction"]) == ("SUCCEEDED", "done", 1.0)
    assert done["finishedAt"] >= done["startedAt"] and done["counts"] == {"things": 2}
    assert outcome[0].id == done["id"]


def test_a_failed_run_shows_failed_and_its_error_type_only(gql, gated_job):
    gated_job.set()
    thread, outcome = _in_background({"fail": True})
    thread.join(timeout=20)
    assert isinstance(outcome[0], RuntimeError)
    failed = _poll(gql, lambda r: r["status"] != "RUNNING")
    assert (failed["status"], failed["step"], failed["error"]) == (
        "FAILED",
        "compute",
        "RuntimeError",
    )
    assert failed["finishedAt"] and "internal detail" not in str(failed)


def test_a_manager_cannot_watch_the_jobs(gql, gated_job):
    body = gql(RUNS, {"job": NAME}, role="manager")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
