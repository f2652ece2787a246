"""An `ensure_*` call traced: one span of its own over its look-ups and creates, carrying its outcome."""

from __future__ import annotations

import pytest
from opentelemetry.trace import StatusCode

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.telemetry import Telemetry


async def test_the_ensure_span_holds_its_calls_and_says_what_happened(telemetry: Telemetry) -> None:
    fake = seed_references(FakePexipEngage())
    async with PexipEngage(
        "acme",
        token="t",
        transport=fake,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    ) as engage:
        await engage.appointments.ensure_appointment(APPOINTMENT)
        await engage.appointments.ensure_appointment(APPOINTMENT)
        fake.fail("createAppointment", disconnect=True, commit=True)
        await engage.appointments.ensure_appointment({**APPOINTMENT, "externalId": "CRM-2"})
        with pytest.raises(errors.ExternalIdConflictError):
            await engage.appointments.ensure_appointment({**APPOINTMENT, "officeId": "office-4"})
    ensures = [span for span in telemetry.spans() if span.name == "appointments.ensure_appointment"]
    assert [(span.attributes or {}).get("pexip_engage.ensure.outcome") for span in ensures] == [
        "created",
        "found",
        "reconciled",
        None,
    ]
    failed = ensures[-1]
    assert failed.status.status_code is StatusCode.ERROR
    assert (failed.attributes or {})["error.type"] == "pexip_engage_client.errors.ExternalIdConflictError"
    # the reconciled ensure: its look-up, its lost create and the look-up that found it, under its span
    reconciled = ensures[2]
    children = [
        span.name
        for span in telemetry.spans()
        if span.parent is not None and span.parent.span_id == reconciled.context.span_id
    ]
    assert children == [
        "appointments.get_appointments",
        "appointments.create_appointment",
        "appointments.get_appointments",
    ]
