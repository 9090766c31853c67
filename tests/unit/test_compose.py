"""The production deployment, checked without a Docker engine: the compose file's structure,
and that what it and the Dockerfile configure is what the app actually reads."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.config import PROJECT_ROOT, Mode, Settings

COMPOSE = PROJECT_ROOT / "docker-compose.yml"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
PRODUCTION_ENV = {
    "NEO4J_PASSWORD": "a-long-production-secret",
    "PEERNET_JWT_JWKS_URL": "https://login.ekby.example/.well-known/jwks.json",
    "PEERNET_JWT_ISSUER": "https://login.ekby.example/",
    "PEERNET_JWT_AUDIENCE": "peernet-intranet",
}
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:[?-])(?P<arg>[^}]*))?\}")


class MissingVariable(LookupError):
    pass


def interpolate(value: object, env: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?error}`` substitution."""

    def one(match: re.Match) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op == ":?":
            raise MissingVariable(f"{name}: {arg}")
        return arg if op == ":-" else ""

    return VARIABLE.sub(one, str(value))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def neo4j(compose) -> dict:
    return compose["services"]["neo4j"]


@pytest.fixture(scope="module")
def app_service(compose) -> dict:
    return compose["services"]["app"]


def environment(service: dict, env: dict[str, str] = PRODUCTION_ENV) -> dict[str, str]:
    raw = service["environment"]
    if isinstance(raw, list):  # the "KEY=value" form
        raw = dict(item.split("=", 1) for item in raw)
    return {key: interpolate(value, env) for key, value in raw.items()}


def test_neo4j_is_the_pinned_5_26_community_image_the_local_launcher_also_runs(neo4j):
    assert re.fullmatch(r"neo4j:5\.26\.\d+-community", neo4j["image"])
    assert neo4j["image"] == f"neo4j:{Settings.model_fields['neo4j_version'].default}-community"


def test_neo4j_takes_its_password_from_the_environment_and_the_app_uses_the_same(
    neo4j, app_service
):
    auth = environment(neo4j)["NEO4J_AUTH"]
    app_env = environment(app_service)
    user, _, password = auth.partition("/")
    assert password == PRODUCTION_ENV["NEO4J_PASSWORD"]
    assert app_env["PEERNET_NEO4J_PASSWORD"] == password
    assert app_env.get("PEERNET_NEO4J_USER", Settings.model_fields["neo4j_user"].default) == user


def test_without_a_password_compose_refuses_to_start(neo4j, app_service):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "NEO4J_PASSWORD"}
    with pytest.raises(MissingVariable):
        environment(neo4j, env)
    with pytest.raises(MissingVariable):
        environment(app_service, env)


def test_neo4j_has_bounded_memory_and_no_usage_reporting(neo4j):
    env = environment(neo4j)
    for setting in ("NEO4J_server_memory_heap_initial__size", "NEO4J_server_memory_heap_max__size",
                    "NEO4J_server_memory_pagecache_size"):
        assert re.fullmatch(r"\d+[mMgG]", env[setting]), setting
    assert env["NEO4J_dbms_usage__report_enabled"] == "false"


def test_neo4j_keeps_its_data_in_a_named_volume(compose, neo4j):
    mounts = dict(volume.rsplit(":", 1) for volume in neo4j["volumes"])
    source = next(src for src, target in mounts.items() if target == "/data")
    assert source in compose["volumes"]  # named, so it survives `docker compose down`


def test_neo4j_has_a_healthcheck_that_asks_the_server(neo4j):
    check = neo4j["healthcheck"]
    command = " ".join(check["test"]) if isinstance(check["test"], list) else check["test"]
    assert "cypher-shell" in command or "7474" in command
    assert check["retries"] >= 1 and check["interval"] and check["start_period"]


def test_the_app_is_built_here_and_waits_for_a_healthy_neo4j(app_service):
    build = app_service["build"]
    assert (PROJECT_ROOT / build["context"] / build.get("dockerfile", "Dockerfile")).is_file()
    assert app_service["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_the_app_reads_every_peernet_variable_compose_sets(app_service):
    env = environment(app_service)
    fields = set(Settings.model_fields)
    unknown = [
        k for k in env if k.startswith("PEERNET_") and k[len("PEERNET_") :].lower() not in fields
    ]
    assert not unknown, f"not settings the app reads: {unknown}"
    required = {"PEERNET_MODE", "PEERNET_NEO4J_URI", "PEERNET_NEO4J_PASSWORD",
                "PEERNET_JWT_ALGORITHM", "PEERNET_JWT_JWKS_URL", "PEERNET_JWT_ISSUER",
                "PEERNET_JWT_AUDIENCE"}
    assert required <= set(env)


def test_the_apps_environment_makes_valid_production_settings(app_service, monkeypatch):
    for key, value in environment(app_service).items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)
    assert settings.mode is Mode.PRODUCTION
    assert settings.neo4j_uri == "bolt://neo4j:7687"  # the neo4j service, on the compose network
    assert settings.jwt_algorithm == "RS256"
    assert settings.jwt_jwks_url == PRODUCTION_ENV["PEERNET_JWT_JWKS_URL"]
    assert settings.jwt_issuer == PRODUCTION_ENV["PEERNET_JWT_ISSUER"]
    assert settings.jwt_audience == PRODUCTION_ENV["PEERNET_JWT_AUDIENCE"]


def test_the_published_port_is_the_one_the_app_serves_on(app_service):
    (mapping,) = app_service["ports"]
    assert (
        int(interpolate(mapping, PRODUCTION_ENV).rsplit(":", 1)[1])
        == Settings.model_fields["port"].default
    )


def _dockerfile() -> list[str]:
    # Joined continuation lines, without comments.
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _final_stage(lines: list[str]) -> list[str]:
    starts = [i for i, line in enumerate(lines) if line.startswith("FROM ")]
    return lines[starts[-1]:]


def test_the_dockerfile_installs_the_package_and_serves_on_all_interfaces():
    lines = _final_stage(_dockerfile())
    assert lines[0] == "FROM python:3.11-slim"
    assert any(re.fullmatch(r"RUN pip install \.( .*)?", line) for line in lines)
    assert lines[-1] == 'CMD ["peernet", "serve", "--host", "0.0.0.0"]'
    # Every folder the package maps a room to (pyproject's package-dir) must reach the image.
    rooms = set(tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                ["package-dir"].values())
    assert {"peernet", "domain", "graph", "schema", "resolvers", "jobs", "seeds"} <= rooms
    for needed in ("pyproject.toml", "README.md", *sorted(r.split("/")[0] for r in rooms)):
        assert any(line.startswith("COPY") and needed in line.split() for line in lines), needed


def test_the_dockerfiles_settings_are_ones_the_app_reads():
    env_lines = [line for line in _dockerfile() if line.startswith("ENV ")]
    keys = {key for line in env_lines for key in re.findall(r"(PEERNET_\w+)=", line)}
    assert "PEERNET_MODE" in keys
    assert all(k[len("PEERNET_"):].lower() in Settings.model_fields for k in keys)


def test_the_dockerfiles_healthcheck_asks_an_endpoint_the_app_serves():
    (check,) = [line for line in _dockerfile() if line.startswith("HEALTHCHECK")]
    path = re.search(r"http://127\.0\.0\.1:8000(/[\w/]+)", check)[1]
    with TestClient(create_app(Settings(_env_file=None))) as client:
        assert client.get(path).status_code == 200


def test_the_image_leaves_out_local_state():
    ignored = (PROJECT_ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".peernet", ".git"} <= set(ignored)


def test_the_image_serves_the_pages_with_their_pinned_libraries(monkeypatch):
    """The pages need web/index.html, web/static and the vendored libraries from
    web/node_modules (installed from the lock file, never a CDN) at the web_dir the app reads."""
    lines = _dockerfile()
    web_stage = lines[: lines.index(_final_stage(lines)[0])]
    assert any(line.startswith("COPY") and "web/package-lock.json" in line for line in web_stage)
    assert any(line.startswith("RUN npm ci") for line in web_stage)
    for needed in ("web/index.html", "web/static"):
        assert any(line.startswith("COPY") and needed in line.split() for line in web_stage), needed
    final = _final_stage(lines)
    copied = [line.split()[-1] for line in final if line.startswith("COPY --from=web")]
    assert copied, "the final image copies nothing from the web stage"
    env = " ".join(line for line in final if line.startswith("ENV"))
    web_dir = re.search(r"PEERNET_WEB_DIR=(\S+)", env)
    assert web_dir, "the image does not tell the app where the pages are"
    assert web_dir[1] == copied[0]
    monkeypatch.setenv("PEERNET_WEB_DIR", web_dir[1])
    assert Settings().web_dir.as_posix() == web_dir[1]
