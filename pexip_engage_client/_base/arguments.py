"""Arguments checked one way in every room, by `ArgumentError` and the checks of counts and numbers that raise it.

A refusal names the argument apart from its words, so that a front end (the command line) can call it by its own
name (`worded`); a bool is no count or number here: `concurrency=True` is a mistake, not 1.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Self, TypeGuard

from .pickling import reduce_error


class ArgumentError(ValueError):
    """A value refused before anything is sent, with the arguments it names kept apart from its words.

    `template` has `{0}`, `{1}`... where `arguments` go (`from_`, `body.start`); `plain` is the
    template for a caller who writes JSON. A front end words it with its own names (`worded`).
    """

    def __init__(self, template: str, *arguments: str, plain: str | None = None) -> None:
        super().__init__(template.format(*arguments))
        self.template: str = template
        self.arguments: tuple[str, ...] = arguments
        self.plain: str | None = plain

    @classmethod
    def of(cls, argument: str, reason: str, plain: str | None = None, *, lead: str = "") -> Self:
        """`argument must be ...` (or `argument: ...`): one argument, then what is wrong with it."""
        return cls(escaped(lead) + template(reason), argument, plain=plain and escaped(lead) + template(plain))

    @property
    def argument(self) -> str:
        """The argument named first."""
        return self.arguments[0]

    def worded(self, name: Callable[[str], str]) -> str:
        """The message in plain words, each argument named as `name` calls it."""
        return (self.plain or self.template).format(*map(name, self.arguments))

    __reduce__ = reduce_error


def template(reason: str) -> str:
    """`{0}`, then `reason` (after a space unless it starts with `:`, `.` or `[`), its braces kept as text."""
    return (
        "{0}" + escaped(reason) if reason.startswith((":", ".", "[", ";")) or not reason else "{0} " + escaped(reason)
    )


def escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def is_count(value: object, minimum: int) -> TypeGuard[int]:
    """Whether `value` is an integer of at least `minimum` (a bool, though an int, is not a count)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def is_number(value: object) -> TypeGuard[int | float]:
    """Whether `value` is an int or a float (not a bool); NaN and the infinities are left to the caller."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def mapping(value: object, name: str) -> Mapping[Any, Any]:
    """`value` if it is a mapping (query parameters, headers, body fields), else `ArgumentError` naming `name`."""
    if not isinstance(value, Mapping):
        raise ArgumentError.of(name, f"must be a mapping of names to values (got {type(value).__name__})")
    return value


def counted(value: object, name: str, minimum: int = 1, reason: str = "", *, lead: str = "") -> int:
    """`value` if it is an integer of at least `minimum` (1 or 0), else `ArgumentError` naming `name`.

    `reason` words what it must be, the value at `{!r}` ("must be a positive integer (got {!r})" by default).
    """
    if not is_count(value, minimum):
        words = f"must be a {'positive' if minimum else 'non-negative'} integer (got {{!r}})"
        raise ArgumentError.of(name, (reason or words).format(value), lead=lead)
    return value


def number(
    value: object, name: str, *, positive: bool = True, finite: bool = False, reason: str = "", lead: str = ""
) -> float:
    """`value` as a float if it is a number above 0 (`positive`) or of 0 or more, below infinity if `finite`.

    NaN is refused. `reason` words what it must be, the value at `{!r}` (by default "a positive number of seconds"
    or "a number of seconds, 0 or more").
    """
    if not (is_number(value) and (value > 0 if positive else value >= 0) and not (finite and value == math.inf)):
        words = "a positive number of seconds" if positive else "a number of seconds, 0 or more"
        raise ArgumentError.of(name, (reason or f"must be {words} (got {{!r}})").format(value), lead=lead)
    return float(value)


# The ids Engage gives (numbers, UUIDs: openapi.yaml's examples, the fake's) are at most 64 letters, digits, `-`
# and `_`; what is longer, or holds anything else, names no record, and a webhook event naming one is refused.
ENGAGE_ID_MAX_LENGTH = 64
_ENGAGE_ID = re.compile(r"[A-Za-z0-9_-]{1,%d}" % ENGAGE_ID_MAX_LENGTH)  # noqa: UP031 - a pattern's braces


def is_engage_id(value: object) -> bool:
    """Whether `value` is shaped as an id Engage gives: 1 to 64 letters, digits, `-` or `_`."""
    return isinstance(value, str) and _ENGAGE_ID.fullmatch(value) is not None


def returns_coroutine(function: object) -> bool:
    """Whether calling `function` gives a coroutine: an `async def`, or an object with an async `__call__`."""
    call = getattr(function, "__call__", None)  # noqa: B004 - an object with an async __call__ counts too
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(call)
