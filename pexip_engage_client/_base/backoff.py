"""Capped exponential backoff with jitter: the one rule by which every wait before a retry or a poll grows."""

import random


def backoff(
    first: float, attempt: int, cap: float, jitter: float = 0.0, *, around: bool = False, draw: float | None = None
) -> float:
    """Seconds before try `attempt` (1-based) of a series: `first` doubled `attempt - 1` times, at most `cap`.

    A `jitter` above 0 takes a random part of up to `jitter` of that off, or with `around` draws it
    within +/- `jitter` of it, so that many clients failing together do not retry in lockstep;
    `draw` in [0, 1) replaces the random draw. `backoff(pause, 2, cap)` is the
    pause after `pause`, for a loop that keeps only its last pause.
    """
    delay = min(first * 2.0 ** min(attempt - 1, 64), cap)
    if not jitter:
        return delay
    share = random.random() if draw is None else draw  # noqa: S311 - jitter, not secrecy
    return delay * (1 - jitter + 2 * jitter * share) if around else delay * (1 - jitter * share)
