"""The parse cache: a query text is parsed once per process; a text that does not parse, or
has more tokens than the limit, fails every time with the same error as without the cache."""

from __future__ import annotations

import asyncio

import pytest

import peernet.schema.parse_cache as cache_module
from peernet.config import Settings
from peernet.schema import build_schema


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = cache_module.parse

    def spy(text, **options):
        calls.append(text)
        return real(text, **options)

    monkeypatch.setattr(cache_module, "parse", spy)
    return calls


def test_a_repeated_text_is_parsed_once(parses: list[str]) -> None:
    schema = build_schema(Settings())
    text = "query ParsedOnce { __typename }"
    for _ in range(3):
        result = asyncio.run(schema.execute(text))
        assert not result.errors and result.data == {"__typename": "Query"}
    assert parses == [text]


def test_a_syntax_error_is_reported_every_time() -> None:
    schema = build_schema(Settings())
    for _ in range(2):
        result = asyncio.run(schema.execute("{ me { id "))
        assert result.data is None
        assert result.errors and result.errors[0].message.startswith("Syntax Error")


def test_the_token_limit_applies_to_cached_texts() -> None:
    text = "{ __typename " + "__typename " * 20 + "}"
    assert not asyncio.run(build_schema(Settings(max_tokens=100)).execute(text)).errors
    limited = build_schema(Settings(max_tokens=10))
    for _ in range(2):
        result = asyncio.run(limited.execute(text))
        assert result.errors and "more than 10 tokens" in result.errors[0].message
