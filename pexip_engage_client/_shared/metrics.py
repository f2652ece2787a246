"""Metrics (docs/deploying.md, "Metrics"): what the library records through OpenTelemetry, and `/metrics` on a
long-running command's port, written by prometheus-client.

The library records through OpenTelemetry's API alone (`Instrument`): nothing while no program imported its metrics.
A command that serves a port sets a meter provider read by the Prometheus exporter (`export`). What a database holds
(a queue's depth, a lag) is read when scraped (`Reading`), so that processes on one database report it alike.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from .._version import VERSION

SCOPE = "pexip_engage_client"
PATH = "/metrics"
MISSING = "/metrics needs the metrics extra: pip install 'pexip-engage-client[metrics]'"


class Instrument:
    """A counter or histogram of the application's meter provider (OpenTelemetry's global one), made with its first
    value under that provider; while no program imported OpenTelemetry's metrics a value costs a look-up, and is
    dropped."""

    def __init__(
        self, kind: Literal["counter", "histogram"], name: str, unit: str, description: str, **advice: Any
    ) -> None:
        """`advice`: what the meter is told of a histogram (`explicit_bucket_boundaries_advisory`)."""
        self._spec = kind, name, unit, description
        self._advice = advice
        self._provider: object = None
        self._made: Any = None

    def __call__(self, value: float, attributes: Mapping[str, str] | None = None) -> None:
        """Add `value` (a counter) or record it (a histogram), with `attributes`: a few values each, never a secret."""
        metrics = sys.modules.get("opentelemetry.metrics")
        if metrics is None:
            return
        provider = metrics.get_meter_provider()
        if provider is not self._provider:  # the API's stand-in until a program sets its own
            kind, name, unit, description = self._spec
            meter = provider.get_meter(SCOPE, VERSION)
            made = getattr(meter, f"create_{kind}")(name, unit=unit, description=description, **self._advice)
            self._provider, self._made = provider, made.add if kind == "counter" else made.record
        self._made(value, attributes)


class Reading(NamedTuple):
    """A value read when scraped: a gauge, or with `total` a count kept in a database (a counter's `_total`)."""

    name: str
    documentation: str
    value: float
    labels: Mapping[str, str] = {}
    total: bool = False


Readings = Callable[[], Awaitable[Sequence[Reading]]]


def queue_readings(waiting: int, parked: int) -> list[Reading]:
    """A webhook store's queue, as a receiver, a worker and the mirror each serve it."""
    return [
        Reading(
            "pexip_engage_webhooks_waiting_events", "Events stored that wait for, or are in, their handler.", waiting
        ),
        Reading(
            "pexip_engage_webhooks_parked_events", "Events parked after their handler failed every attempt.", parked
        ),
    ]


def export() -> bool:
    """Make OpenTelemetry's Prometheus exporter read this process's instruments (the global meter provider, unless
    the program set one); False when it is not installed, said at INFO (`/metrics` then answers 501 naming the
    extra): a process need not be watched to run."""
    try:
        from opentelemetry import metrics  # noqa: PLC0415 - the `metrics` extra
        from opentelemetry.exporter.prometheus import PrometheusMetricReader  # noqa: PLC0415
        from opentelemetry.sdk.metrics import MeterProvider  # noqa: PLC0415
    except ImportError:
        logging.getLogger("pexip_engage_client").info("%s", MISSING)
        return False
    if type(metrics.get_meter_provider()).__module__.startswith(metrics.__name__):  # the API's stand-in: none set
        metrics.set_meter_provider(MeterProvider(metric_readers=[PrometheusMetricReader()]))
    return True


async def scrape(readings: Readings | None) -> tuple[bytes, str] | None:
    """The Prometheus text (and its content type) of this process (prometheus-client's registry, where the exporter
    reports) and of `readings()`; `pexip_engage_database_up` says whether they could be read. None without
    prometheus-client."""
    try:
        from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest  # noqa: PLC0415
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily  # noqa: PLC0415
    except ImportError:
        return None
    read: Sequence[Reading] = ()
    if readings is not None:
        try:
            read = [*await readings(), Reading("pexip_engage_database_up", "Whether the database could be read.", 1)]
        except Exception:  # the database down, say: what this process counted is still served
            read = [Reading("pexip_engage_database_up", "Whether the database could be read.", 0)]

    class Scraped:  # a collector of this scrape: the registry's families, then what was read
        def collect(self) -> Iterator[Any]:
            yield from REGISTRY.collect()
            families: dict[str, Any] = {}
            for reading in read:
                family = families.get(reading.name)
                if family is None:
                    kind = CounterMetricFamily if reading.total else GaugeMetricFamily
                    family = kind(reading.name, reading.documentation, labels=sorted(reading.labels))
                    families[reading.name] = family
                family.add_metric([reading.labels[label] for label in sorted(reading.labels)], reading.value)
            yield from families.values()

    registry = CollectorRegistry()
    registry.register(Scraped())
    return generate_latest(registry), CONTENT_TYPE_LATEST
