"""The one Redis client factory (`_shared/_redis.py`): bounded waits on every client it makes, and the extra named.

A stopped or cut-off Redis must answer with an error within about a second (docs/limits.md: "no answer within
a second"): each client is made with a connect and a command timeout of a second and one quick retry, and a
bounded pool waits `POOL_TIMEOUT` for a free connection. No server needed: what the clients are made with, and
the retry run.
"""

from __future__ import annotations

import sys
import time

import pytest
import redis

from pexip_engage_client._shared import _redis

NOWHERE = "redis://127.0.0.1:1/0"  # never connected to: the clients are only made


@pytest.mark.parametrize("max_connections", [None, 7])
async def test_every_client_fails_within_a_second_and_retries_once_quickly(max_connections: int | None) -> None:
    client = _redis.redis_client(NOWHERE, max_connections=max_connections)
    made = client.connection_pool.connection_kwargs
    assert made["socket_connect_timeout"] == _redis.CONNECT_TIMEOUT == 1.0
    assert made["socket_timeout"] == _redis.COMMAND_TIMEOUT == 1.0
    tries = 0

    async def cut() -> None:
        nonlocal tries
        tries += 1
        raise redis.ConnectionError("closed by the server")

    async def dropped(error: Exception) -> None:
        return None

    started = time.monotonic()
    with pytest.raises(redis.ConnectionError):
        await made["retry"].call_with_retry(cut, dropped)
    assert tries == 2  # one retry: a connection Redis closed between commands
    assert time.monotonic() - started < 1.0  # quickly: a failing Redis still says so within about a second
    await client.aclose()


async def test_a_bounded_pool_holds_that_many_connections_and_waits_for_one() -> None:
    client = _redis.redis_client(NOWHERE, max_connections=7)
    assert isinstance(client.connection_pool, redis.asyncio.BlockingConnectionPool)
    assert client.connection_pool.max_connections == 7
    assert client.connection_pool.timeout == _redis.POOL_TIMEOUT == 10.0
    await client.aclose()
    unbounded = _redis.redis_client(NOWHERE)
    assert not isinstance(unbounded.connection_pool, redis.asyncio.BlockingConnectionPool)
    await unbounded.aclose()


def test_without_the_extra_the_error_names_it_and_who_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # `import redis` raises ImportError
    extra = 'needs the "redis" extra: pip install "pexip-engage-client[redis]"'
    with pytest.raises(ImportError) as refused:
        _redis.redis_errors()
    assert str(refused.value) == f"this {extra}"
    assert refused.value.__suppress_context__  # `from None`: the import's own error is not shown
    with pytest.raises(ImportError) as refused:
        _redis.redis_client(NOWHERE)
    assert str(refused.value) == f"this {extra}"
    with pytest.raises(ImportError) as refused:
        _redis.redis_client(NOWHERE, user="RedisStreamSink")
    assert str(refused.value) == f"RedisStreamSink {extra}"
