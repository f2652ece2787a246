"""Checks of option values for argparse, shared by the command line's parsers: each turns the text
into its value or raises `argparse.ArgumentTypeError` with what is wrong."""

from __future__ import annotations

import argparse
import json
import math
import re
from datetime import timedelta

TYPE_CHECKING = False  # typing itself is not imported at run time (see _app)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")


def positive_float(text: str) -> float:
    """A finite number above 0: `inf` would let a call wait for ever, and NaN compares with nothing."""
    value = _parsed(text, float, "a number")
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number of seconds")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not positive")
    return value


def seconds(text: str) -> float:
    """A finite number of seconds, 0 or more."""
    value = _parsed(text, float, "a number")
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number of seconds, 0 or more")
    return value


def share(text: str) -> float:
    """A share, from 0 to 1."""
    value = _parsed(text, float, "a number")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a share between 0 and 1")
    return value


def not_negative_int(text: str) -> int:
    value = _parsed(text, int, "a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def positive_int(text: str) -> int:
    value = _parsed(text, int, "a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return value


def name_value(text: str) -> tuple[str, str]:
    """`NAME=VALUE` (a query parameter, a header) as its pair; an error never repeats the text, which may be a
    credential (`-H "Authorization: Bearer ..."`)."""
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError("expected NAME=VALUE")
    return name, value


def json_value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON: {exc}") from None


def json_object(text: str) -> dict[str, Any]:
    value = json_value(text)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("not a JSON object")
    return value


def _parsed(text: str, kind: Callable[[str], T], words: str) -> T:
    """`kind(text)`; argparse's error `'<text>' is not <words>` otherwise."""
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {words}") from None


def column_names(text: str) -> list[str]:
    """`id,firstName, status`: names separated by commas, none empty, none twice."""
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"{text!r} has an empty column name: name them as A,B,C")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise argparse.ArgumentTypeError(f"{text!r} names {twice[0]!r} twice")
    return names


# The reconcile window's ends by default, as spans from now (`webhooks reconcile`, `webhooks worker`).
DEFAULT_FROM, DEFAULT_TO = "-1d", "+90d"
_SPAN = re.compile(r"([+-]?)(\d+(?:\.\d+)?)([smhd]?)")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def span(text: str) -> timedelta:
    """`90d`, `-12h`, `+30m`, `600s` or `600` (seconds) as a timedelta; argparse's error otherwise."""
    found = _SPAN.fullmatch(text.strip())
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a span such as 1d, -12h, +30m or 600s, not {text!r}")
    sign, number, unit = found.groups()
    seconds = float(number) * _UNIT[unit]
    return timedelta(seconds=-seconds if sign == "-" else seconds)


def positive_span(text: str) -> float:
    """A period in seconds (`10m`, `1h`, `600`), above zero."""
    seconds = span(text).total_seconds()
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive span such as 10m or 1h, not {text!r}")
    return seconds
