"""What the API was seen to send unlike openapi.yaml: `engage.spec_drift`, `receiver.spec_drift` (docs/spec-drift.md).

Only an answer the typed form could not read whole, or the strict reader refused, is compared with the spec, so the
common case costs nothing. How a model read leniently differs, and whether to read strictly, are the core's
(`_pipeline/_differences.py`): the webhook receiver, a room of its own, reads events with them too, and takes
`SpecDrift` from the public face `pexip_engage_client.spec_drift`."""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._base._refs import packaged_spec
from .._base.processes import per_process
from .._pipeline._differences import differences
from .._runtime.lenient import SpecDifference, SpecDifferenceKind

if TYPE_CHECKING:
    from .._listening._otel import Instruments

logger = logging.getLogger("pexip_engage_client.spec_drift")

MAX_RECORDS = 1000  # distinct differences kept per client (or receiver), so a server inventing names cannot grow it


@dataclass(frozen=True, slots=True)
class SpecDriftRecord:
    """One way the API's answers differed from openapi.yaml, and how often it was seen.

    What each attribute says: docs/spec-drift.md#reading-the-drift. `operation` is a webhook event's type
    (`appointment.created`) for `receiver.spec_drift`; `pointer` is empty for `status` and `error_code`.
    """

    operation: str
    pointer: str
    kind: SpecDifferenceKind
    expected: str
    actual: str
    count: int
    first_seen: datetime.datetime
    last_seen: datetime.datetime


class SpecDrift:
    """The differences one client (or webhook receiver) saw between answers and openapi.yaml.

    Thread-safe; shared by the clients `with_options` makes.
    """

    # A fork while another thread held the lock would leave it held for ever in the child: per process.
    _lock = per_process(lambda _: threading.Lock())

    def __init__(self, count: Callable[[str, str], None] | None = None) -> None:
        self._seen: dict[tuple[str, str, SpecDifferenceKind, str, str], list[Any]] = {}  # count, first and last seen
        self._dropped = 0
        self._count = count  # an OpenTelemetry counter's `add`, when telemetry is on

    def records(self) -> list[SpecDriftRecord]:
        """Every difference seen so far (at most `MAX_RECORDS`), in the order first seen."""
        with self._lock:
            return [SpecDriftRecord(*key, *seen) for key, seen in self._seen.items()]

    @property
    def dropped(self) -> int:
        """How many distinct differences were seen after `MAX_RECORDS` were kept (counted, not kept)."""
        return self._dropped

    def clear(self) -> None:
        """Forget every record (after they were exported, say)."""
        with self._lock:
            self._seen.clear()
            self._dropped = 0

    def overlay(self, spec: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """An OpenAPI Overlay 1.0.0 document (a dict) that makes openapi.yaml (or `spec`) accept what was seen."""
        from ._spec_overlay import overlay_from_records  # noqa: PLC0415 - only for the overlay

        return overlay_from_records(self.records(), packaged_spec() if spec is None else spec)

    def observe(self, operation: str, differences: Iterable[SpecDifference]) -> None:
        """Count each difference of one answer; a new one is logged once, at WARNING (names, no values)."""
        now = datetime.datetime.now(datetime.UTC)
        for pointer, kind, expected, actual in differences:
            key = (operation, pointer, kind, expected, actual)
            with self._lock:
                seen = self._seen.get(key)
                if seen is not None:
                    seen[0] += 1
                    seen[2] = now
                elif len(self._seen) < MAX_RECORDS:
                    self._seen[key] = [1, now, now]
                else:
                    self._dropped += 1
            if seen is None:
                logger.warning(
                    "%s answered unlike openapi.yaml: %s at %s (the spec: %s; came: %s)",
                    operation,
                    kind,
                    pointer or "the answer",
                    expected,
                    "a value" if kind == "enum" else actual,
                )
            if self._count is not None:
                self._count(operation, kind)

    def observe_read(self, operation: str, found: list[SpecDifference], models: Sequence[tuple[object, str]]) -> None:
        """An answer read: the differences `found` as it was read, and those of the `models` read leniently (each
        with where it stands), walked here."""
        self.observe(
            operation, [*found, *(difference for model, at in models for difference in differences(model, at))]
        )


def drift_counter(instruments_now: Callable[[], Instruments | None]) -> Callable[[str, str], None]:
    """A client's count of each difference (`SpecDrift(count=...)`): the `pexip_engage.client.spec_drift` counter on the
    meter of its instruments (`Telemetry.instruments`), made by the first difference once OpenTelemetry is configured
    (docs/observability.md)."""
    made: list[Any] = []

    def count(operation: str, kind: str) -> None:
        instruments = instruments_now()
        if instruments is None:
            return
        if not made:
            description = "Differences between the API's answers and openapi.yaml, by operation and kind."
            made.append(instruments.meter.create_counter("pexip_engage.client.spec_drift", "{difference}", description))
        made[0].add(1, {"operation": operation, "kind": kind})

    return count
