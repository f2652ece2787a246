"""The load of the end-to-end checks: 1,000 appointment events (or `appointments` x 10), each delivered 3 times,
shuffled."""

from __future__ import annotations

import asyncio
import functools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx2

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent

APPOINTMENTS = 100  # 1,000 events in all: the receivers' load
UPDATES = 10  # events per appointment
DELIVERIES = 3
IN_FLIGHT = 16
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def updated_at(update: int) -> str:
    return (START + timedelta(seconds=update)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@functools.cache
def events(appointments: int = APPOINTMENTS) -> dict[str, bytes]:
    """Event id -> body; appointment-N's update U is event `event-N-U`, updatedAt START + U seconds."""
    return {
        f"event-{number}-{update}": appointment_event(
            {"id": f"appointment-{number}", "updatedAt": updated_at(update)},
            "GENERIC_UPDATE",
            event_id=f"event-{number}-{update}",
        )
        for number in range(appointments)
        for update in range(UPDATES)
    }


def updated_at_of(event: AppointmentWebhookEvent) -> str:
    """The appointment's updatedAt as `updated_at` above writes it (comparable as text)."""
    at = event.data.appointment.updated_at
    assert isinstance(at, datetime)
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def newest(appointments: int) -> dict[str, str]:
    return {f"appointment-{number}": updated_at(UPDATES - 1) for number in range(appointments)}


# (event id, appointment id, updatedAt, stale): one handling of an event, by a handler or a consumer.
Run = tuple[str, str, str, bool]


def check(runs: list[Run], appointments: int = APPOINTMENTS) -> None:
    """`runs`, in the order they ran: each event of `events(appointments)` handled once, and each appointment's
    events that are not stale applied oldest first, up to its newest."""
    assert len(runs) == len(events(appointments))
    assert Counter(run[0] for run in runs) == Counter(dict.fromkeys(events(appointments), 1))
    last: dict[str, str] = {}
    for _, appointment, at, stale in runs:
        if not stale:  # what a handler applies: an event newer than every one handled before
            assert at > last.get(appointment, ""), (appointment, at, last.get(appointment))
            last[appointment] = at
    assert last == newest(appointments)


async def deliver(
    urls: list[str],
    key: str,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    seed: int = 25,
    appointments: int = APPOINTMENTS,
) -> list[int]:
    """POST every event of `events(appointments)` DELIVERIES times in a shuffled order, IN_FLIGHT at once, spread
    over `urls` (through `transport` if given: an in-process ASGI app)."""
    shuffle = random.Random(seed)  # noqa: S311 - a reproducible order, not security
    deliveries = [body for body in events(appointments).values() for _ in range(DELIVERIES)]
    shuffle.shuffle(deliveries)
    targets = [shuffle.choice(urls) for _ in deliveries]
    pending = iter(zip(deliveries, targets, strict=True))
    statuses: list[int] = []
    limits = httpx2.Limits(max_connections=IN_FLIGHT)
    async with httpx2.AsyncClient(limits=limits, timeout=30, transport=transport) as client:

        async def sender() -> None:
            for body, url in pending:
                response = await client.post(
                    url, params={"key": key}, content=body, headers={"Content-Type": "application/json"}
                )
                statuses.append(response.status_code)

        await asyncio.gather(*(sender() for _ in range(IN_FLIGHT)))
    return statuses
