"""The GraphQL-over-HTTP specification's public audit suite (npm ``graphql-http``,
``serverAudits``) against the real server under uvicorn: every MUST and SHOULD passes.

Node 20+ and npm are needed; ``npm ci`` installs the pinned suite from
``tests/http_audit/package-lock.json`` on first use.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import make_token
from tests.servers import uvicorn_server

AUDIT_DIR = Path(__file__).resolve().parent.parent / "http_audit"


@pytest.fixture(scope="module")
def audit_suite() -> Path:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.fail("node and npm are needed for the GraphQL-over-HTTP audit")
    installed = AUDIT_DIR / "node_modules" / "graphql-http" / "package.json"
    lock = AUDIT_DIR / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AUDIT_DIR, check=True,
                       capture_output=True, timeout=300)
    return AUDIT_DIR / "audit.mjs"


def test_the_graphql_over_http_audits_pass(audit_suite, demo_graph):
    with uvicorn_server() as url:
        done = subprocess.run(["node", str(audit_suite), f"{url}/graphql", make_token("manager")],
                              capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert results, done.stderr
    failures = [
        r for r in results if r["status"] != "ok" and r["name"].split()[0] in ("MUST", "SHOULD")
    ]
    assert failures == [], json.dumps(failures, indent=2)
    assert done.returncode == 0, done.stderr
    levels = {
        level: sum(r["name"].startswith(level) for r in results) for level in ("MUST", "SHOULD")
    }
    assert (
        levels["MUST"] >= 13 and levels["SHOULD"] >= 23
    )  # the whole suite ran (1.23.1: 13 and 23)
