"""Checks of option values for argparse, shared by the command line's parsers: each turns the text
into its value or raises `argparse.ArgumentTypeError` with what is wrong."""

from __future__ import annotations

import argparse
import math


def positive_float(text: str) -> float:
    """A finite number above 0: `inf` would let a call wait for ever, and NaN compares with nothing."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number of seconds")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not positive")
    return value


def not_negative_int(text: str) -> int:
    value = _whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def positive_int(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return value


def name_value(text: str) -> tuple[str, str]:
    """`NAME=VALUE` (a query parameter, a header) as its pair.

    The text is not repeated in the error: `-H "Authorization: Bearer ..."` (curl's form) would print
    the credential.
    """
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError("expected NAME=VALUE")
    return name, value


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
