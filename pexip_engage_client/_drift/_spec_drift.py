"""What the API was seen to send unlike openapi.yaml: `engage.spec_drift`, `receiver.spec_drift` (docs/spec-drift.md).

Only an answer the typed form could not read whole, or the strict reader refused, is compared with the spec, so the
common case costs nothing."""

from __future__ import annotations

import datetime
import enum
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._base._refs import packaged_spec
from .._base.processes import per_process

if TYPE_CHECKING:
    from .._telemetry._otel import Instruments
from .._runtime.lenient import extra_fields, json_type, unread_difference
from .._runtime.model_types import escaped, is_model, plan_of
from ._recorder import (
    MAX_VALUE_CHARACTERS,
    Difference,
    Kind,
    strict_responses_requested,
)

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
    kind: Kind
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
        self._seen: dict[tuple[str, str, Kind, str, str], list[Any]] = {}  # count, first and last seen
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

    def observe(self, operation: str, differences: Iterable[Difference]) -> None:
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
                    operation, kind, pointer or "the answer", expected, "a value" if kind == "enum" else actual,
                )  # fmt: skip
            if self._count is not None:
                self._count(operation, kind)

    def observe_read(self, operation: str, found: list[Difference], models: Sequence[tuple[object, str]]) -> None:
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


@functools.cache
def webhook_operation(model: str) -> str:
    """The operationId of the webhook whose body is the schema `model` (`postAppointment`); else `model`."""
    reference = f"#/components/schemas/{model}"
    for item in packaged_spec().get("webhooks", {}).values():
        for operation in item.values() if isinstance(item, dict) else ():
            content = (operation.get("requestBody") or {}).get("content", {}) if isinstance(operation, dict) else {}
            if any((media.get("schema") or {}).get("$ref") == reference for media in content.values()):
                return str(operation.get("operationId", model))
    return model


def differences(model: object, pointer: str = "", found: list[Difference] | None = None) -> list[Difference]:
    """How a model read from an answer differs from its schema, and the models it holds, however deep."""
    found = [] if found is None else found
    known, extra = plan_of(model), extra_fields(model)
    for field in known.fields:
        try:
            value = object.__getattribute__(model, field.name)
        except AttributeError:  # left unread (see _runtime/lenient.py)
            found.append(unread_difference(field, extra, pointer))
            continue
        if field.nested and value is not None:
            _value(value, field.json_name, f"{pointer}/{field.token}", found)
    for name, value in extra.items():
        if name not in known.by_json_name:
            found.append((f"{pointer}/{escaped(name)}", "field", "absent", json_type(value)))
    return found


def _value(value: Any, name: str, where: str, found: list[Difference]) -> None:
    if isinstance(value, list):
        for item in value:
            _value(item, name, f"{where}/*", found)
    elif isinstance(value, enum.Enum):
        if not getattr(value, "is_known", True):
            found.append((where, "enum", "string", _enum_value(name, value.value)))
    elif is_model(type(value)):
        differences(value, where, found)


def _enum_value(name: str, value: object) -> str:
    from .._telemetry._logging import masked_names  # noqa: PLC0415 - only once a new enum value was seen

    if name in masked_names() or not isinstance(value, str):
        return json_type(value)
    return value[:MAX_VALUE_CHARACTERS]


# `strict_responses_requested` (`_recorder.py`) is the webhook receiver's too, read here with the rest.
__all__ = [
    "SpecDrift",
    "SpecDriftRecord",
    "differences",
    "drift_counter",
    "strict_responses_requested",
    "webhook_operation",
]
