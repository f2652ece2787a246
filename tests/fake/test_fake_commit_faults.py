"""`fake.fail(..., commit=True)`: the call is served (its effect lands), then answered with the fault.

And the look-up an ensure relies on: `getAppointments` (and the other lists) filtering by
`external-id` as documented, where an item without an external id never matches.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references


@pytest.fixture(params=["in-process", "loopback"])
async def engage(request: pytest.FixtureRequest, fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    """The fake in memory, and served over real HTTP (where a dropped connection is a real one)."""
    seed_references(fake)
    if request.param == "in-process":
        async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0) as client:
            yield client
    else:
        with serve(fake) as root:
            async with PexipEngage("acme", token=TOKEN, base_url=root, max_retries=0) as client:
                yield client


@pytest.mark.parametrize(
    ("fault", "raised"),
    [
        ({"disconnect": True}, errors.APIConnectionError),
        ({"status": 504}, errors.ServerError),
        ({"status": 502}, errors.ServerError),
    ],
)
async def test_a_committed_fault_lands_the_write_and_loses_its_answer(
    engage: PexipEngage, fake: FakePexipEngage, fault: dict[str, object], raised: type[Exception]
) -> None:
    fake.fail("createAppointment", commit=True, **fault)  # type: ignore[arg-type]
    with pytest.raises(raised):
        await engage.appointments.create_appointment(body=APPOINTMENT)
    assert [item["externalId"] for item in fake.appointments.values()] == ["CRM-1"]
    assert fake.calls_to("createAppointment")[0].fault


async def test_a_committed_delay_past_the_timeout_lands_the_write_and_times_out(fake: FakePexipEngage) -> None:
    seed_references(fake)
    fake.fail("createAppointment", commit=True, delay=5.0)
    async with PexipEngage("acme", token=TOKEN, transport=fake, timeout=httpx2.Timeout(5.0, read=0.05)) as engage:
        with pytest.raises(errors.APITimeoutError):
            await engage.appointments.create_appointment(body=APPOINTMENT)
        assert len(fake.appointments) == 1
        # within the timeout, a committed delay is only a late answer: the real one
        fake.fail("createAppointment", commit=True, delay=0.01)
        late = await engage.appointments.create_appointment(body={**APPOINTMENT, "externalId": "CRM-2"})
        assert late.external_id == "CRM-2"
    assert len(fake.appointments) == 2


async def test_without_commit_a_fault_lands_nothing(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.fail("createAppointment", disconnect=True)
    with pytest.raises(errors.APIConnectionError):
        await engage.appointments.create_appointment(body=APPOINTMENT)
    assert fake.appointments == {}


async def test_lists_filter_by_external_id_and_items_without_one_never_match(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    wanted = fake.add_appointment(externalId="CRM-1")["id"]
    fake.add_appointment(externalId="CRM-2")
    fake.add_appointment()
    bare = fake.add_appointment()
    del fake.appointments[bare["id"]]["externalId"]  # as a record from before external ids would be
    page = await engage.appointments.get_appointments(external_id=["CRM-1"])
    assert [appointment.id for appointment in page.data] == [wanted]
    assert (await engage.appointments.get_appointments(external_id=["CRM-9"])).data == []
    assert len((await engage.appointments.get_appointments()).data) == 4
