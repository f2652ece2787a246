"""The checks the receiver's and the sinks' settings pass, each kind of value worded one way.

A bool is no number here: `concurrency=True` is a mistake, not 1.
"""

from __future__ import annotations

from typing import TypeGuard

from .._base.arguments import number


def is_name(value: object) -> TypeGuard[str]:
    """Whether `value` is a non-empty string (a secret, a stream's key, a task's name)."""
    return isinstance(value, str) and value != ""


def positive_seconds(name: str, value: object) -> float:
    return number(value, name, reason="must be a positive number of seconds, not {!r}")


def grace_seconds(grace: object) -> float:
    """A stop's grace: seconds the running handlers get, 0 (none) or more."""
    return number(grace, "grace", positive=False, reason="must be a number of seconds, 0 or more, not {!r}")
