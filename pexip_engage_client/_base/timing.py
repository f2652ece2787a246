"""Time, the same way in every room: backoff, Retry-After, ISO 8601 dates and date-times, instants and windows.

A date-time may end in `Z` or an offset (`+01:00`); text without one parses to a naive datetime,
which each caller refuses or reads as it must (an instant needs an offset).
"""

import datetime
import random
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

_D = TypeVar("_D", bound=datetime.date)  # a date, or a date-time


def backoff(
    first: float, attempt: int, cap: float, jitter: float = 0.0, *, around: bool = False, draw: float | None = None
) -> float:
    """Seconds before try `attempt` (1-based) of a series: `first` doubled `attempt - 1` times, at most `cap`.

    `jitter` takes up to that part off at random (with `around`, +/- it), so that clients failing
    together do not retry in lockstep; `draw` in [0, 1) replaces the random draw. `backoff(pause, 2,
    cap)` is the pause after `pause`, for a loop that keeps only its last pause.
    """
    delay = min(first * 2.0 ** min(attempt - 1, 64), cap)
    if not jitter:
        return delay
    share = random.random() if draw is None else draw  # noqa: S311 - jitter, not secrecy
    return delay * (1 - jitter + 2 * jitter * share) if around else delay * (1 - jitter * share)


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """A response's `Retry-After` in seconds (delta-seconds or an HTTP date), or None; `headers` case-insensitive."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds)
    import email.utils  # noqa: PLC0415 - a dated Retry-After is rare; the email package is slow to import

    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def parse_datetime(value: object, name: str = "value") -> datetime.datetime:
    """A date-time from its ISO 8601 text; TypeError/ValueError naming `name` otherwise."""
    return _parsed(datetime.datetime, "date-time", value, name)


def parse_date(value: object, name: str = "value") -> datetime.date:
    """A date from its ISO 8601 text (YYYY-MM-DD); TypeError/ValueError naming `name` otherwise."""
    return _parsed(datetime.date, "date", value, name)


def _parsed(kind: type[_D], what: str, value: object, name: str) -> _D:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be ISO 8601 {what} text, not {type(value).__name__}")
    try:
        return kind.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be ISO 8601 {what} text, not {value!r:.100}") from None


def aware(
    value: object, name: str, refuse: Callable[[str, str, object], Exception], *, text: bool = False
) -> datetime.datetime:
    """`value` as an aware datetime (with `text`, ISO 8601 text too): a naive one names no instant.

    Else `refuse(why, name, value)` is raised, `why` "type", "text" or "naive" and `value` as given, so
    that each caller words it (and picks its exception type) as its users and tests know it.
    """
    moment = value
    if text and isinstance(value, str):
        try:
            moment = parse_datetime(value, name)
        except ValueError:
            raise refuse("text", name, value) from None
    if not isinstance(moment, datetime.datetime):
        raise refuse("type", name, value)
    if moment.utcoffset() is None:
        raise refuse("naive", name, value)
    return moment


def aware_window(start: object, end: object) -> tuple[datetime.datetime, datetime.datetime]:
    """A window of time read by its overlap (reconcile's, the mirror's catch-up), checked once for both: two
    timezone-aware datetimes, `start` before `end`; ValueError naming the argument."""
    first, last = aware(start, "start", _refused_in_window), aware(end, "end", _refused_in_window)
    if not first < last:
        raise ValueError("start must be before end")
    return first, last


def _refused_in_window(why: str, name: str, value: object) -> ValueError:
    if why == "type":
        return ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    return ValueError(f"{name} must be timezone-aware (e.g. datetime.now(UTC)), not a naive datetime")
