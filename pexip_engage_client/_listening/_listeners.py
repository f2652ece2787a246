"""What listens to one client's calls (`Listeners`): its event hooks, the log while a logger is enabled, OpenTelemetry
while it is configured.

The facade makes it for the client's `Telemetry` (`_telemetry/_stream.py`) only once something may listen, at once
when event hooks are given (they are checked as the client is made): a client nothing listens to never loads this room
(docs/observability.md#cost). Each call something listens to gets its own stream (`_calls.CallStream`).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from .._base.loggers import TRACE, exchanges_logger, logger
from ._calls import CallStream, FeatureStream, dispatch
from ._hooks import Hooks

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .._telemetry._stream import FeatureOutcome
    from ._hooks import Consumer
    from ._logging import LogLines
    from ._otel import Instruments

T = TypeVar("T")


class Listeners:
    """What listens to the calls of one client (and of its `with_options` siblings)."""

    def __init__(
        self,
        tracer_provider: Any,
        meter_provider: Any,
        event_hooks: object,
        token_url: str | None,
        enterprise: str,
        *,
        hook_kinds: tuple[str, ...],
        log_bodies: bool | None = None,
    ) -> None:
        self.hooks = Hooks.of(event_hooks, hook_kinds, dispatch)
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        if log_bodies is None and os.environ.get("PEXIP_ENGAGE_LOG"):  # its words are the log's to read
            from ._logging import bodies_requested  # noqa: PLC0415

            log_bodies = bodies_requested(None)
        self._log_bodies = bool(log_bodies)
        self._log: LogLines | None = None
        self.token_url = token_url
        self.token_template: str | None = None
        if token_url is not None:
            path = urlsplit(token_url).path
            self.token_template = path.replace(f"/realms/{quote(enterprise, safe='')}/", "/realms/{enterprise}/")
        self._instruments: Instruments | None = None

    def consumers(self) -> list[Consumer]:
        """What listens to a call starting now (each call's own OpenTelemetry spans among them); often nothing."""
        consumers: list[Consumer] = [] if self.hooks is None else [self.hooks]
        instruments = self.instruments()
        if instruments is not None:
            from ._otel import CallSpans  # noqa: PLC0415

            consumers.append(CallSpans(instruments))
        if logger.isEnabledFor(logging.INFO) or exchanges_logger.isEnabledFor(TRACE):
            consumers.append(self._log or self._log_lines())
        return consumers

    def _log_lines(self) -> LogLines:
        """The log's consumer, made by the first call a logger listens to."""
        from ._logging import LogLines  # noqa: PLC0415

        self._log = LogLines(self._log_bodies)
        return self._log

    def instruments(self) -> Instruments | None:
        """The tracer and meters for a call now, or None while OpenTelemetry is not configured."""
        if self._instruments is None:
            if self._tracer_provider is None and self._meter_provider is None:
                if "opentelemetry.trace" not in sys.modules and "opentelemetry.metrics" not in sys.modules:
                    return None  # no program sets a provider without importing these
                from ._otel import configured_globally  # noqa: PLC0415 - only for programs that use OpenTelemetry

                if not configured_globally():
                    return None
            from ._otel import Instruments  # noqa: PLC0415

            # Kept for good: a global provider, once set, cannot be replaced.
            self._instruments = Instruments(self._tracer_provider, self._meter_provider)
        return self._instruments

    def call(self, request: dict[str, Any]) -> CallStream | None:
        """The event stream of a call starting now, told to what listens to it; None when nothing does."""
        consumers = self.consumers()
        return CallStream(self, consumers, request) if consumers else None

    async def feature(
        self, operation: str, run: Callable[[], Awaitable[T]], outcome_of: Callable[[T, float], FeatureOutcome]
    ) -> T:
        """`run()`, a feature's call made of calls, its start and its end told to what listens to it now:
        `outcome_of(result, seconds it took)` says what the span records of it and what the event hooks are told."""
        consumers = self.consumers()
        if not consumers:
            return await run()
        feature = FeatureStream(consumers, operation)
        try:
            result = await run()
        except BaseException as exc:
            await feature.tell("feature_ended", None, exc)
            raise
        await feature.tell("feature_ended", outcome_of(result, time.perf_counter() - feature.started), None)
        return result
