"""A read makes nothing: the mirror's and the webhook store's reads on a SQLite path whose file, or tables, is missing
raise `TablesMissingError` naming the path and what is missing, and leave no file behind; what writes (a catch-up, a
receiver storing a delivery) still makes its file, SQLite being the embedded default."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.errors import TablesMissingError
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import WebhookReceiver

from ..support.mirror import SECRET


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


async def test_each_mirror_read_of_a_missing_file_raises_naming_it_and_makes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "mirror.db"
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, client=engage, catch_up_every=None)
        reads: list[Callable[[], Awaitable[Any]]] = [
            mirror.status,
            mirror.cursors,
            mirror.check,
            lambda: mirror.get("a1"),
        ]
        for read in reads:
            with pytest.raises(TablesMissingError, match=f"no SQLite database at {path}: nothing was made") as raised:
                await read()
            assert (raised.value.path, raised.value.room) == (str(path), "mirror")
            assert not path.parent.exists()  # neither the file nor its folder
        await mirror.stop()
    assert not path.parent.exists()


async def test_a_mirror_read_of_a_file_without_its_tables_makes_none(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).close()  # another program's file, empty
    mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, catch_up_every=None)
    with pytest.raises(TablesMissingError, match=f"no mirror tables in the SQLite database at {path}"):
        await mirror.status()
    await mirror.stop()
    assert _tables(path) == set()


async def test_status_with_the_events_file_missing_makes_it_not(tmp_path: Path) -> None:
    path = tmp_path / "mirror.db"
    events = tmp_path / "mirror.events.db"
    mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, catch_up_every=None)
    assert await mirror.forget_cursor("gone") is False  # a write: the table's file is made, as `mirror run` makes it
    await mirror.stop()
    assert "appointments" in _tables(path)
    mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, catch_up_every=None)
    with pytest.raises(TablesMissingError, match=f"no SQLite database at {events}"):
        await mirror.status()
    await mirror.stop()
    assert not events.exists()
    await mirror.receiver.start(handle=False)  # the receiver that takes deliveries in makes it
    await mirror.receiver.stop()
    mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, catch_up_every=None)
    assert (await mirror.status()).rows == 0
    await mirror.stop()


def test_the_store_s_sync_reads_of_a_missing_file_raise_and_make_no_file(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    receiver = WebhookReceiver(f"sqlite:///{path}", secret=SECRET)
    with pytest.raises(TablesMissingError, match=f"no SQLite database at {path}: nothing was made"):
        receiver.failed_sync()
    with pytest.raises(TablesMissingError, match=f"no SQLite database at {path}"):
        receiver.tallies_sync()
    assert not path.exists()


async def test_the_store_s_async_reads_of_a_missing_file_raise_and_a_delivery_still_makes_it(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    receiver = WebhookReceiver(f"sqlite:///{path}", secret=SECRET)
    for read in (receiver.failed, receiver.tallies):
        with pytest.raises(TablesMissingError, match=f"no SQLite database at {path}"):
            await read()
        assert not path.exists()
    answer = await receiver.receive(b"{}", key=SECRET)  # a write: the store is made where it is first used
    assert path.exists()
    assert answer.status in (200, 202, 400)
    assert (await receiver.tallies()).failed == 0
    await receiver.stop()
    await asyncio.sleep(0)
