"""What the pipeline tells of each answer (`AnswerRecorder`), checked where it costs nothing, and recorded in the
client's `SpecDrift` only when something differs: a program whose answers match openapi.yaml never loads
`_spec_drift.py` (docs/spec-drift.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from .._pipeline._decode import Noted
from .._runtime.lenient import SpecDifference


class Drift(Protocol):
    """What records the differences (`_spec_drift.SpecDrift`)."""

    def observe(self, operation: str, differences: Iterable[SpecDifference]) -> None:
        """Count each difference of one answer."""

    def observe_read(self, operation: str, found: list[SpecDifference], models: Sequence[tuple[object, str]]) -> None:
        """Count the differences `found` as an answer was read, and those of the `models` read leniently."""


class AnswerRecorder:
    """What the request pipeline tells of each answer it reads (`_pipeline/_decode.AnswerObserver`), recorded in
    the client's `SpecDrift` (`drift()`, made for the first difference); and an answer the typed form refused, read
    typed around what it refused (`_set_aside.py`)."""

    def __init__(self, drift: Callable[[], Drift]) -> None:
        self._drift = drift

    def read(self, operation: str, found: list[SpecDifference], models: Sequence[tuple[object, str]]) -> None:
        """An answer read: the differences `found` as it was read, and those of the `models` read leniently (each
        with where it stands), walked here."""
        if found or models:
            self._drift().observe_read(operation, found, models)

    def status(self, method: str, template: str, statuses: str, status: int) -> None:
        """Record a status openapi.yaml's responses do not cover; not 429 nor 5xx, which would be recorded every
        outage."""
        documented = statuses.split()
        code = str(status)
        if code in documented or not documented or status == 429 or status >= 500:  # the common case first
            return
        if any(p == "default" or (p.endswith("XX") and p[0] == code[0]) for p in documented):
            return
        from .._base._refs import operation_id  # noqa: PLC0415 - the packaged spec, loaded only for a difference

        difference = SpecDifference("", "status", " ".join(documented), code)
        self._drift().observe(operation_id(method, template), [difference])

    def error(self, method: str, template: str, error: Exception) -> None:
        """Record each business error code of a 422 that `ErrorCode` (the documented codes) does not list."""
        from .._generated.error_codes import ErrorCode  # noqa: PLC0415
        from .._pipeline._differences import MAX_VALUE_CHARACTERS  # noqa: PLC0415 - with the model walk, on a difference

        if getattr(error, "status_code", None) != 422:
            return
        found: list[SpecDifference] = [
            SpecDifference("", "error_code", "a documented business error code", str(code)[:MAX_VALUE_CHARACTERS])
            for code in getattr(error, "codes", [])
            if code and not isinstance(code, ErrorCode)
        ]
        if found:
            from .._base._refs import operation_id  # noqa: PLC0415

            self._drift().observe(operation_id(method, template), found)

    def around(
        self, content: bytes, model: type, typed: Callable[..., Any], refusal: Exception, operation: str
    ) -> tuple[Any, Noted] | None:
        """A page or an object the typed form refused, read typed around its few items or fields, and what was noted
        on the way; None when it cannot be (it is then read leniently whole)."""
        from ._set_aside import read_around, read_fields_around  # noqa: PLC0415 - it imports msgspec

        noted = Noted()
        parsed = read_around(content, model, typed, operation, noted.models)
        if parsed is None:  # `refusal`: what the typed form said
            noted = Noted()
            parsed = read_fields_around(content, model, typed, refusal, operation, noted.found)
        return None if parsed is None else (parsed, noted)


__all__ = ["AnswerRecorder"]
