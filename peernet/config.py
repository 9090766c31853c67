"""Settings, read once from the environment (prefix ``PEERNET_``) and an optional ``.env``.

pydantic-settings gives typed casts, so ``PEERNET_NEO4J_PORT=abc`` or ``PEERNET_MODE=prod``
fail at start-up with the variable's name instead of misbehaving later.
"""

from __future__ import annotations

import ipaddress
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Values published with the code: a production start with any of them is refused.
DEV_NEO4J_PASSWORDS = frozenset({"peernet-dev-password", "neo4j", "password", ""})
DEV_JWT_SECRET = "peernet-dev-secret-change-me-0123456789abcdef"


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine
    only: 127.0.0.0/8, ::1 or localhost."""
    name = (host or "").strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Mode(str, Enum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PEERNET_", env_file=".env", extra="ignore", frozen=True
    )

    # Unset, it is development on a loopback host and production on any other (see
    # ``_unset_mode_follows_the_host``): a server others can reach is never a development one
    # by accident.
    mode: Mode = Mode.DEVELOPMENT

    # Neo4j connection (the app and the CLI read the same values; docker-compose sets them).
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = "peernet-dev-password"
    neo4j_database: str = "neo4j"
    neo4j_connection_timeout: float = Field(3.0, gt=0)
    neo4j_acquisition_timeout: float = Field(5.0, gt=0)
    neo4j_pool_size: int = Field(50, ge=1)
    neo4j_request_timeout: float = Field(10.0, gt=0)  # one API request's read or write

    # The local Neo4j launcher (development and tests only).
    state_dir: Path = PROJECT_ROOT / ".peernet"
    neo4j_version: str = "5.26.19"
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "1g"
    neo4j_start_timeout: float = Field(180.0, gt=0)

    # Authentication.
    jwt_algorithm: str = "HS256"
    jwt_secret: str = DEV_JWT_SECRET
    jwt_issuer: str = "peernet-dev"
    jwt_audience: str = "peernet"
    jwt_jwks_url: str | None = None
    jwt_role_claim: str = "roles"
    # The claim that names the person: matched against a manager's id (and, once provisioning
    # exists, its directory keys; graph.managers.SUBJECT_KEYS). Entra ID: oid or
    # preferred_username.
    jwt_subject_claim: str = Field("sub", min_length=1)
    jwt_leeway: int = Field(30, ge=0)
    # The identity provider's keys are fetched again after this many seconds, so a key removed
    # there stops verifying within it (verified tokens are re-checked then too).
    jwt_jwks_refresh_seconds: float = Field(300.0, gt=0)
    # A token whose key id is not in the keys held makes the service fetch the keys again at
    # most once per this many seconds (PyJWT's cooldown): unknown key ids cannot flood the IdP.
    jwt_jwks_min_refetch_seconds: float = Field(30.0, ge=0)

    # HTTP.
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    cors_origins: list[str] = []
    max_body_bytes: int = Field(1_000_000, ge=1024)
    max_page_size: int = Field(100, ge=1)
    max_query_depth: int = Field(10, ge=1)
    max_aliases: int = Field(15, ge=1)
    max_tokens: int = Field(2000, ge=10)
    # Whitespace, one long comment or one long string is a single token or none: the query's
    # own size is limited too, before it is parsed (UTF-8 bytes).
    max_query_bytes: int = Field(100_000, ge=1024)
    # Per worker: the parsed documents and validation results of repeated query texts.
    parse_cache_bytes: int = Field(32 * 2**20, ge=0)
    validation_cache_bytes: int = Field(16 * 2**20, ge=0)
    # /metrics: a bearer token it asks for when set; in production it is not served without
    # one unless PEERNET_METRICS_PUBLIC=true says so (e.g. a port only Prometheus reaches).
    metrics_token: SecretStr | None = None
    metrics_public: bool = False

    # Web pages (peernet/web.py, docs/web.md). Sign-in: "demo" (development only), "oidc"
    # (authorization code with PKCE in the browser) or "proxy" (a trusted reverse proxy adds
    # the Authorization header); unset means demo outside production, else oidc or proxy.
    web_dir: Path = PROJECT_ROOT / "web"
    web_auth: Literal["demo", "oidc", "proxy"] | None = None
    oidc_issuer: str | None = None  # discovery, when the two endpoints below are not set
    oidc_authorization_endpoint: str | None = None
    oidc_token_endpoint: str | None = None
    oidc_client_id: str | None = None
    oidc_scopes: str = "openid profile"
    oidc_redirect_uri: str | None = None  # default: <the page's origin>/auth/callback

    # Data protection.
    retention_days: int = Field(365 * 5, ge=1)
    # Aggregates shown to people who may not read the confidential reports behind them name a
    # department or cohort only when it holds no confidential report or at least this many
    # distinct managers raised them there (docs/privacy.md, "Aggregates").
    min_group_size: int = Field(5, ge=2)

    @property
    def production(self) -> bool:
        return self.mode is Mode.PRODUCTION

    @model_validator(mode="before")
    @classmethod
    def _unset_mode_follows_the_host(cls, values: Any) -> Any:
        """PEERNET_MODE unset and a host others can reach: production, with all its checks."""
        if isinstance(values, dict) and values.get("mode") is None:
            host = values.get("host", cls.model_fields["host"].default)
            if not is_loopback(str(host)):
                return {**values, "mode": Mode.PRODUCTION}
        return values

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Settings:
        problems = production_problems(self) if self.production else []
        if problems:
            raise ValueError("production mode refuses to start: " + "; ".join(problems))
        return self


def production_problems(settings: Settings) -> list[str]:
    """What keeps ``settings`` from being a safe production configuration, each saying what
    to set; empty when there is nothing."""
    given = settings.model_fields_set
    problems = []
    if settings.neo4j_password in DEV_NEO4J_PASSWORDS:
        problems.append("PEERNET_NEO4J_PASSWORD is a development default; set it to the "
                        "production Neo4j's password")
    if settings.jwt_algorithm.upper().startswith("HS"):
        problems.append("PEERNET_JWT_ALGORITHM must be RS256 or ES256 in production")
    if "jwt_secret" in given and settings.jwt_secret == DEV_JWT_SECRET:
        problems.append("PEERNET_JWT_SECRET is the development secret, published with the "
                        "code; remove it (production verifies tokens with the identity "
                        "provider's keys, PEERNET_JWT_JWKS_URL)")
    url = settings.jwt_jwks_url
    if not url:
        problems.append("PEERNET_JWT_JWKS_URL is required in production: set it to the "
                        "identity provider's JWKS URL (https://…)")
    elif urlsplit(url).scheme.lower() != "https" and not is_loopback(urlsplit(url).hostname):
        problems.append(f"PEERNET_JWT_JWKS_URL must be an https:// URL in production "
                        f"(got {url!r}): the keys decide who signs in")
    for name, value in (("issuer", settings.jwt_issuer), ("audience", settings.jwt_audience)):
        if f"jwt_{name}" not in given or not value.strip():
            problems.append(f"PEERNET_JWT_{name.upper()} is required in production: set it to "
                            f"the tokens' {name} ({'iss' if name == 'issuer' else 'aud'}) "
                            "as the identity provider issues them")
    return problems


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


__all__ = [
    "DEV_JWT_SECRET", "DEV_NEO4J_PASSWORDS", "Mode", "PROJECT_ROOT", "Settings", "get_settings",
    "is_loopback", "production_problems",
]
