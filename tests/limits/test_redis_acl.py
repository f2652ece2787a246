"""Every Redis feature as an ACL user limited to what docs/deploying.md names ("Running it in production"):
keys and channels starting `pexip-engage-`, the command categories @read @write @scripting @pubsub
@connection @transaction and TIME, none of @dangerous or @admin. The shared limits, an ensure's turns, the
apply lock, the webhook store and the MCP server's spent confirmations, against a real redis-server."""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path

import pytest
import redis

from pexip_engage_cli._mcp._spent import RedisSpent
from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client.provisioning._lock import apply_lock
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks._stores import store_from_url

from ..support.cli import Cli
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.redis_server import redis_server

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

# The ACL of docs/deploying.md, word for word (tests/docs checks the page holds it).
ACL = (
    "on >app-password resetkeys ~pexip-engage-* resetchannels &pexip-engage-*"
    " -@all +@read +@write +@scripting +@pubsub +@connection +@transaction +time -@dangerous -@admin"
)


def test_every_redis_feature_works_as_an_acl_user_limited_to_the_prefix_and_the_categories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    with redis_server(tmp_path) as url:
        with redis.Redis.from_url(url) as admin:
            admin.execute_command("ACL", "SETUSER", "app", *ACL.split())
        app_url = url.replace("redis://", "redis://app:app-password@", 1)
        with redis.Redis.from_url(app_url) as limited:  # the user is what it says
            with pytest.raises(redis.exceptions.NoPermissionError):
                limited.set("elsewhere", "1")
            with pytest.raises(redis.exceptions.NoPermissionError):
                limited.execute_command("FLUSHALL")
        prepared = Cli(capsys)("limits", "prepare", "--url", app_url, "--timeout", "1")
        assert prepared.code == 0, prepared.err
        caplog.set_level(logging.WARNING)
        asyncio.run(every_feature(app_url))
        with redis.Redis.from_url(url) as admin:
            keys = {key.decode() for key in admin.scan_iter("*")}
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []
    assert keys
    assert all(key.startswith("pexip-engage-") for key in keys), keys
    for kind in ("pexip-engage-limits:", "pexip-engage-ensure:", "pexip-engage-webhooks", "pexip-engage-mcp:"):
        assert any(key.startswith(kind) for key in keys), (kind, keys)


async def every_feature(url: str) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    governor = Governor(shared=url, rate=1000)  # the shared limits, and so the ensure's turns
    try:
        # The timeout `limits prepare --timeout 1` settled the lease state for: no first lease waited out.
        async with PexipEngage("acme", token="t", transport=fake, governor=governor, timeout=1) as engage:
            body = {**APPOINTMENT, "externalId": f"CRM-{uuid.uuid4().hex}"}
            first = await engage.appointments.ensure_appointment(body)
            again = await engage.appointments.ensure_appointment(body)
            assert (first.outcome.name, again.outcome.name) == ("CREATED", "FOUND")
    finally:
        await governor.aclose()
    async with apply_lock("acme", url):  # the apply lock
        pass
    store = store_from_url(url)  # the webhook store
    await store.open()
    try:
        assert await store.add("event-1", b"{}", subject="a-1", updated_at=1, now=1.0) is not None
        assert await store.due(2.0, 10) == ["event-1"]
        assert await store.claim("event-1", "worker", 2.0, 30.0) is not None
        await store.settle("event-1", "worker", "handled", order=None, now=3.0)
        assert await store.status("event-1") == "handled"
        # What `webhooks status` and `webhooks failed` read, and a refused delivery noted.
        await store.note("refused", "wrong or missing key", 4.0)
        tallies = await store.tallies()
        assert (tallies.waiting, tallies.failed, tallies.refused) == (0, 0, 1)
        assert await store.failed(10) == []
    finally:
        await store.close()
    spent = RedisSpent(url)  # the MCP server's spent confirmations
    assert await spent.claim("confirmation-1", 60) is True
    assert await spent.claim("confirmation-1", 60) is False
    await spent.finish("confirmation-1", "done", 60)
    assert await spent.first("confirmation-1") == "done"
    await spent._aclose()
