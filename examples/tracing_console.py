"""Tracing and metrics of a few calls, printed to the console.

Runs against the embedded fake API: no network, no credentials. It needs the OpenTelemetry SDK
(`pip install "pexip-engage-client[otel,testing]" opentelemetry-sdk`). The first call is answered
429 once, so its trace shows one call over two attempts and the retry; a walk over the employees
shows its pages under one span.

To send the same to an OpenTelemetry collector instead, replace the console exporters with the
OTLP ones (`pip install opentelemetry-exporter-otlp-proto-http`); see docs/observability.md.
"""

from __future__ import annotations

import asyncio

# --8<-- [start:imports]
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import ConsoleMetricExporter, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

# --8<-- [end:imports]
from pexip_engage_client import PexipEngage, RetryEvent
from pexip_engage_client.testing import FakePexipEngage


def providers() -> tuple[TracerProvider, MeterProvider]:
    """A tracer and a meter provider that print what they get (a real application sets them up once)."""
    # --8<-- [start:providers]
    resource = Resource.create({"service.name": "tracing-example"})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    meter_provider = MeterProvider(
        resource=resource, metric_readers=[PeriodicExportingMetricReader(ConsoleMetricExporter())]
    )
    # --8<-- [end:providers]
    return tracer_provider, meter_provider


async def on_retry(event: RetryEvent) -> None:
    """An event hook: the same facts without OpenTelemetry."""
    source = "backoff" if event.retry_after is None else "Retry-After"
    print(f"# {event.operation}: {event.reason}, retry {event.retry} in {event.wait:.1f} s ({source})")


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_client("demo-app", "demo-secret")
    fake.fail("getRegions", status=429, retry_after=0.2)
    for name in ("Ada", "Grace", "Edsger"):
        fake.add_employee(first_name=name)
    tracer_provider, meter_provider = providers()
    # --8<-- [start:client]
    engage = PexipEngage(
        "acme",
        client_id="demo-app",
        client_secret="demo-secret",
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        event_hooks={"retry": [on_retry]},  # optional: see "Event hooks" below
        transport=fake,  # an httpx2 transport: here the fake API
    )
    # --8<-- [end:client]
    async with engage:
        await engage.regions.get_regions(country_code="NL")
        names = [employee.first_name async for employee in engage.employees.get_employees(limit=2)]
        print(f"# employees: {', '.join(str(name) for name in names)}")
    tracer_provider.shutdown()
    meter_provider.shutdown()  # prints the metrics collected so far


if __name__ == "__main__":
    asyncio.run(main())
