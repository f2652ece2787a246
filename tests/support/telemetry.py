"""OpenTelemetry providers that keep what they get (`Telemetry`), and a transport whose fake a test swaps."""

from __future__ import annotations

from typing import Any

import httpx2
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from pexip_engage_client.testing import FakePexipEngage


class SwitchableFake(httpx2.AsyncBaseTransport):
    """The transport behind the loopback server: whichever fake the test put in `fake`."""

    def __init__(self) -> None:
        self.fake = FakePexipEngage()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        return await self.fake.handle_async_request(request)


class Telemetry:
    """A tracer and a meter provider whose spans and metric points a test reads back."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def clear(self) -> None:
        self.exporter.clear()

    def recorded_values(self) -> list[tuple[str, Any]]:
        """Every attribute of every span, span event and metric point, each named by where it is."""
        values: list[tuple[str, Any]] = []
        for span in self.spans():
            values += [(f"{span.name}: {key}", value) for key, value in (span.attributes or {}).items()]
            for event in span.events:
                values += [(f"{span.name}/{event.name}: {key}", v) for key, v in (event.attributes or {}).items()]
        for name, points in self.metric_points().items():
            values += [(name, dict(point.attributes)) for point in points]
        return values

    def metric_points(self) -> dict[str, list[Any]]:
        """Each metric's data points, by name."""
        points: dict[str, list[Any]] = {}
        data = self.reader.get_metrics_data()
        for resource_metrics in data.resource_metrics if data is not None else ():
            for scope_metrics in resource_metrics.scope_metrics:
                for metric in scope_metrics.metrics:
                    points.setdefault(metric.name, []).extend(metric.data.data_points)
        return points
