"""Errors that pickle as themselves: class, message and attributes, whatever their `__init__` takes.

By default an exception pickles as a call of its class with its `args`, which fails for keyword-only `__init__`s:
the parent of a worker would get a `TypeError`."""

from __future__ import annotations

from typing import Any


def reduce_error(error: BaseException) -> tuple[Any, ...]:
    """The `__reduce__` of an error rebuilt without calling its `__init__`: its class, args and attributes."""
    return (rebuilt_error, (type(error), error.args, error.__dict__))


def rebuilt_error(kind: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    """The error `reduce_error` took apart, as the same class with the same args and attributes."""
    error = kind.__new__(kind, *args)
    error.args = args
    error.__dict__.update(state)
    return error
