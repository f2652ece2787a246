"""`SharedOnce`: a value made by its first user, then the same one for every holder of the box.

Copies of an object share it (the clients `with_options()` makes share one client's ensure locks, made by
the first ensure: the package's import and a command-line call load none of the ensure's modules).
`dict.setdefault` stores atomically: no lock to hold, nor to leave held by a fork."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class SharedOnce(Generic[T]):
    """One value, made by the first `get_or_make`; `get()` is None until then."""

    __slots__ = ("_slot",)

    def __init__(self) -> None:
        self._slot: dict[None, T] = {}  # at most one entry: the dict is for its atomic setdefault

    def get(self) -> T | None:
        """The value, or None when none was made yet."""
        return self._slot.get(None)

    def get_or_make(self, make: Callable[[], T]) -> T:
        """The value, made by `make()` when there is none yet."""
        if None in self._slot:
            return self._slot[None]
        return self._slot.setdefault(None, make())
