"""Production mode refuses to start with unsafe settings, each refusal naming what to set; and
with PEERNET_MODE unset, a host others can reach means production."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from peernet.config import DEV_JWT_SECRET, Mode, Settings, is_loopback

SAFE: dict[str, Any] = {
    "mode": "production", "neo4j_password": "a-real-password", "jwt_algorithm": "RS256",
    "jwt_jwks_url": "https://login.example.test/keys", "jwt_issuer": "https://login.example.test",
    "jwt_audience": "peernet-api",
}


def _refusal(**changes: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Settings(**{**SAFE, **changes})
    return str(caught.value)


def test_a_safe_production_configuration_starts() -> None:
    assert Settings(**SAFE).production


@pytest.mark.parametrize("password", ["peernet-dev-password", "neo4j", ""])
def test_the_default_neo4j_password_is_refused(password: str) -> None:
    assert "PEERNET_NEO4J_PASSWORD" in _refusal(neo4j_password=password)


def test_the_development_jwt_secret_is_refused() -> None:
    message = _refusal(jwt_secret=DEV_JWT_SECRET)
    assert "PEERNET_JWT_SECRET is the development secret" in message


def test_an_hs256_algorithm_is_refused() -> None:  # kept from before
    assert "PEERNET_JWT_ALGORITHM must be RS256 or ES256" in _refusal(jwt_algorithm="HS256")


def test_a_missing_jwks_url_is_refused() -> None:  # kept from before
    assert "PEERNET_JWT_JWKS_URL is required" in _refusal(jwt_jwks_url=None)


@pytest.mark.parametrize("url", ["http://login.example.test/keys", "http://10.0.0.5/keys",
                                 "ftp://login.example.test/keys"])
def test_a_jwks_url_that_is_not_https_is_refused(url: str) -> None:
    assert "PEERNET_JWT_JWKS_URL must be an https:// URL" in _refusal(jwt_jwks_url=url)


def test_a_jwks_url_on_this_machine_may_be_http() -> None:
    """A sidecar on the same host: the keys never cross a network."""
    assert Settings(**{**SAFE, "jwt_jwks_url": "http://127.0.0.1:8080/keys"}).production


@pytest.mark.parametrize("name", ["issuer", "audience"])
def test_a_missing_issuer_or_audience_is_refused(name: str) -> None:
    unset = {k: v for k, v in SAFE.items() if k != f"jwt_{name}"}
    with pytest.raises(ValidationError, match=f"PEERNET_JWT_{name.upper()} is required"):
        Settings(**unset)
    assert f"PEERNET_JWT_{name.upper()} is required" in _refusal(**{f"jwt_{name}": "  "})


def test_every_problem_is_named_at_once() -> None:
    message = _refusal(neo4j_password="neo4j", jwt_jwks_url="http://idp.example.test/keys",
                       jwt_issuer="")
    for name in ("PEERNET_NEO4J_PASSWORD", "PEERNET_JWT_JWKS_URL", "PEERNET_JWT_ISSUER"):
        assert name in message


def test_development_and_test_modes_need_none_of_it() -> None:
    assert Settings(mode="development").mode is Mode.DEVELOPMENT
    assert Settings(mode="test", host="0.0.0.0").mode is Mode.TEST


def test_unset_mode_on_a_host_others_can_reach_is_production(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERNET_MODE", raising=False)
    assert Settings(host="127.0.0.1").mode is Mode.DEVELOPMENT
    assert Settings(host="localhost").mode is Mode.DEVELOPMENT
    with pytest.raises(ValidationError, match="production mode refuses to start"):
        Settings(host="0.0.0.0")
    assert Settings(**{**SAFE, "mode": None, "host": "0.0.0.0"}).mode is Mode.PRODUCTION
    monkeypatch.setenv("PEERNET_HOST", "10.1.2.3")
    with pytest.raises(ValidationError, match="production mode refuses to start"):
        Settings()


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("peernet.kommun.se", False),
    ("", False), (None, False),
])
def test_is_loopback(host: str | None, loopback: bool) -> None:
    assert is_loopback(host) is loopback
