"""Authentication: every unacceptable token gets 401, in development (HS256) and in the
production set-up (RS256/ES256 against a JWKS served here from a local thread)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.testclient import TestClient

from peernet.app import create_app
from peernet.auth import TokenVerifier
from peernet.config import Settings, get_settings
from peernet.seeds import demo as demo_data
from tests.conftest import make_token
from tests.jwks import AUDIENCE, ISSUER, idp  # noqa: F401 (a fixture)

ME = demo_data.DEMO_MANAGER_ID
QUERY = {"query": "{ me { id } }"}
PEERNET = Path(sys.executable).with_name("peernet")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(**overrides) -> dict:
    settings = get_settings()
    now = dt.datetime.now(dt.UTC)
    claims = {"sub": ME, "roles": ["manager"], "iss": settings.jwt_issuer,
              "aud": settings.jwt_audience, "iat": now, "exp": now + dt.timedelta(minutes=10)}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _post(client: TestClient, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/graphql", json=QUERY, headers=headers)


def _assert_401(response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "data" not in response.json()


# --- development mode: HS256 with the local secret ---------------------------------------

def test_a_valid_development_token_is_accepted(client):
    response = _post(client, make_token("manager"))
    assert response.status_code == 200
    assert response.json()["data"]["me"]["id"] == ME


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwdw=="},
    {"Authorization": "Bearer not.a.token"},
], ids=["missing", "empty", "no-token", "basic", "garbage"])
def test_requests_without_a_usable_bearer_token_get_401(client, headers):
    _assert_401(client.post("/graphql", json=QUERY, headers=headers))


def test_alg_none_is_refused(client):
    unsigned = jwt.encode(_claims(), key=None, algorithm="none")
    _assert_401(_post(client, unsigned))


def test_a_token_signed_with_another_secret_is_refused(client):
    _assert_401(_post(client, jwt.encode(_claims(), "another-secret-" * 4, algorithm="HS256")))


@pytest.mark.parametrize("overrides", [
    {"aud": "someone-else"}, {"iss": "https://evil.example"},
    {"exp": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)},
    {"sub": None}, {"exp": None},
], ids=["wrong-aud", "wrong-iss", "expired", "no-sub", "no-exp"])
def test_tokens_with_wrong_or_missing_claims_are_refused(client, overrides):
    token = jwt.encode(_claims(**overrides), get_settings().jwt_secret, algorithm="HS256")
    _assert_401(_post(client, token))


def test_health_endpoints_need_no_token(client):
    assert client.get("/health/live").status_code == 200
    ready = client.get("/health/ready")
    assert ready.status_code == 200 and ready.json()["neo4j"] is True


# --- production set-up: RS256 / ES256 verified against a JWKS ----------------------------

def _settings(idp, algorithm: str) -> Settings:
    return Settings(jwt_algorithm=algorithm, jwt_jwks_url=idp.url, jwt_issuer=ISSUER,
                    jwt_audience=AUDIENCE)


def _idp_claims(**overrides) -> dict:
    return _claims(**{"iss": ISSUER, "aud": AUDIENCE, **overrides})


@pytest.fixture(params=["RS256", "ES256"])
def production_like(request, idp, demo_graph):
    algorithm = request.param
    with TestClient(create_app(_settings(idp, algorithm))) as client:
        yield algorithm, client


def _sign(idp, algorithm: str, claims: dict, kid: str | None = None) -> str:
    return idp.sign(claims, algorithm, kid)


def test_identity_provider_tokens_are_accepted(production_like, idp):
    algorithm, client = production_like
    response = _post(client, _sign(idp, algorithm, _idp_claims(roles="manager admin")))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["me"]["id"] == ME


def test_the_verifier_reads_roles_from_the_claim(idp):
    viewer = TokenVerifier(_settings(idp, "RS256")).verify_sync(
        _sign(idp, "RS256", _idp_claims(roles=["manager", "admin", "root"]))
    )
    assert viewer.manager_id == ME and viewer.roles == {"manager", "admin"}


def test_hs256_signed_with_the_public_key_is_refused(production_like, idp):
    """The classic algorithm-confusion attack: the public key used as an HMAC secret."""
    algorithm, client = production_like
    public = (idp.rsa if algorithm == "RS256" else idp.ec).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": "rsa-1" if algorithm == "RS256" else "ec-1"}
    payload = {k: int(v.timestamp()) if isinstance(v, dt.datetime) else v
               for k, v in _idp_claims().items()}
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    signature = hmac.new(public, signing_input.encode(), hashlib.sha256).digest()
    _assert_401(_post(client, f"{signing_input}.{_b64(signature)}"))


def test_alg_none_is_refused_with_a_jwks(production_like):
    _, client = production_like
    _assert_401(_post(client, jwt.encode(_idp_claims(), key=None, algorithm="none",
                                         headers={"kid": "rsa-1"})))


def test_the_development_secret_is_not_accepted_in_the_production_set_up(production_like):
    _, client = production_like
    _assert_401(
        _post(client, jwt.encode(_idp_claims(), get_settings().jwt_secret, algorithm="HS256"))
    )


def test_a_token_of_the_other_asymmetric_algorithm_is_refused(production_like, idp):
    algorithm, client = production_like
    other = "ES256" if algorithm == "RS256" else "RS256"
    _assert_401(_post(client, _sign(idp, other, _idp_claims())))


def test_an_unknown_kid_is_refused(production_like, idp):
    algorithm, client = production_like
    _assert_401(_post(client, _sign(idp, algorithm, _idp_claims(), kid="rotated-away")))


def test_a_known_kid_with_a_foreign_key_is_refused(production_like):
    algorithm, client = production_like
    foreign = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
               if algorithm == "RS256" else ec.generate_private_key(ec.SECP256R1()))
    kid = "rsa-1" if algorithm == "RS256" else "ec-1"
    _assert_401(_post(client, jwt.encode(_idp_claims(), foreign, algorithm=algorithm,
                                         headers={"kid": kid})))


@pytest.mark.parametrize("overrides", [
    {"aud": "peernet"}, {"iss": "peernet-dev"},
    {"exp": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)},
], ids=["wrong-aud", "wrong-iss", "expired"])
def test_identity_provider_tokens_with_wrong_claims_are_refused(production_like, idp, overrides):
    algorithm, client = production_like
    _assert_401(_post(client, _sign(idp, algorithm, _idp_claims(**overrides))))


# --- the token command ---------------------------------------------------------------------

def _peernet(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PEERNET), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


def test_the_token_command_prints_a_token_on_its_last_line():
    done = _peernet("token", "--role", "admin", "--manager", "m-010")
    assert done.returncode == 0, done.stderr
    viewer = TokenVerifier(get_settings()).verify_sync(done.stdout.strip().splitlines()[-1])
    assert viewer.manager_id == "m-010" and viewer.is_admin


def test_the_token_command_refuses_in_production(idp):
    done = _peernet("token", "--role", "admin", PEERNET_MODE="production",
                    PEERNET_JWT_ALGORITHM="RS256", PEERNET_JWT_JWKS_URL=idp.url)
    assert done.returncode != 0
    assert not any(line.count(".") == 2 and len(line) > 40 for line in done.stdout.splitlines())
    assert "production" in (done.stdout + done.stderr)
