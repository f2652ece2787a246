"""Errors that pickle as themselves: class, message and attributes, whatever their `__init__` takes.

An exception pickles by default as a call of its class with its `args`, which fails or loses the
attributes when `__init__` takes keyword-only arguments or more than the message: raised in a
`ProcessPoolExecutor` worker or a Celery task with the pickle serializer, such an error would reach
the parent as a `TypeError`. `reduce_error` is what such a class's `__reduce__` returns instead.
"""

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
