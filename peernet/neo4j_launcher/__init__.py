"""Start and stop a real Neo4j community server on 127.0.0.1 for development and tests.

There is no Docker engine on the development and CI machines, so the server comes from Maven
Central: Maven resolves ``org.neo4j:neo4j`` (see ``pom.xml`` beside this file), and we run its
``CommunityEntryPoint`` with a generated ``neo4j.conf``. Each instance (``dev``, ``test``) has
its own ports and data directory under the project's ignored state folder, so running the
tests never touches the demo data.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from peernet.config import Settings
from peernet.graph.local_instance import TEST_MARKER_LABEL, mark_test_instance, ping

POM = Path(__file__).with_name("pom.xml")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The test instance lives on its own ports with its own password; the data it holds is
# disposable, and the marker node lets the test suite refuse to wipe anything else.
# PEERNET_TEST_BOLT_PORT moves it, so two checkouts on one machine can each run their suite.
TEST_BOLT_PORT = int(os.environ.get("PEERNET_TEST_BOLT_PORT", "7688"))
TEST_HTTP_PORT = TEST_BOLT_PORT - 213  # 7475 beside the default 7688
TEST_PASSWORD = "peernet-test-password"


class LauncherError(RuntimeError):
    """The local Neo4j could not be prepared, started or stopped; the message says why."""


@dataclass(frozen=True)
class Instance:
    name: str
    bolt_port: int
    http_port: int
    password: str
    home: Path
    version: str
    heap: str
    pagecache: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"


def instance_for(settings: Settings, name: str = "dev") -> Instance:
    """The ``dev`` instance follows the configured URI and password; ``test`` is fixed."""
    if name == "test":
        bolt, http, password = TEST_BOLT_PORT, TEST_HTTP_PORT, TEST_PASSWORD
    elif name == "dev":
        parsed = urlparse(settings.neo4j_uri)
        if parsed.hostname not in ("127.0.0.1", "localhost"):
            raise LauncherError(
                f"PEERNET_NEO4J_URI points at {parsed.hostname}; the local launcher only "
                "starts a server on 127.0.0.1"
            )
        bolt, http, password = parsed.port or 7687, 7474, settings.neo4j_password
    else:
        raise LauncherError(f"unknown instance {name!r}: use 'dev' or 'test'")
    return Instance(
        name=name,
        bolt_port=bolt,
        http_port=http,
        password=password,
        home=settings.state_dir / "neo4j" / name,
        version=settings.neo4j_version,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
    )


def _classpath(instance: Instance) -> str:
    """Resolve (once, then cached) the server's classpath through Maven."""
    cache = instance.home.parent / f"classpath-{instance.version}.txt"
    if cache.exists() and all(Path(p).exists() for p in cache.read_text().split(os.pathsep)):
        return cache.read_text().strip()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        "mvn", "-q", "-B", "-f", str(POM),
        f"-Dneo4j.version={instance.version}",
        "dependency:build-classpath",
        f"-Dmdep.outputFile={cache}",
    ]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except FileNotFoundError as exc:
        raise LauncherError("Maven (mvn) is not installed; it is needed to fetch Neo4j") from exc
    if result.returncode != 0 or not cache.exists():
        tail = (result.stdout + result.stderr)[-2000:]
        raise LauncherError(f"Maven could not resolve Neo4j {instance.version}:\n{tail}")
    return cache.read_text().strip()


def _write_config(instance: Instance) -> Path:
    conf_dir = instance.home / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("data", "logs", "plugins", "import", "run"):
        (instance.home / sub).mkdir(parents=True, exist_ok=True)
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{instance.bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{instance.http_port}",
        "server.https.enabled": "false",
        "server.directories.data": str(instance.home / "data"),
        "server.directories.logs": str(instance.home / "logs"),
        "server.directories.plugins": str(instance.home / "plugins"),
        "server.directories.import": str(instance.home / "import"),
        "server.directories.run": str(instance.home / "run"),
        "server.memory.heap.initial_size": instance.heap,
        "server.memory.heap.max_size": instance.heap,
        "server.memory.pagecache.size": instance.pagecache,
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "db.tx_log.rotation.retention_policy": "1 files",
    }
    (conf_dir / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
    return conf_dir


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    return str(Path(java_home) / "bin" / "java") if java_home else "java"


def _env(instance: Instance, conf_dir: Path) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(instance.home), "NEO4J_CONF": str(conf_dir)}


def _read_pid(instance: Instance) -> int | None:
    try:
        pid = int(instance.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return pid


def bolt_answers(instance: Instance, timeout: float = 2.0) -> bool:
    """True when the server accepts an authenticated query."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    if not _port_taken(instance.bolt_port):
        return False
    try:
        with GraphDatabase.driver(
            instance.uri, auth=("neo4j", instance.password), connection_timeout=timeout
        ) as driver, driver.session() as session:
            ping(session)
        return True
    except (Neo4jError, DriverError, OSError):
        return False


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _log_tail(instance: Instance, lines: int = 40) -> str:
    parts = []
    for name in ("neo4j.log", "console.log", "debug.log"):
        path = instance.home / "logs" / name
        if path.exists():
            text = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path} ---\n" + "\n".join(text))
    return "\n".join(parts) or "(no log written)"


def status(instance: Instance) -> str:
    pid = _read_pid(instance)
    if pid is None:
        return "stopped"
    return "running" if bolt_answers(instance) else "starting"


def start(
    instance: Instance, *, timeout: float = 180.0, echo: Callable[[str], object] = print,
) -> None:
    """Start the instance unless it already answers; wait until Bolt does."""
    if _read_pid(instance) is not None and bolt_answers(instance):
        echo(f"Neo4j ({instance.name}) already running on {instance.uri}")
        return
    if _read_pid(instance) is None and _port_taken(instance.bolt_port):
        raise LauncherError(
            f"port {instance.bolt_port} is taken by another process; stop it or set "
            "PEERNET_NEO4J_URI to another port"
        )
    if _read_pid(instance) is None:
        echo(f"Resolving Neo4j {instance.version} through Maven (cached after the first run)…")
        classpath = _classpath(instance)
        conf_dir = _write_config(instance)
        env = _env(instance, conf_dir)
        if not (instance.home / "data" / "dbms").exists():
            # The password must be set before the first start; afterwards it is stored.
            subprocess.run(
                [_java(), "-cp", classpath, ADMIN_TOOL, "dbms", "set-initial-password",
                 instance.password],
                env=env, check=True, capture_output=True, timeout=120,
            )
        # The server writes to its own copy of the descriptor; ours can close once it runs.
        with open(instance.console_log, "ab") as log:
            process = subprocess.Popen(
                [_java(), f"-Xmx{instance.heap}", f"-Xms{instance.heap}", "-XX:+UseG1GC",
                 "-Dfile.encoding=UTF-8", "-cp", classpath, ENTRY_POINT,
                 f"--home-dir={instance.home}", f"--config-dir={conf_dir}"],
                env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        instance.pid_file.write_text(str(process.pid))
        echo(f"Starting Neo4j ({instance.name}, pid {process.pid}) on {instance.uri}…")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _read_pid(instance) is None:
            raise LauncherError(f"Neo4j exited during start-up.\n{_log_tail(instance)}")
        if bolt_answers(instance):
            if instance.name == "test":
                _mark_test_instance(instance)
            echo(f"Neo4j ({instance.name}) is answering on {instance.uri}")
            return
        time.sleep(1.0)
    stop(instance, echo=lambda *_: None)
    raise LauncherError(
        f"Neo4j did not answer on {instance.uri} within {timeout:.0f} s.\n{_log_tail(instance)}"
    )


def _mark_test_instance(instance: Instance) -> None:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(instance.uri, auth=("neo4j", instance.password)) as driver:
        mark_test_instance(driver)


def stop(
    instance: Instance, *, timeout: float = 60.0, echo: Callable[[str], object] = print,
) -> None:
    pid = _read_pid(instance)
    if pid is None:
        instance.pid_file.unlink(missing_ok=True)
        echo(f"Neo4j ({instance.name}) is not running")
        return
    os.killpg(pid, signal.SIGTERM)  # Neo4j shuts down cleanly on SIGTERM
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _read_pid(instance) is not None:
        _reap(pid)
        time.sleep(0.5)
    if _read_pid(instance) is not None:
        os.killpg(pid, signal.SIGKILL)
        echo(f"Neo4j ({instance.name}) did not stop within {timeout:.0f} s; killed")
    instance.pid_file.unlink(missing_ok=True)
    echo(f"Neo4j ({instance.name}) stopped")


def _reap(pid: int) -> None:
    # When this process started the server, it is our child: reap it so it does not linger
    # as a zombie that still answers kill(pid, 0).
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def main(argv: list[str] | None = None) -> int:
    """``python -m peernet.neo4j_launcher start|stop|status [dev|test]`` for scripts."""
    from peernet.config import get_settings

    args = argv if argv is not None else sys.argv[1:]
    action = args[0] if args else "status"
    instance = instance_for(get_settings(), args[1] if len(args) > 1 else "dev")
    try:
        if action == "start":
            start(instance, timeout=get_settings().neo4j_start_timeout)
        elif action == "stop":
            stop(instance)
        else:
            print(status(instance))
    except LauncherError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


__all__ = [
    "Instance", "LauncherError", "TEST_MARKER_LABEL", "TEST_PASSWORD", "bolt_answers",
    "instance_for", "start", "status", "stop",
]
