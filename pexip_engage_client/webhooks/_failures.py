"""Failures told as a few lines with a count, not a line per event: the store's and forwarding's, in the one
failure log (`_shared/failures.py`), worded here.

An outage fails everything at once; docs/webhooks.md, "Failures".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from .._shared.failures import FailureLog, Telling


def store_failures(
    logger: logging.Logger, interval: float = 60.0, clock: Callable[[], float] = time.monotonic
) -> FailureLog:
    """The webhook store's failures of each kind (what failed, e.g. "storing an event") and type: the first
    at once, the next ones counted, a line per `interval`, and one when the kind works again."""
    telling = Telling(
        logger,
        "the webhook store failed {kind} ({problem}); further failures of this kind are counted, one line every"
        " {interval:g} s",
        again="the webhook store works again for {kind}",
        counted="the webhook store failed {kind} {untold} more times in the last {seconds:.1f} s (the last: {problem})",
        levels=(logging.ERROR, logging.ERROR, logging.WARNING),
    )
    return FailureLog(telling, interval=interval, by_type=True, clock=clock)


def forwarding_failures(logger: logging.Logger, sink: object, retry_for: float) -> FailureLog:
    """Forwarding failures told once per outage: a warning at the first, a line when it works again; no line
    per interval: an outage is two lines (docs/webhooks.md, "What forwarding guarantees")."""
    telling = Telling(
        logger,
        "forwarding to {sink!r} failed ({problem}); each event is kept and retried for up to {retry_for:g} s, an"
        " appointment's later events held behind it; further failures are counted until forwarding works again",
        again="forwarding to {sink!r} works again after {seconds:.1f} s; {in_a_row} forwardings failed meanwhile"
        " and are retried (the last: {problem})",
        given={"sink": sink, "retry_for": retry_for},
    )
    return FailureLog(telling)
