"""Two questions OpenTelemetry's API has no direct public answer to, answered with public names only.

- Whether a program set a global meter provider. Before one is set, `metrics.get_meter_provider()`
  returns the API's stand-in, which the API does not export. Every provider a program can set is
  defined outside the API's own package (the SDK's, a vendor's); the API's are its no-op and its
  stand-in. So a provider whose class comes from `opentelemetry.metrics` counts as none set, and the
  client asks on each call until OpenTelemetry is configured: a program which never configures it
  never builds instruments.
- How to keep the generic HTTP instrumentations (httpx2's) silent on the client's own attempts:
  `opentelemetry.instrumentation.utils.suppress_http_instrumentation()`, their public switch. That
  module is imported by every such instrumentation: where it is not imported, none runs, and there
  is nothing to silence (importing it here would cost a call about 37 ms, most of it wrapt).
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from opentelemetry import context, metrics

# The module of the instrumentations' public switch, looked for in `sys.modules` only.
INSTRUMENTATION_UTILITIES = "opentelemetry.instrumentation.utils"


def meter_provider_set() -> bool:
    """Whether a program set a global meter provider (not only the API's no-op or its stand-in)."""
    provider = metrics.get_meter_provider()
    return not type(provider).__module__.startswith(metrics.__name__)


def attach_silenced(current: Any) -> contextlib.ExitStack:
    """Make `current` the context, with the generic HTTP instrumentations silent in it; closing the stack undoes it."""
    stack = contextlib.ExitStack()
    stack.callback(context.detach, context.attach(current))
    utilities = sys.modules.get(INSTRUMENTATION_UTILITIES)
    if utilities is not None:
        stack.enter_context(utilities.suppress_http_instrumentation())
    return stack
