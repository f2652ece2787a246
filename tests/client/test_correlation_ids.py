"""Correlation ids: the caller's, or a fresh version-4 UUID per call (`uuid.uuid4()`)."""

from __future__ import annotations

import uuid

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
