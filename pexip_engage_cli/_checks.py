"""A generated command's documented bounds and formats (the command table's `checks`), checked before anything
is sent: a usage error naming the option, not the server's 400 about `query.limit` after a round trip.
"""

from __future__ import annotations

import argparse
import operator
import re
from collections.abc import Callable
from typing import Any


def checked(convert: Callable[[str], Any], checks: dict[str, Any]) -> Callable[[str], Any]:
    """`convert` (an argparse `type`), followed by the schema's `checks` on what it returns."""
    if not checks:
        return convert

    def convert_and_check(text: str) -> Any:
        value = convert(text)
        problem = _problem(value, checks)
        if problem:
            raise argparse.ArgumentTypeError(f"{problem} (got {text!r})")
        return value

    # argparse names a type that raised ValueError by its __name__ ("invalid int value"): keep the original's.
    convert_and_check.__name__ = getattr(convert, "__name__", "value")
    return convert_and_check


def _problem(value: Any, checks: dict[str, Any]) -> str | None:
    """What is wrong with `value` for `checks`, in words for the command line; None when nothing is."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    for keyword, bound in checks.items():
        if keyword in _BOUNDS:
            words, breaks = _BOUNDS[keyword]
            problem = f"must be {words} {bound}" if number is not None and breaks(number, bound) else None
        else:
            problem = _CHECKS[keyword](value, bound) if keyword in _CHECKS else None
        if problem:
            return problem
    return None


def _date(text: str) -> str | None:
    from pexip_engage_client._base.timing import parse_date  # noqa: PLC0415 - help loads no client

    try:
        parse_date(text)
    except ValueError:
        return "must be a date, YYYY-MM-DD"
    return None


def _date_time(text: str) -> str | None:
    from pexip_engage_client._base.timing import parse_datetime  # noqa: PLC0415 - help loads no client

    try:
        moment = parse_datetime(text)
    except ValueError:
        return f"must be a date and time, {_AWARE_EXAMPLES}"
    if moment.tzinfo is None:
        return f"needs a UTC offset ({_AWARE_EXAMPLES}): without one it names no instant"
    return None


_AWARE_EXAMPLES = "e.g. 2030-01-01T09:00:00+01:00 or 2030-01-01T08:00:00Z"
# Formats the command line does not know (uri, email...) are the server's to judge.
_FORMATS: dict[str, Callable[[str], str | None]] = {"date": _date, "date-time": _date_time}


def _format(value: Any, name: str) -> str | None:
    check = _FORMATS.get(name)
    return check(value) if check is not None and isinstance(value, str) else None


def _min_length(value: Any, bound: int) -> str | None:
    if not isinstance(value, str) or len(value) >= bound:
        return None
    return "must not be empty" if bound == 1 else f"must be at least {bound} characters long"


# A number's bounds: how the error says each, and the comparison that breaks it.
_BOUNDS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "minimum": ("at least", operator.lt),
    "maximum": ("at most", operator.gt),
    "exclusiveMinimum": ("more than", operator.le),
    "exclusiveMaximum": ("less than", operator.ge),
}
_CHECKS: dict[str, Callable[[Any, Any], str | None]] = {
    "minLength": _min_length,
    "maxLength": lambda value, bound: (
        f"must be at most {bound} characters long" if isinstance(value, str) and len(value) > bound else None
    ),
    "pattern": lambda value, pattern: (
        f"must match {pattern}" if isinstance(value, str) and re.search(pattern, value) is None else None
    ),
    "format": _format,
}
