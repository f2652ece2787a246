"""Event hooks: the facts of the client's spans and metrics, given to callbacks of your own.

Runs offline against the fake API, without OpenTelemetry: the first call is answered 429 once, so
the retry hook counts one retry; the second asks for an appointment that does not exist, so the
error hook logs the failure.
"""

import asyncio
import logging
import sys
from collections import Counter

# --8<-- [start:imports]
from pexip_engage_client import ErrorEvent, PexipEngage, RetryEvent

# --8<-- [end:imports]
from pexip_engage_client.errors import NotFoundError
from pexip_engage_client.testing import FakePexipEngage

log = logging.getLogger("booking-service")


class Metrics:
    """A stand-in for the application's metrics client (StatsD, Datadog, ...): it counts in memory."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def increment(self, name: str, tags: dict[str, str]) -> None:
        labels = ",".join(f"{key}={value}" for key, value in sorted(tags.items()))
        self.counts[f"{name}{{{labels}}}"] += 1


metrics = Metrics()


# --8<-- [start:hooks]
async def on_retry(event: RetryEvent) -> None:
    metrics.increment("engage.retry", tags={"operation": event.operation, "reason": event.reason})


async def on_error(event: ErrorEvent) -> None:
    log.warning("%s failed: %s (correlation id %s)", event.operation, event.error, event.correlation_id)


# --8<-- [end:hooks]


async def main() -> None:
    logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s")
    fake = FakePexipEngage()
    fake.add_token("my-token")
    fake.fail("getRegions", status=429, retry_after=0.1)
    # --8<-- [start:client]
    engage = PexipEngage(
        "acme",
        token="my-token",
        event_hooks={"retry": [on_retry], "error": [on_error]},
        transport=fake,  # an httpx2 transport: here the fake API
    )
    # --8<-- [end:client]
    async with engage:
        regions = await engage.regions.get_regions(country_code="NL")  # answered 429 once: one retry
        print(len(regions.data), "region(s); retries counted:", dict(metrics.counts))
        try:
            await engage.appointments.get_appointment_by_id("no-such-appointment")
        except NotFoundError:
            print("not found; the error hook logged it above")


if __name__ == "__main__":
    asyncio.run(main())
