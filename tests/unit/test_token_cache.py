"""Verified tokens are remembered until they expire: a repeated token is not decoded again,
an expired one is refused even though it was accepted before, and the memory is bounded."""

from __future__ import annotations

import asyncio
import time

import pytest

from peernet.auth import AuthError, TokenVerifier, issue_dev_token
from peernet.config import Settings

SETTINGS = Settings(jwt_leeway=0)


class Counting(TokenVerifier):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.decoded = 0

    def _decode(self, token: str):
        self.decoded += 1
        return super()._decode(token)


def test_a_repeated_token_is_verified_once() -> None:
    verifier = Counting(SETTINGS)
    token = issue_dev_token(SETTINGS, manager_id="m-1", roles=["manager", "admin"])
    viewers = [asyncio.run(verifier.verify(token)) for _ in range(3)]
    assert verifier.decoded == 1
    assert {v.subject for v in viewers} == {"m-1"} and all("admin" in v.roles for v in viewers)


def test_a_remembered_token_is_refused_once_it_expires() -> None:
    verifier = Counting(SETTINGS)
    token = issue_dev_token(SETTINGS, manager_id="m-1", roles=["manager"], hours=2 / 3600)
    assert asyncio.run(verifier.verify(token)).subject == "m-1"
    time.sleep(3.1)  # exp is whole seconds: past it by more than one
    with pytest.raises(AuthError, match="expired"):
        asyncio.run(verifier.verify(token))
    assert verifier.decoded == 2


def test_a_bad_token_is_never_remembered() -> None:
    verifier = Counting(SETTINGS)
    token = issue_dev_token(SETTINGS, manager_id="m-1", roles=["manager"])
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for _ in range(2):
        with pytest.raises(AuthError):
            asyncio.run(verifier.verify(forged))
    assert verifier.decoded == 2


def test_the_memory_is_bounded() -> None:
    verifier = Counting(SETTINGS)
    verifier.CACHE_SIZE = 3
    tokens = [issue_dev_token(SETTINGS, manager_id=f"m-{i}", roles=["manager"]) for i in range(5)]
    for token in tokens:
        asyncio.run(verifier.verify(token))
    asyncio.run(verifier.verify(tokens[0]))  # forgotten: decoded again
    assert verifier.decoded == 6 and len(verifier._verified) == 3
