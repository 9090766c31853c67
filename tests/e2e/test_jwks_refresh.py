"""The identity provider's signing keys are fetched again after PEERNET_JWT_JWKS_REFRESH_SECONDS,
so a key removed there stops verifying within that time (tokens the verifier remembers
included), and tokens with unknown key ids cannot make the service fetch the keys more than
once per PEERNET_JWT_JWKS_MIN_REFETCH_SECONDS. Served from a local, counting JWKS server."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid

import pytest

from peernet.auth import AuthError, TokenVerifier
from peernet.config import Settings
from tests.jwks import AUDIENCE, ISSUER, Keys, serving


def _settings(url: str, **extra: float) -> Settings:
    return Settings(jwt_algorithm="RS256", jwt_jwks_url=url, jwt_issuer=ISSUER,
                    jwt_audience=AUDIENCE, **extra)


def _token(keys: Keys, kid: str | None = None) -> str:
    now = dt.datetime.now(dt.UTC)
    return keys.sign({"sub": "m-001", "roles": ["manager"], "iss": ISSUER, "aud": AUDIENCE,
                      "exp": now + dt.timedelta(hours=1)}, "RS256", kid)


def _verify(verifier: TokenVerifier, token: str) -> str:
    return asyncio.run(verifier.verify(token)).subject


def test_unknown_key_ids_fetch_the_keys_at_most_once_per_interval():
    with serving(Keys()) as keys:
        verifier = TokenVerifier(_settings(keys.url, jwt_jwks_min_refetch_seconds=600))
        assert _verify(verifier, _token(keys)) == "m-001"
        assert keys.fetches == 1
        for _ in range(25):
            with pytest.raises(AuthError, match="signing key is unknown"):
                _verify(verifier, _token(keys, kid=f"random-{uuid.uuid4()}"))
        assert keys.fetches == 1  # the first fetch started the interval: none since
        assert _verify(verifier, _token(keys)) == "m-001"  # known keys still verify


def test_an_unknown_key_id_may_fetch_once_the_interval_is_over():
    """A key rotated in at the identity provider is picked up (the guard is a rate, not a ban)."""
    with serving(Keys()) as keys:
        verifier = TokenVerifier(_settings(keys.url, jwt_jwks_min_refetch_seconds=0.2))
        assert _verify(verifier, _token(keys)) == "m-001"
        rotated = keys.jwks["keys"][0] | {"kid": "rsa-2"}
        keys.jwks = {"keys": [*keys.jwks["keys"], rotated]}
        deadline = time.monotonic() + 10
        while True:
            try:
                assert _verify(verifier, _token(keys, kid="rsa-2")) == "m-001"
                break
            except AuthError:
                assert time.monotonic() < deadline, "the rotated key was never fetched"
                time.sleep(0.05)
        assert 2 <= keys.fetches <= 2 + 10 / 0.2


def test_a_key_removed_at_the_identity_provider_stops_verifying_within_the_refresh_time():
    with serving(Keys()) as keys:
        verifier = TokenVerifier(_settings(keys.url, jwt_jwks_refresh_seconds=0.5))
        token = _token(keys)
        assert _verify(verifier, token) == "m-001"
        removed_at = time.monotonic()
        keys.remove("rsa-1")
        while True:  # the same token each time: the verifier's memory must let it go too
            try:
                _verify(verifier, token)
            except AuthError:
                break
            assert time.monotonic() - removed_at < 10, "a removed key kept verifying"
            time.sleep(0.05)
        # Within the refresh time (plus this machine's scheduling slack), not at the token's expiry.
        assert time.monotonic() - removed_at < 0.5 + 3
