"""Settings, read once from the environment (prefix ``PEERNET_``) and an optional ``.env``.

pydantic-settings gives typed casts, so ``PEERNET_NEO4J_PORT=abc`` or ``PEERNET_MODE=prod``
fail at start-up with the variable's name instead of misbehaving later.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Mode(str, Enum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PEERNET_", env_file=".env", extra="ignore", frozen=True
    )

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
    jwt_secret: str = "peernet-dev-secret-change-me-0123456789abcdef"
    jwt_issuer: str = "peernet-dev"
    jwt_audience: str = "peernet"
    jwt_jwks_url: str | None = None
    jwt_role_claim: str = "roles"
    jwt_leeway: int = Field(30, ge=0)

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

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Settings:
        if self.production:
            if self.jwt_algorithm.upper().startswith("HS"):
                raise ValueError("PEERNET_JWT_ALGORITHM must be RS256 or ES256 in production")
            if not self.jwt_jwks_url:
                raise ValueError("PEERNET_JWT_JWKS_URL is required in production")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


__all__ = ["Mode", "PROJECT_ROOT", "Settings", "get_settings"]
