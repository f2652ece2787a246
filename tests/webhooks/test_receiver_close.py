"""`WebhookReceiver.close()` and `aclose()`: every store the receiver opened in this process is closed, whichever
face opened it (the handlers' `start`, the sync face's `receive_sync`, `failed_sync`...); what is open is read
from the process's file descriptors (`support/open_files.py`). The command line's in-process commands close
the receiver they open: tests/cli/test_webhooks_parked.py."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import WebhookReceiver

from ..support.open_files import READS_FILE_DESCRIPTORS, open_files

SECRET = "close-s3cr3t"

pytestmark = READS_FILE_DESCRIPTORS


def event(number: int) -> bytes:
    appointment = {"id": f"appointment-{number}", "updatedAt": "2026-01-01T10:00:00.000Z"}
    return appointment_event(appointment, "ACCEPT", event_id=f"e{number}")


def test_close_closes_the_store_the_sync_face_opened_and_a_closed_receiver_opens_again(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    receiver = WebhookReceiver(f"sqlite:///{database}", secret=SECRET)
    assert receiver.receive_sync(event(1), key=SECRET).status == 202
    assert receiver.tallies_sync().waiting == 1
    assert open_files(database)  # the sync face's store, open for the next delivery
    receiver.close()
    assert open_files(database) == []
    receiver.close()  # closing a closed receiver does nothing
    with receiver:  # used again, it opens again; and the block closes it
        assert receiver.receive_sync(event(2), key=SECRET).status == 202
        assert open_files(database)
    assert open_files(database) == []
    assert WebhookReceiver(f"sqlite:///{database}", secret=SECRET).tallies_sync().waiting == 2


async def test_aclose_closes_a_started_receivers_store_and_the_sync_faces(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    receiver = WebhookReceiver(f"sqlite:///{database}", secret=SECRET)
    await receiver.start(handle=False)
    assert (await receiver.receive(event(1), key=SECRET)).status == 202
    answer = await asyncio.to_thread(receiver.receive_sync, event(2), key=SECRET)
    assert answer.status == 202
    await receiver.aclose()
    assert open_files(database) == []
    async with receiver:  # started again; the block's end closes it all
        assert (await receiver.receive(event(3), key=SECRET)).status == 202
    assert open_files(database) == []


async def test_close_from_the_receivers_own_loop_says_to_await_aclose(tmp_path: Path) -> None:
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET)
    async with receiver:
        with pytest.raises(RuntimeError, match="await it there instead"):
            receiver.close()
