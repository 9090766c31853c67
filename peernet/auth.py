"""Bearer-token authentication, in two steps.

1. ``TokenVerifier``: is the token genuine? The algorithm is fixed by configuration, never
   read from the token: production verifies RS256/ES256 tokens against the identity
   provider's JWKS; development and tests use HS256 with a local secret. Issuer, audience,
   expiry and the subject claim (``PEERNET_JWT_SUBJECT_CLAIM``) are required in both.
2. ``Authenticator``: is its person real and current? The subject must name an existing,
   active manager when the token carries the manager or sponsor role; a token whose only
   role is admin may belong to someone who is not a manager (IT staff), who then gets admin
   rights without the personal features. Anything else is refused. This is one indexed read
   per request, never cached, so an erased, deleted or deactivated manager's very next
   request is refused whatever the token's expiry.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import jwt

from peernet.config import Settings
from peernet.domain.viewer import ROLES, Viewer
from peernet.graph import managers
from peernet.graph.driver import Database

# Roles that speak for a manager: the token must name an existing, active one.
PERSONAL_ROLES = frozenset({"manager", "sponsor"})


class AuthError(Exception):
    """The token is missing or not acceptable; the message is safe to show."""


@dataclass(frozen=True, slots=True)
class Claims:
    """What a verified token says: who (the subject claim's value) and which known roles."""

    subject: str
    roles: frozenset[str]


class TokenVerifier:
    """Verifies bearer tokens. A client sends the same token with every request until it
    expires, so a token verified once is remembered (bounded LRU) and accepted again without
    decoding and checking its signature each time: that check is one of a request's fixed
    costs. It is remembered until it expires or, with a JWKS, until the keys are due to be
    fetched again (a key removed at the identity provider stops verifying by then). Only the
    signature is remembered: who the token names is looked up per request (``Authenticator``)."""

    CACHE_SIZE = 1024

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.algorithm = settings.jwt_algorithm.upper()
        self.subject_claim = settings.jwt_subject_claim
        self._verified: OrderedDict[str, tuple[Claims, float]] = OrderedDict()
        # cache_keys stays off: PyJWT's per-kid cache never expires, so a removed key would
        # verify until restart. The key set is held for the refresh time, and an unknown kid
        # refetches it at most once per cooldown (PyJWT >= 2.14).
        self._jwks = (
            jwt.PyJWKClient(
                settings.jwt_jwks_url, cache_keys=False, cache_jwk_set=True,
                lifespan=settings.jwt_jwks_refresh_seconds,
                cooldown_duration=settings.jwt_jwks_min_refetch_seconds, timeout=5,
            )
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
        except jwt.PyJWTError as exc:  # a header that is not a JWT's
            raise AuthError(f"invalid token: {exc}") from exc

    def verify_sync(self, token: str) -> Claims:
        return self._decode(token)[0]

    def _decode(self, token: str) -> tuple[Claims, float]:
        """The token's claims and until when (seconds since the epoch) to remember them, or
        AuthError."""
        try:
            claims = jwt.decode(
                token,
                self._key(token),
                algorithms=[self.algorithm],
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                leeway=self.settings.jwt_leeway,
                options={"require": ["exp", "iss", "aud", self.subject_claim]},
            )
        except jwt.InvalidTokenError as exc:
            raise AuthError(f"invalid token: {exc}") from exc
        subject = claims[self.subject_claim]
        if not isinstance(subject, str) or not subject.strip():
            raise AuthError(f"invalid token: the {self.subject_claim!r} claim is not a name")
        raw = claims.get(self.settings.jwt_role_claim, [])
        roles = raw.split() if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        until = float(claims["exp"]) + self.settings.jwt_leeway  # as PyJWT decides expiry
        if self._jwks is not None:
            until = min(until, time.time() + self.settings.jwt_jwks_refresh_seconds)
        return Claims(subject=subject, roles=frozenset(r for r in roles if r in ROLES)), until

    def _remember(self, token: str, claims: Claims, until: float) -> None:
        self._verified[token] = (claims, until)
        if len(self._verified) > self.CACHE_SIZE:
            self._verified.popitem(last=False)

    def _known(self, token: str) -> Claims | None:
        """The claims of a token verified before, while they may still be trusted."""
        found = self._verified.get(token)
        if found is None:
            return None
        claims, until = found
        if until <= time.time():
            del self._verified[token]
            return None
        self._verified.move_to_end(token)
        return claims

    async def verify(self, token: str) -> Claims:
        known = self._known(token)
        if known is not None:
            return known
        if self._jwks is not None:  # the JWKS client may fetch over HTTP: keep it off the loop
            claims, until = await asyncio.to_thread(self._decode, token)
        else:
            claims, until = self._decode(token)
        self._remember(token, claims, until)  # on the event loop's thread only
        return claims


class Authenticator:
    """From an Authorization header to the request's ``Viewer``, or AuthError (401)."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self.verifier = verifier

    async def viewer(self, db: Database, authorization: str | None) -> Viewer:
        claims = await self.verifier.verify(bearer_token(authorization))
        return viewer_of(claims, await managers.signed_in(db, claims.subject))


def viewer_of(claims: Claims, found: list[tuple[str, bool]]) -> Viewer:
    """The viewer for verified ``claims`` whose subject names the managers ``found`` (id,
    active), or AuthError: the identity rules in one place."""
    if not claims.roles:
        raise AuthError("the token carries none of the roles manager, sponsor or admin")
    if len(found) > 1:
        raise AuthError("the token's subject names more than one manager")
    if found and not found[0][1]:
        raise AuthError("this manager has been deactivated")
    if found:
        return Viewer(manager_id=found[0][0], roles=claims.roles)
    if claims.roles & PERSONAL_ROLES:
        raise AuthError("the token's subject is not a manager here")
    return Viewer(manager_id=None, roles=claims.roles)  # admin only: IT staff, say


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
        "sub": manager_id, settings.jwt_subject_claim: manager_id,
        settings.jwt_role_claim: roles, "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
        "iat": now, "exp": now + dt.timedelta(hours=hours),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise AuthError("missing Authorization header; send 'Authorization: Bearer <token>'")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("the Authorization header must be 'Bearer <token>'")
    return token.strip()


__all__ = [
    "PERSONAL_ROLES", "AuthError", "Authenticator", "Claims", "TokenVerifier", "bearer_token",
    "issue_dev_token", "viewer_of",
]
