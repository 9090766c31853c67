"""The per-schema validation cache: a query text is validated once, and its errors come back
every time it is sent."""

from __future__ import annotations

import asyncio

import pytest

import peernet.schema.validation_cache as cache_module
from peernet.config import Settings
from peernet.schema import build_schema
from peernet.schema.validation_cache import ValidationResults

BAD = "{ me { nope } }"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = cache_module.validate

    def spy(schema, document, rules):
        calls.append("validate")
        return real(schema, document, rules)

    monkeypatch.setattr(cache_module, "validate", spy)
    return calls


def test_invalid_query_fails_every_time_but_is_validated_once(validations: list[str]) -> None:
    schema = build_schema(Settings())
    for _ in range(3):
        result = asyncio.run(schema.execute(BAD))
        assert result.errors and "Cannot query field 'nope'" in result.errors[0].message
    assert validations == ["validate"]


def test_depth_limit_still_applies_when_cached(validations: list[str]) -> None:
    schema = build_schema(Settings(max_query_depth=2))
    deep = "{ me { contacts { manager { contacts { manager { id } } } } } }"
    for _ in range(2):
        result = asyncio.run(schema.execute(deep))
        assert result.errors and "exceeds maximum operation depth" in result.errors[0].message
    assert len(validations) == 1


def test_each_schema_has_its_own_results(validations: list[str]) -> None:
    for _ in range(2):
        asyncio.run(build_schema(Settings()).execute(BAD))
    assert len(validations) == 2


def test_results_are_a_bounded_lru() -> None:
    results = ValidationResults(budget_bytes=1000)
    results.put("a", [], 200)
    results.put("b", [], 200)
    assert results.get("a") == []  # "a" is now the most recent
    results.put("c", [], 400)
    assert results.get("b") is None
    assert results.get("a") == [] and results.get("c") == []
