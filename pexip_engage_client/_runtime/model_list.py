"""`ModelList`: the list a page's `data` and a list operation's result are, shown briefly to people.

A `list` in every respect but how it shows (the display helpers, handed in: `handed.py`): a page of 25 employees is
otherwise 12,740 characters on one line (docs/calling-operations.md).
"""

from __future__ import annotations

from typing import Any, TypeVar

from . import handed

T = TypeVar("T")


class ModelList(list[T]):
    """A list of models (or of any values) with a short repr, IPython's pretty form and an HTML table."""

    __slots__ = ()

    def __repr__(self) -> str:
        return handed.views.list_repr(self)  # loaded when a list is first shown

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        handed.views.list_pretty(self, printer, cycle)

    def _repr_html_(self) -> str:
        return handed.views.list_html(self)


def model_list(value: Any) -> Any:
    """`value` as a `ModelList` if it is a plain list (a list operation's payload), else as it is."""
    return ModelList(value) if value.__class__ is list else value
