"""When a failed handling is tried again: capped exponential backoff with jitter, then parking.

The delays are `_base/timing.backoff`'s. Handlers keep the receiver's schedule (`max_attempts`);
forwarding a longer one (`retry_for`), its failures mostly a broker restarting (docs/webhooks.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._base.timing import backoff

JITTER = 0.25  # each delay is drawn within +/- this share of its nominal value


@dataclass(frozen=True)
class RetrySchedule:
    """`attempts` runs in all; the delay before the n-th retry is `first * 2**(n-1)`, at most `cap`."""

    first: float
    cap: float
    attempts: int

    def delay(self, attempt: int, draw: float) -> float:
        """Seconds before the retry that follows failed `attempt` (1, 2, ...); `draw` in [0, 1) gives the jitter."""
        return backoff(self.first, attempt, self.cap, JITTER, around=True, draw=draw)

    @classmethod
    def lasting(cls, seconds: float, *, first: float = 1.0, cap: float) -> RetrySchedule:
        """The schedule whose retries span at least `seconds`, even when every delay is drawn at its shortest."""
        shortest = cls(first, cap, attempts=1)
        attempts, covered = 1, 0.0
        while covered < seconds:
            covered += shortest.delay(attempts, draw=0.0)
            attempts += 1
        return cls(first, cap, attempts)
