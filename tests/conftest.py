"""Shared fixtures: the spec's documented examples, and clients wired to in-process transports."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import settings

from pexip_engage_client import PexipEngage, PexipEngageSync
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._spec import resolve, spec
from pexip_engage_client.testing._validation import response_problems

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
TOKEN = "test-token-s3cr3t"

# Property tests draw the same examples on every run unless HYPOTHESIS_PROFILE=random asks for new
# ones (a nightly-style search): an unchanged tree must not turn CI red by drawing a new example.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("random", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))


def documented_example(name: str) -> dict[str, Any]:
    """A named example from the spec's components (the documentation's own payloads)."""
    copy: dict[str, Any] = json.loads(json.dumps(SPEC["components"]["examples"][name]["value"]))
    return copy  # a deep copy, safe to mutate


def operation_example(path: str, method: str, status: str) -> Any:
    """The documented response example of an operation, resolving a `$ref` to components."""
    content = resolve(SPEC["paths"][path][method]["responses"][status], SPEC)
    example = resolve(content["content"]["application/json"]["examples"]["documented"], SPEC)
    return json.loads(json.dumps(example["value"]))


def field_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON value (list positions included), to compare two documents' shapes."""
    if isinstance(value, dict):
        return {prefix + key for key in value} | {
            path for key, item in value.items() for path in field_paths(item, f"{prefix}{key}.")
        }
    if isinstance(value, list):
        return {path for index, item in enumerate(value) for path in field_paths(item, f"{prefix}{index}.")}
    return set()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The client's backoff sleeps, recorded instead of waited (a server's own delays stay real).

    The governor's waits (its pauses after a 429, its pace) are on the same clock: each sleep moves
    it on instead of waiting, so that a pause ends when the recorded backoff after it does. Only
    the backoff sleeps are recorded.
    """
    recorded: list[float] = []
    skipped = 0.0

    def now() -> float:
        return time.monotonic() + skipped

    async def skip(seconds: float) -> None:
        nonlocal skipped
        skipped += max(seconds, 0.0)
        await asyncio.sleep(0)

    async def record(seconds: float) -> None:
        nonlocal skipped
        recorded.append(seconds)
        skipped += max(seconds, 0.0)

    monkeypatch.setattr("pexip_engage_client._request._sleep", record)
    monkeypatch.setattr("pexip_engage_client._limits.now", now)
    monkeypatch.setattr("pexip_engage_client._limits.sleep", skip)
    return recorded


class Recorder:
    """An httpx transport that records each request and answers with queued or computed responses."""

    def __init__(self, respond: Callable[[httpx.Request], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self._respond = respond

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._respond(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def client_for(respond: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> tuple[PexipEngage, Recorder]:
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return PexipEngage("acme", transport=httpx.MockTransport(recorder), **kwargs), recorder


def sync_client_for(
    respond: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[PexipEngageSync, Recorder]:
    """`client_for`, for the sync client (the converted tests in tests/client/_sync/)."""
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return PexipEngageSync("acme", transport=httpx.MockTransport(recorder), **kwargs), recorder


def answer(status: int, payload: Any = None, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    """A responder that always answers `status` with `payload` as JSON."""
    return lambda request: httpx.Response(status, json=payload, **kwargs)


def assert_responses_match_spec(fake: FakePexipEngage) -> None:
    """Every answer the fake gave to an operation is one openapi.yaml allows (status, type, schema).

    Answers to scripted faults are the test's own choice, so they are left out.
    """
    problems = [
        problem
        for call in fake.calls
        if call.operation_id is not None and call.response is not None and not call.fault
        for problem in response_problems(
            spec().by_id[call.operation_id], call.response.status_code, call.response.content, call.response.headers
        )
    ]
    assert problems == []


@pytest.fixture
def fake() -> Iterator[FakePexipEngage]:
    """A fake API; after the test, every response it sent is checked against the spec."""
    fake = FakePexipEngage()
    yield fake
    assert_responses_match_spec(fake)


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client
