"""Bearer-token authentication.

The algorithm is fixed by configuration, never read from the token: production verifies
RS256/ES256 tokens against the identity provider's JWKS; development and tests use HS256 with
a local secret. Issuer, audience, expiry and subject are required in both.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import OrderedDict
from typing import Any

import jwt

from peernet.config import Settings
from peernet.domain.viewer import ROLES, Viewer


class AuthError(Exception):
    """The token is missing or not acceptable; the message is safe to show."""


class TokenVerifier:
    """Verifies bearer tokens. A client sends the same token with every request until it
    expires, so a token verified once is remembered (bounded LRU) with its expiry and accepted
    again until then, without decoding and checking its signature each time: that check is
    one of a request's fixed costs."""

    CACHE_SIZE = 1024

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.algorithm = settings.jwt_algorithm.upper()
        self._verified: OrderedDict[str, tuple[Viewer, float]] = OrderedDict()
        self._jwks = (
            jwt.PyJWKClient(settings.jwt_jwks_url, cache_keys=True, lifespan=3600, timeout=5)
            if settings.jwt_jwks_url and not self.algorithm.startswith("HS") else None
        )

    def _key(self, token: str) -> Any:
        if self.algorithm.startswith("HS"):
            return self.settings.jwt_secret
        if self._jwks is None:
            raise AuthError("no JWKS URL is configured")
        try:
            return self._jwks.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientError as exc:
            raise AuthError("the token's signing key is unknown") from exc

    def verify_sync(self, token: str) -> Viewer:
        return self._decode(token)[0]

    def _decode(self, token: str) -> tuple[Viewer, float]:
        """The token's viewer and expiry (seconds since the epoch), or AuthError."""
        try:
            claims = jwt.decode(
                token,
                self._key(token),
                algorithms=[self.algorithm],
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                leeway=self.settings.jwt_leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise AuthError(f"invalid token: {exc}") from exc
        raw = claims.get(self.settings.jwt_role_claim, [])
        roles = raw.split() if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        viewer = Viewer(manager_id=str(claims["sub"]),
                        roles=frozenset(r for r in roles if r in ROLES))
        return viewer, float(claims["exp"])

    def _remember(self, token: str, viewer: Viewer, exp: float) -> None:
        self._verified[token] = (viewer, exp)
        if len(self._verified) > self.CACHE_SIZE:
            self._verified.popitem(last=False)

    def _known(self, token: str) -> Viewer | None:
        """The viewer of a token verified before, while it has not expired (as PyJWT decides
        expiry: ``exp`` plus the leeway)."""
        found = self._verified.get(token)
        if found is None:
            return None
        viewer, exp = found
        if exp <= time.time() - self.settings.jwt_leeway:
            del self._verified[token]
            return None
        self._verified.move_to_end(token)
        return viewer

    async def verify(self, token: str) -> Viewer:
        known = self._known(token)
        if known is not None:
            return known
        if self._jwks is not None:  # the JWKS client may fetch over HTTP: keep it off the loop
            viewer, exp = await asyncio.to_thread(self._decode, token)
        else:
            viewer, exp = self._decode(token)
        self._remember(token, viewer, exp)  # on the event loop's thread only
        return viewer


def issue_dev_token(
    settings: Settings, *, manager_id: str, roles: list[str], hours: float = 12
) -> str:
    """A signed HS256 token for development and tests; refused in production."""
    if settings.production:
        raise AuthError("tokens are issued by the identity provider in production")
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise AuthError(f"unknown role {unknown[0]!r}; use one of {', '.join(ROLES)}")
    now = dt.datetime.now(dt.UTC)
    claims = {
        "sub": manager_id, settings.jwt_role_claim: roles, "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience, "iat": now, "exp": now + dt.timedelta(hours=hours),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise AuthError("missing Authorization header; send 'Authorization: Bearer <token>'")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("the Authorization header must be 'Bearer <token>'")
    return token.strip()


__all__ = ["AuthError", "TokenVerifier", "bearer_token", "issue_dev_token"]
