"""The parse and validation caches are bounded by bytes, and what they charge an entry is at
least what it really holds (measured with tracemalloc), so the memory they keep never passes
their budget; a query text over the size limit is refused before it is parsed, whatever it is
made of (tokens, whitespace, comments, a string)."""

from __future__ import annotations

import asyncio
import gc
import random
import tracemalloc

import pytest
from graphql import parse, validate

import peernet.schema.parse_cache as parse_module
from peernet.config import Settings
from peernet.schema import build_schema
from peernet.schema.parse_cache import ByteBudgetLRU, CachedParse, ParsedDocuments
from peernet.schema.validation_cache import ValidationResults

BUDGET = 2**20


def _texts(count: int, seed: int = 7):
    """Distinct query texts of the shapes that cost the most per byte or per token."""
    rng = random.Random(seed)
    for i in range(count):
        n = rng.randint(100, 4_000)
        yield rng.choice([
            lambda i=i, n=n: f"query Q{i} {{ me {{ " + "id " * (n // 20) + "} }",
            lambda i=i, n=n: f"query Q{i} {{ __typename " + "# padding\n" * (n // 10) + "}",
            lambda i=i, n=n: f"query Q{i} {{ __typename " + " " * n + "}",
            lambda i=i, n=n: f"query Q{i} {{ __typename #" + "å" * n + "\n}",
            lambda i=i, n=n: f'query Q{i} {{ findPeers(problem: "{"x" * n}") {{ score }} }}',
        ])()


def _retained(fill) -> tuple[int, object]:
    """Bytes still allocated after ``fill()`` returns, and what it returned."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = fill()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before, kept
    finally:
        tracemalloc.stop()


def test_the_lru_never_holds_more_than_its_budget():
    rng = random.Random(1)
    cache: ByteBudgetLRU[int] = ByteBudgetLRU(10_000)
    for i in range(2_000):
        cache.put(i % 300, i, rng.randint(1, 3_000))
        assert cache.total_bytes <= 10_000
        assert cache.total_bytes == sum(size for _, size in cache._entries.values())


def test_the_least_recently_used_go_first_and_an_oversized_entry_is_not_kept():
    cache: ByteBudgetLRU[str] = ByteBudgetLRU(1_000)
    cache.put("a", "A", 200)
    cache.put("b", "B", 200)
    assert cache.get("a") == "A"  # "a" is now the most recent
    cache.put("c", "C", 400)
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"
    cache.put("huge", "H", 5_000)
    assert cache.get("huge") is None and len(cache) == 2


def test_parsed_documents_hold_no_more_memory_than_their_budget():
    def fill():
        documents = ParsedDocuments(BUDGET)
        for text in _texts(150):
            documents.parse(text, max_tokens=2000)
            assert documents.total_bytes <= BUDGET
        return documents

    retained, documents = _retained(fill)
    assert len(documents) > 10  # it kept some, and evicted the rest
    assert retained <= documents.total_bytes <= BUDGET, (retained, documents.total_bytes)


def test_validation_results_hold_no_more_memory_than_their_budget():
    schema = build_schema(Settings())._schema

    def fill():
        results = ValidationResults(BUDGET)
        for i, text in enumerate(_texts(150, seed=3)):
            if i % 2:  # half of them invalid: their errors keep the whole document alive
                text = text.replace("__typename", "noSuchField").replace("{ me {", "{ me { nope")
            document = parse(text, max_tokens=2000)
            results.remember(text, document, validate(schema, document))
            assert results.total_bytes <= BUDGET
        return results

    retained, results = _retained(fill)
    assert len(results) > 10
    assert any(results.get(k) for k in list(results._entries))  # errors are among what it kept
    assert retained <= results.total_bytes <= BUDGET, (retained, results.total_bytes)


def _documents_of(schema) -> ParsedDocuments:
    for factory in schema.extensions:
        extension = factory() if callable(factory) else factory
        if isinstance(extension, CachedParse):
            return extension.documents
    raise AssertionError("the schema has no parse cache")


def test_the_schemas_caches_stay_within_their_settings():
    settings = Settings(parse_cache_bytes=300_000, validation_cache_bytes=200_000)
    schema = build_schema(settings)
    documents = _documents_of(schema)
    for text in _texts(60, seed=11):
        asyncio.run(schema.execute(text))
        assert documents.total_bytes <= 300_000
    assert len(documents) > 0


# --- the size limit, checked before parsing -------------------------------------------------

LIMIT = 4096
PADDED = {
    "whitespace": "{ __typename" + " " * LIMIT + "}",
    "one comment": "{ __typename #" + "x" * LIMIT + "\n}",
    "many comments": "{ __typename " + "#\n" * (LIMIT // 2) + "}",
    "a string": '{ findPeers(problem: "' + "x" * LIMIT + '") { score } }',
    "multi-byte characters": "{ __typename #" + "å" * (LIMIT // 2) + "\n}",
}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = parse_module.parse

    def spy(text, **options):
        calls.append(text)
        return real(text, **options)

    monkeypatch.setattr(parse_module, "parse", spy)
    return calls


@pytest.mark.parametrize("name", list(PADDED))
def test_a_query_over_the_size_limit_is_refused_before_parsing(parses, name):
    text = PADDED[name]
    size = len(text.encode())
    assert size > LIMIT
    result = asyncio.run(build_schema(Settings(max_query_bytes=LIMIT)).execute(text))
    assert result.data is None and len(result.errors) == 1
    error = result.errors[0]
    assert error.extensions == {"code": "QUERY_TOO_LARGE", "size": size, "limit": LIMIT}
    assert f"{size} bytes" in error.message and str(LIMIT) in error.message
    assert parses == []


def test_a_query_within_the_size_limit_runs(parses):
    text = "{ __typename #" + "å" * ((LIMIT - 20) // 2) + "\n}"
    assert len(text.encode()) <= LIMIT
    result = asyncio.run(build_schema(Settings(max_query_bytes=LIMIT)).execute(text))
    assert result.errors is None and result.data == {"__typename": "Query"}
    assert parses == [text]

