"""Correlation ids: the caller's, or a fresh version-4 UUID per call, unique across batches, threads and forks."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
import uuid

import pytest

from pexip_engage_client._correlation_ids import BATCH, new_correlation_id

from ..support.clients import answer, client_for
from ..support.spec import documented_example


async def test_caller_correlation_id_and_per_call_language_are_sent() -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")), accept_language="nl")
    async with engage:
        await engage.appointments.get_appointment_by_id("1", correlation_id="a4f0048e-c983-11ed-afa1-0242ac120002")
        await engage.appointments.get_appointment_by_id("2", accept_language="fr")
    first, second = recorder.requests
    assert first.headers["X-Correlation-Id"] == "a4f0048e-c983-11ed-afa1-0242ac120002"
    assert first.headers["Accept-Language"] == "nl"  # the client's default
    assert second.headers["Accept-Language"] == "fr"  # the call's own wins
    assert second.headers["X-Correlation-Id"] != first.headers["X-Correlation-Id"]


async def test_every_call_gets_its_own_correlation_id() -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    async with engage:
        for _ in range(5):
            await engage.appointments.get_appointment_by_id("1")
    ids = {request.headers["X-Correlation-Id"] for request in recorder.requests}
    assert len(ids) == 5
    for correlation_id in ids:  # UUIDs (version 4, RFC 9562 variant), in their usual form
        parsed = uuid.UUID(correlation_id)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, correlation_id)


# Forks in a fresh interpreter: forking pytest's own process, which may run threads, is unsafe.
_FORKING_PROGRAM = """
import os
from pexip_engage_client._correlation_ids import new_correlation_id
made_before_fork = new_correlation_id()  # the parent has a batch made ahead: the child must not use it
read_end, write_end = os.pipe()
if os.fork() == 0:
    os.write(write_end, f"{new_correlation_id()} {new_correlation_id()}".encode())
    os._exit(0)
os.close(write_end)
child = os.fdopen(read_end).read()
os.wait()
print(new_correlation_id(), new_correlation_id(), child)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_sends_other_correlation_ids_than_its_parent() -> None:
    # Workers forked from one parent (gunicorn, multiprocessing) must not repeat each other's ids.
    run = subprocess.run([sys.executable, "-c", _FORKING_PROGRAM], capture_output=True, text=True, check=True)
    ids = run.stdout.split()
    parent_ids, child_ids = ids[:2], ids[2:]
    assert len(child_ids) == 2
    assert {*child_ids}.isdisjoint(parent_ids)
    assert child_ids[0][:24] != parent_ids[0][:24]  # a prefix of its own, not only another count
    for correlation_id in ids:
        assert uuid.UUID(correlation_id).version == 4


def test_correlation_ids_stay_unique_uuids_across_batches_and_threads() -> None:
    # Ids are made a batch at a time: crossing batch boundaries, and refilling from several threads
    # at once, must still give every call an id of its own.
    per_thread = 3 * BATCH + 7
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(lambda _: [new_correlation_id() for _ in range(per_thread)], range(4)))
    ids = [correlation_id for batch in batches for correlation_id in batch]
    assert len(set(ids)) == len(ids) == 4 * per_thread
    assert {uuid.UUID(correlation_id).version for correlation_id in ids} == {4}
